import { afterEach } from 'vitest';
import { Connection } from '../src/connection.ts';
import type { ConnectionOptions } from '../src/connection.ts';
import type { Simulator, SimulatorOptions } from '../src/sim/index.ts';
import { startSimulator } from '../src/sim/index.ts';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  const all = cleanups.splice(0).reverse();
  for (const c of all) await c().catch(() => undefined);
});

/** Starts a simulator on an ephemeral loopback port, closed after the test. */
export async function sim(options: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator({ password: 'secret', ...options });
  cleanups.push(() => s.close());
  return s;
}

/** Opens a connection to a simulator, closed after the test. */
export async function connect(
  s: Simulator,
  options: Partial<ConnectionOptions> = {},
): Promise<Connection> {
  const c = await Connection.open({
    host: '127.0.0.1',
    port: s.port,
    user: s.user,
    password: s.password,
    connectTimeoutMs: 3000,
    ...options,
  });
  cleanups.push(async () => c.destroy());
  return c;
}

/** Registers any async cleanup. */
export function defer(fn: () => Promise<void>): void {
  cleanups.push(fn);
}
