import type { Role } from '@jaring/contracts';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config/env.ts';
import { buildApp } from '../../src/http/app.ts';
import type { DeclaredRoute } from '../../src/http/route-registry.ts';
import type { JobDefinition } from '../../src/jobs/define-job.ts';
import type { Clock } from '../../src/lib/clock.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { hashPassword } from '../../src/lib/password.ts';
import { insertUser } from '../../src/modules/users/queries.ts';
import { closeDeps, createDeps } from '../../src/runtime/create-deps.ts';
import type { AppDeps } from '../../src/runtime/deps.ts';
import { createTestDatabase } from './database.ts';

export interface TestEnvOptions {
  env?: Record<string, string>;
  clock?: Clock;
  /** Start the job queue (and, with `worker`, process jobs). Off by default: it costs a second. */
  jobs?: boolean;
  worker?: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  jobDefinitions?: readonly JobDefinition<any, AppDeps>[];
}

export interface Agent {
  cookie: string;
  csrfToken: string;
  userId: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

export interface TestEnv {
  deps: AppDeps;
  app: FastifyInstance;
  routes: DeclaredRoute[];
  /** Every log line written so far, raw. */
  logs: string[];
  close(): Promise<void>;
  createUser(
    role: Role,
    overrides?: { email?: string; password?: string },
  ): Promise<{ id: string; email: string; password: string }>;
  login(email: string, password: string, remoteAddress?: string): Promise<Agent>;
  /** A user of the role, logged in. */
  agentFor(role: Role): Promise<Agent>;
}

let counter = 0;

export async function createTestEnv(options: TestEnvOptions = {}): Promise<TestEnv> {
  const testDb = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'jaring-test-'));
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      APP_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      ...(process.env.REDIS_URL
        ? {
            REDIS_URL: process.env.REDIS_URL,
            REDIS_KEY_PREFIX: `jaring-test-${randomBytes(4).toString('hex')}:`,
          }
        : {}),
      ...options.env,
    },
    process.cwd(),
  );
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb): void {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const logger = createLogger('info', sink);
  const deps = await createDeps(config, {
    logger,
    worker: options.worker ?? false,
    database: testDb.database,
    pollingIntervalSeconds: 0.5,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.jobDefinitions ? { jobs: options.jobDefinitions } : {}),
  });
  if (options.jobs || options.worker) await deps.jobs.start(deps);
  const { app, routes } = await buildApp(deps);

  async function createUser(
    role: Role,
    overrides: { email?: string; password?: string } = {},
  ): Promise<{ id: string; email: string; password: string }> {
    counter += 1;
    const email =
      overrides.email ?? `${role}-${counter}-${randomBytes(3).toString('hex')}@example.test`;
    const password = overrides.password ?? `pw-${randomBytes(9).toString('base64url')}`;
    const row = await insertUser(deps.db, {
      email,
      name: `${role} ${counter}`,
      role,
      locale: 'en',
      passwordHash: await hashPassword(password),
    });
    if (!row) throw new Error('user exists');
    return { id: row.id, email, password };
  }

  async function login(
    email: string,
    password: string,
    remoteAddress = '127.0.0.1',
  ): Promise<Agent> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress,
    });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'jaring_session');
    if (!cookie) throw new Error('no session cookie');
    const body = res.json<{ csrfToken: string; user: { id: string } }>();
    const cookieHeader = `jaring_session=${cookie.value}`;
    return {
      cookie: cookieHeader,
      csrfToken: body.csrfToken,
      userId: body.user.id,
      request(opts: InjectOptions): Promise<LightMyRequestResponse> {
        return app.inject({
          remoteAddress,
          ...opts,
          headers: { cookie: cookieHeader, 'x-csrf-token': body.csrfToken, ...opts.headers },
        });
      },
    };
  }

  let loginIp = 0;
  return {
    deps,
    app,
    routes,
    logs,
    createUser,
    login,
    async agentFor(role: Role): Promise<Agent> {
      const u = await createUser(role);
      loginIp += 1;
      // Each agent logs in from its own address so login throttling never trips across tests.
      return login(u.email, u.password, `198.51.100.${loginIp % 250}`);
    },
    async close(): Promise<void> {
      await app.close();
      await closeDeps(deps);
      await testDb.drop().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
