import type { SimDeviceSpec, SimModelId } from '@jaring/genieacs/sim';
import { eq, sql } from 'drizzle-orm';
import { acsServers } from '../db/schema/index.ts';
import { rowsOf } from '../lib/sql-helpers.ts';
import { runSync } from '../modules/devices/jobs.ts';
import type { AppDeps } from '../runtime/deps.ts';

/** The simulated GenieACS NBI, as scripts/demo.ts starts it. */
export interface DemoAcs {
  readonly url: string;
  addDevice(spec: SimDeviceSpec): string;
}

export const DEMO_ACS_NAME = 'GenieACS (simulated)';

const MODELS: readonly SimModelId[] = ['HG8245H', 'HG8145V5', 'F670L', 'F660', 'G-2425G-A'];
const PREFIX: Readonly<Record<SimModelId, string>> = {
  HG8245H: '48575443',
  HG8145V5: '48575443',
  F670L: 'ZTEG',
  F660: 'ZTEG',
  'G-2425G-A': 'ALCL',
};

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * An ONT for every demo PPPoE subscription (so they match by username on the first sync), a
 * few the demo cannot match (stock on a shelf, a neighbour's), one with a failing fibre and one
 * that has been off for days. Serials derive from the username: a restarted demo finds the same
 * devices. The ACS server is registered once; its address follows the simulator's port.
 */
export async function seedDemoDevices(deps: AppDeps, acs: DemoAcs): Promise<number> {
  const subs = await rowsOf<{ username: string }>(
    deps.db.execute(sql`select username from subscriptions
      where type = 'pppoe' and status <> 'terminated' order by username`),
  );
  const now = Date.now();
  subs.forEach((s, i) => {
    const model = MODELS[hash(s.username) % MODELS.length] ?? 'HG8245H';
    const tail = (hash(`serial:${s.username}`) % 0xffffffff)
      .toString(16)
      .toUpperCase()
      .padStart(8, '0');
    acs.addDevice({
      // One in seven serials carries a '-' the way some vendors print them: escaped in ACS ids.
      serial: i % 7 === 3 ? `${PREFIX[model]}-${tail}` : `${PREFIX[model]}${tail}`,
      model,
      pppoeUsername: s.username,
      hosts: hash(`hosts:${s.username}`) % 6,
      ...(i === 2 ? { rxPowerDbm: -28.4 } : {}),
      ...(i === 5 ? { online: false, lastInform: now - 3 * 86_400_000 } : {}),
    });
  });
  for (const [n, serial] of ['ZTEGSTOCK0001', 'ZTEGSTOCK0002', '48575443NEIGHBOUR'].entries()) {
    acs.addDevice({
      serial,
      model: n === 2 ? 'HG8245H' : 'F670L',
      pppoeUsername: n === 2 ? 'tetangga-sebelah' : '',
      online: n === 2,
    });
  }
  const [existing] = await deps.db
    .select({ id: acsServers.id })
    .from(acsServers)
    .where(eq(acsServers.name, DEMO_ACS_NAME));
  let id = existing?.id;
  if (id) {
    await deps.db.update(acsServers).set({ baseUrl: acs.url }).where(eq(acsServers.id, id));
  } else {
    const [row] = await deps.db
      .insert(acsServers)
      .values({ name: DEMO_ACS_NAME, baseUrl: acs.url, taskTimeoutMs: 5_000 })
      .returning({ id: acsServers.id });
    id = row?.id;
  }
  if (!id) return 0;
  // Synced now rather than at the first scheduled sync, so the devices are there at first look.
  const result = await runSync(deps, id, 'full').catch((err: unknown) => {
    deps.logger.warn({ err }, 'demo ACS sync failed');
    return null;
  });
  return result?.devices ?? 0;
}
