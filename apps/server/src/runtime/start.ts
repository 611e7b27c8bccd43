import { startPollScheduler } from '../modules/monitoring/scheduler.ts';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { ensureOwner } from '../bootstrap/owner.ts';
import { ConfigError, type Config } from '../config/env.ts';
import { buildApp } from '../http/app.ts';
import { closeDeps, createDeps } from './create-deps.ts';
import { lockDataDir } from './data-dir-lock.ts';
import type { AppDeps } from './deps.ts';

export type Mode = 'serve' | 'worker' | 'all';

export interface Running {
  deps: AppDeps;
  app: FastifyInstance | undefined;
  /** Where the HTTP server listens, when this node serves. */
  url: string | undefined;
  stop(): Promise<void>;
}

export async function start(config: Config, mode: Mode, logger: Logger): Promise<Running> {
  const embedded = !config.databaseUrl;
  if (embedded && mode !== 'all') {
    throw new ConfigError(
      `Mode "${mode}" needs DATABASE_URL: the embedded database runs in one process, so use mode "all".`,
    );
  }
  const unlock = embedded ? lockDataDir(config.dataDir) : undefined;
  const serves = mode !== 'worker';
  const works = mode !== 'serve';
  let deps: AppDeps | undefined;
  let app: FastifyInstance | undefined;
  try {
    deps = await createDeps(config, { logger, worker: works });
    const owner = await ensureOwner(deps);
    if (owner) {
      // Deliberately not through the logger: log shipping must never carry this password.
      const lines = owner.generatedPassword
        ? [
            `Owner account created: ${owner.email}`,
            `Password (shown only now): ${owner.generatedPassword}`,
          ]
        : [`Owner account created: ${owner.email} (password from ADMIN_PASSWORD)`];
      process.stdout.write(`\n${lines.map((l) => `  ${l}`).join('\n')}\n\n`);
    }
    await deps.jobs.start(deps);
    const poller =
      works && config.monitoringPollConcurrency > 0
        ? startPollScheduler(deps, { concurrency: config.monitoringPollConcurrency })
        : undefined;
    let url: string | undefined;
    if (serves) {
      app = (await buildApp(deps)).app;
      url = await app.listen({ port: config.port, host: config.host });
    }
    logger.info(
      { mode, url, database: deps.database.kind, redis: Boolean(deps.redis) },
      'jaring started',
    );
    if (mode !== 'all' && !deps.redis) {
      // Live events then stay inside this process: a worker's never reach another node's browsers.
      logger.warn({ mode }, 'live updates across processes need REDIS_URL');
    }
    const started = deps;
    const startedApp = app;
    let stopping: Promise<void> | undefined;
    return {
      deps: started,
      app: startedApp,
      url,
      stop(): Promise<void> {
        stopping ??= (async () => {
          if (startedApp) await startedApp.close();
          await poller?.stop();
          await closeDeps(started);
          unlock?.();
        })();
        return stopping;
      },
    };
  } catch (err) {
    if (app) await app.close().catch(() => undefined);
    if (deps) await closeDeps(deps).catch(() => undefined);
    unlock?.();
    throw err;
  }
}
