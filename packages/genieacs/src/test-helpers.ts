/** Shared set-up for the tests that talk to a simulator over HTTP. */
import { afterEach } from 'vitest';
import { createGenieAcsClient } from './client.ts';
import type { GenieAcsClient, GenieAcsClientOptions } from './client-types.ts';
import { startNbiSimulator } from './sim/index.ts';
import type { NbiSimulator, NbiSimulatorOptions } from './sim/index.ts';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export interface Rig {
  readonly sim: NbiSimulator;
  readonly acs: GenieAcsClient;
}

/** A simulator (periodic informs off unless asked) and a client with fast retries. */
export async function rig(
  simOptions: NbiSimulatorOptions = {},
  clientOptions: Partial<GenieAcsClientOptions> = {},
): Promise<Rig> {
  const sim = await startNbiSimulator({ informIntervalMs: 0, sessionLatencyMs: 5, ...simOptions });
  cleanups.push(() => sim.close());
  const acs = createGenieAcsClient({
    baseUrl: sim.url,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    ...clientOptions,
  });
  cleanups.push(() => acs.close());
  return { sim, acs };
}
