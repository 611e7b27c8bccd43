import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, usingPostgres } from './support/database.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

interface Proc {
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
  kill(): void;
}

function run(env: Record<string, string>, args: string[] = []): Proc {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const p: Proc = {
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    kill: () => child.kill('SIGTERM'),
  };
  child.stdout.on('data', (d: Buffer) => (p.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (p.stderr += d.toString()));
  return p;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitReady(port: number, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - start > timeoutMs) throw new Error('not ready in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jaring-boot-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('boot', () => {
  it('refuses a bad variable with exit code 78 and a message naming it', async () => {
    const p = run({ PORT: 'not-a-port', DATA_DIR: join(dir, 'bad') });
    expect(await p.exited).toBe(78);
    expect(p.stderr).toMatch(/PORT: /);
  });

  it('refuses worker-only mode on the embedded database', async () => {
    const p = run({ DATA_DIR: join(dir, 'worker') }, ['worker']);
    expect(await p.exited).toBe(78);
    expect(p.stderr).toMatch(/DATABASE_URL/);
  });

  it('requires APP_KEY when the database is a server shared by several nodes', async () => {
    const p = run({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      DATA_DIR: join(dir, 'pg'),
    });
    expect(await p.exited).toBe(78);
    expect(p.stderr).toMatch(/APP_KEY: required when DATABASE_URL is set/);
  });

  it('first start creates APP_KEY and an owner with a generated password shown once; a restart keeps both', async () => {
    const dataDir = join(dir, 'fresh');
    const port = await freePort();
    const first = run({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
    let key: string | undefined;
    try {
      await waitReady(port);
      const match = /Password \(shown only now\): (\S+)/.exec(first.stdout);
      expect(match).not.toBeNull();
      const password = match?.[1] ?? '';
      key = await readFile(join(dataDir, 'app.key'), 'utf8');
      expect(Buffer.from(key.trim(), 'base64')).toHaveLength(32);
      expect(((await stat(join(dataDir, 'app.key'))).mode & 0o777).toString(8)).toBe('600');
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'owner@jaring.local', password }),
      });
      expect(login.status).toBe(200);

      // A second process on the same embedded database must refuse to start.
      const second = run({ DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1' });
      expect(await second.exited).toBe(1);
      expect(second.stdout + second.stderr).toMatch(/in use by process/);
    } finally {
      first.kill();
      expect(await first.exited).toBe(0);
    }

    const again = run({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
    try {
      await waitReady(port);
      expect(again.stdout).not.toMatch(/Password/);
      expect(await readFile(join(dataDir, 'app.key'), 'utf8')).toBe(key);
    } finally {
      again.kill();
      await again.exited;
    }
  }, 90_000);
});

// Separate API and worker processes need a database server; the embedded one is single-process.
if (usingPostgres) {
  describe('serve and worker nodes on PostgreSQL', () => {
    it('serve and worker nodes share one database: the API answers, the worker registers schedules and serves no HTTP', async () => {
      const db = await createTestDatabase();
      await db.database.close();
      const url = db.url ?? '';
      const common = {
        DATABASE_URL: url,
        APP_KEY: Buffer.alloc(32, 3).toString('base64'),
        HOST: '127.0.0.1',
      };
      const port = await freePort();
      const serve = run({ ...common, PORT: String(port), LOG_LEVEL: 'info' }, ['serve']);
      const worker = run({ ...common, PORT: String(port), LOG_LEVEL: 'info' }, ['worker']);
      try {
        await waitReady(port);
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const start = Date.now();
          let names: string[] = [];
          while (!names.includes('sessions.prune') && Date.now() - start < 20_000) {
            const res = await client.query<{ name: string }>('select name from pgboss.schedule');
            names = res.rows.map((r) => r.name);
            await new Promise((r) => setTimeout(r, 200));
          }
          expect(names).toContain('sessions.prune');
        } finally {
          await client.end();
        }
        expect(serve.stdout).toMatch(/"mode":"serve"/);
        expect(worker.stdout).toMatch(/"mode":"worker"/);
        expect(worker.stdout).not.toMatch(/Server listening/);
      } finally {
        serve.kill();
        worker.kill();
        expect(await serve.exited).toBe(0);
        expect(await worker.exited).toBe(0);
        await db.drop();
      }
    }, 60_000);
  });
}
