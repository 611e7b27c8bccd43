import { resolveAppKey } from '../config/app-key.ts';
import { loadConfig } from '../config/env.ts';
import { connectDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';

const config = loadConfig(process.env, process.cwd());
await resolveAppKey(config);
const database = await connectDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(database);
  process.stdout.write(`migrations applied (${database.kind})\n`);
} finally {
  await database.close();
}
