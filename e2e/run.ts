/**
 * Runs the browser journeys: builds the web app when needed, starts a throwaway server on a free
 * port with a fresh data directory, waits for /readyz, runs Vitest with BASE_URL, and always stops
 * the server. Exits with the journeys' status.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './support/ports.ts';
import { webBuildIsStale } from './support/staleness.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');
const OWNER_EMAIL = 'owner@example.test';
const OWNER_PASSWORD = `E2e-${randomBytes(12).toString('base64url')}`;
const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function waitForReady(
  baseUrl: string,
  server: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`server exited early with code ${server.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server not ready within ${timeoutMs} ms`);
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(
      `Chromium not found at ${CHROMIUM_PATH}; install it: apt-get install -y chromium`,
    );
    return 1;
  }
  mkdirSync(ARTIFACTS, { recursive: true });

  if (webBuildIsStale(ROOT)) {
    console.log('e2e: building the web app');
    const code = await run('npm', ['run', 'build']);
    if (code !== 0) return code;
  }

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'jaring-e2e-'));
  const log = createWriteStream(join(ARTIFACTS, 'server.log'));
  const server = spawn(process.execPath, ['apps/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      // The address the browser uses: gateway simulators post notifications to it and send the
      // customer back to it after paying, and the portal cookie belongs to it.
      APP_URL: baseUrl,
      DATA_DIR: dataDir,
      ADMIN_EMAIL: OWNER_EMAIL,
      ADMIN_PASSWORD: OWNER_PASSWORD,
      DATABASE_URL: '',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);

  const interrupt = (): void => {
    void stopServer(server).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  try {
    const started = Date.now();
    await waitForReady(baseUrl, server, 60_000);
    console.log(`e2e: server ready at ${baseUrl} in ${Date.now() - started} ms`);
    return await run(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--config',
        'e2e/vitest.config.ts',
        // `npm run test:e2e -- <filter>` runs only the matching journeys.
        ...process.argv.slice(2),
      ],
      {
        ...process.env,
        BASE_URL: baseUrl,
        E2E_BASE_URL: baseUrl,
        E2E_OWNER_EMAIL: OWNER_EMAIL,
        E2E_OWNER_PASSWORD: OWNER_PASSWORD,
        CHROMIUM_PATH,
      },
    );
  } catch (error) {
    console.error('e2e:', error instanceof Error ? error.message : error);
    console.error(`e2e: server output is in ${join(ARTIFACTS, 'server.log')}`);
    return 1;
  } finally {
    await stopServer(server);
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
