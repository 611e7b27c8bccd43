import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, type Config } from './env.ts';

const KEY_FILE = 'app.key';

/**
 * Embedded mode must start with no setup at all, so it creates a key in DATA_DIR on first start.
 * With a server database the key must come from the environment: several nodes share the data and
 * a key generated on one of them would make every other node unable to decrypt.
 */
export async function resolveAppKey(config: Config): Promise<string> {
  if (config.appKey) return config.appKey.replace(/^base64:/, '');
  if (config.databaseUrl) {
    throw new ConfigError(
      'Invalid configuration:\n  APP_KEY: required when DATABASE_URL is set (generate one with `openssl rand -base64 32`)',
    );
  }
  await mkdir(config.dataDir, { recursive: true });
  const path = join(config.dataDir, KEY_FILE);
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32).toString('base64');
  // 'wx' fails if another process created it first; then we read theirs.
  try {
    await writeFile(path, `${key}\n`, { flag: 'wx', mode: 0o600 });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return (await readFile(path, 'utf8')).trim();
  }
}
