import { ConfigError, loadConfig } from './config/env.ts';
import { createLogger } from './lib/logger.ts';
import { start, type Mode } from './runtime/start.ts';

const MODES: readonly Mode[] = ['serve', 'worker', 'all'];

async function main(): Promise<void> {
  const arg = process.argv[2] ?? 'all';
  if (!MODES.includes(arg as Mode)) {
    process.stderr.write(`Unknown mode "${arg}". Use one of: ${MODES.join(', ')}\n`);
    process.exit(2);
  }
  let config;
  try {
    config = loadConfig(process.env, process.cwd());
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(78);
  }
  const logger = createLogger(config.logLevel);
  let running;
  try {
    running = await start(config, arg as Mode, logger);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    logger.fatal({ err }, 'start-up failed');
    process.exit(1);
  }
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

await main();
