// `npm run bench:startup`: time from `npm start` (web app already built) to /readyz answering
// 200 on the embedded database, first start (empty DATA_DIR) and restart, and the server's RSS.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWebBuild } from '../scripts/web-build.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() =>
        a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port')),
      );
    });
  });
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry), ...descendants(Number(entry)));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

/** The server is the descendant with the largest RSS (npm and the shell are small). */
function serverRss(root: number): number {
  return Math.max(...descendants(root).map((p) => rssMb(p)), 0);
}

async function untilReady(port: number, child: ChildProcess): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error('server exited before it was ready');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) return performance.now() - t0;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function run(
  dataDir: string,
): Promise<{ readyMs: number; rssMb: number; idleRssMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: 'owner@example.test',
      ADMIN_PASSWORD: 'bench-password-1',
    },
    stdio: 'ignore',
    detached: true,
  });
  try {
    await untilReady(port, child);
    const readyMs = performance.now() - started;
    const rss = serverRss(child.pid ?? 0);
    await new Promise((r) => setTimeout(r, 3000));
    return { readyMs: Math.round(readyMs), rssMb: rss, idleRssMb: serverRss(child.pid ?? 0) };
  } finally {
    process.kill(-(child.pid ?? 0), 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

ensureWebBuild();
const dataDir = mkdtempSync(join(tmpdir(), 'jaring-bench-startup-'));
try {
  const first = await run(dataDir);
  process.stderr.write(`first start: ${JSON.stringify(first)}\n`);
  const second = await run(dataDir);
  process.stderr.write(`restart: ${JSON.stringify(second)}\n`);
  process.stdout.write(
    `${JSON.stringify({
      first_start_ready_ms: first.readyMs,
      restart_ready_ms: second.readyMs,
      rss_mb_at_ready: second.rssMb,
      rss_mb_idle: second.idleRssMb,
      database: 'pglite',
      node: process.version,
    })}\n`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
