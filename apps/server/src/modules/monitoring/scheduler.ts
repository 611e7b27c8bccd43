import { hostname } from 'node:os';
import type { AppDeps } from '../../runtime/deps.ts';
import { pollRouter, type PollResult } from './poller.ts';
import { claimDueRouters, ensureMonitorRows, releaseLease, type Claim } from './queries.ts';
import { readMonitoringSettings } from './settings.ts';

/** Identifies this process in leases, for operators reading `router_monitor`. */
export const NODE_ID = `${hostname()}:${process.pid}`;

async function pollClaimed(deps: AppDeps, claims: Claim[]): Promise<PollResult[]> {
  if (claims.length === 0) return [];
  const settings = await readMonitoringSettings(deps.db);
  const results = await Promise.all(
    claims.map(async (c): Promise<PollResult | null> => {
      try {
        return await pollRouter(deps, c, settings);
      } catch (err) {
        deps.logger.error({ err, routerId: c.router.id }, 'router poll failed');
        await releaseLease(deps.db, c.router.id).catch(() => undefined);
        return null;
      }
    }),
  );
  return results.filter((r): r is PollResult => r !== null);
}

/** Polls every router that is due now (up to `limit`), waiting for all of them. */
export async function runDuePolls(deps: AppDeps, limit = 1000): Promise<PollResult[]> {
  const now = deps.clock.now();
  await ensureMonitorRows(deps.db, now);
  return pollClaimed(deps, await claimDueRouters(deps.db, NODE_ID, now, limit));
}

/** Polls one router now, health and usage, whatever its schedule ("Poll now"). */
export async function pollRouterNow(deps: AppDeps, routerId: string): Promise<PollResult | null> {
  const now = deps.clock.now();
  await ensureMonitorRows(deps.db, now);
  const [result] = await pollClaimed(
    deps,
    await claimDueRouters(deps.db, NODE_ID, now, 1, routerId),
  );
  return result ?? null;
}

export interface PollScheduler {
  stop(): Promise<void>;
}

/**
 * The worker's polling loop: each tick it leases as many due routers as it has free slots and
 * polls them side by side. A slow or dead router holds one slot for one timeout; the others go on.
 */
export function startPollScheduler(
  deps: AppDeps,
  options: { concurrency?: number; tickMs?: number } = {},
): PollScheduler {
  const concurrency = options.concurrency ?? 64;
  const tickMs = options.tickMs ?? 1000;
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let lastEnsure = 0;
  let running = false;

  const tick = async (): Promise<void> => {
    if (running || stopped) return;
    running = true;
    try {
      const now = deps.clock.now();
      if (Date.now() - lastEnsure > 30_000) {
        await ensureMonitorRows(deps.db, now);
        lastEnsure = Date.now();
      }
      const free = concurrency - inFlight.size;
      if (free <= 0) return;
      const claims = await claimDueRouters(deps.db, NODE_ID, now, free);
      if (claims.length === 0) return;
      const settings = await readMonitoringSettings(deps.db);
      for (const c of claims) {
        const p = pollRouter(deps, c, settings)
          .catch(async (err: unknown) => {
            deps.logger.error({ err, routerId: c.router.id }, 'router poll failed');
            await releaseLease(deps.db, c.router.id).catch(() => undefined);
          })
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
    } catch (err) {
      deps.logger.warn({ err }, 'poll scheduler tick failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  void tick();
  return {
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}
