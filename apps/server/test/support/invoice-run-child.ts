/**
 * A second worker process for the concurrency test: connects to the database given, prints
 * "ready", waits for a line on stdin (the parent sends it to both processes once both are ready,
 * so they start their run together), runs the invoice run once and prints its result as one JSON
 * line. Usage: node invoice-run-child.ts <url> <asOf>
 */
import { connectDatabase } from '../../src/db/connect.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { systemContext } from '../../src/modules/auth/principal.ts';
import { runInvoices } from '../../src/modules/billing/invoice-run.ts';
import type { AppDeps } from '../../src/runtime/deps.ts';

const [url, asOf] = process.argv.slice(2);
if (!url || !asOf) throw new Error('usage: invoice-run-child.ts <url> <asOf>');
const database = await connectDatabase({ url, dataDir: '', poolMax: 2 });
// Only what the run touches: the database, the clock and the time zone.
const deps = {
  database,
  db: database.db,
  clock: new ManualClock(`${asOf}T03:00:00Z`),
  config: { timezone: 'Asia/Jakarta' },
} as unknown as AppDeps;
await database.ping();
process.stdout.write('ready\n');
await new Promise<void>((resolve) => {
  process.stdin.once('data', () => resolve());
  process.stdin.once('end', () => resolve());
});
process.stdin.destroy();
try {
  const startedAt = Date.now();
  const r = await runInvoices(deps, systemContext(), { asOf, dryRun: false });
  const line = {
    count: r.count,
    first: r.firstNumber,
    last: r.lastNumber,
    total: r.total.toString(),
    startedAt,
    finishedAt: Date.now(),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
} finally {
  await database.close();
}
