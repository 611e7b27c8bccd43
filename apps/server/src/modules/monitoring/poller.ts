import type { LiveEvent, MonitoringSettings } from '@jaring/contracts';
import type { AppDeps } from '../../runtime/deps.ts';
import type { AlertChange } from '../alerts/conditions.ts';
import { routerConditions } from '../alerts/router-rules.ts';
import { onRouterConnected } from '../reconcile/reconnect.ts';
import { routerPool } from '../reconcile/router-pools.ts';
import {
  collectHealth,
  collectUsage,
  sessionDetails,
  type HealthPoll,
  type UsagePoll,
} from './collect.ts';
import { counterDelta, MAX_PLAUSIBLE_BPS } from './counters.ts';
import type { HealthWrite, SessionClose, UsageWrite } from './ingest.ts';
import { publishAlertChanges, publishLive, publishSessionEvents } from './live.ts';
import { pollWriter, type PreparedPoll } from './poll-writer.ts';
import { ensurePartitions } from './partitions.ts';
import type { Claim } from './queries.ts';
import { diffSessions, sessionKey, type KnownSession } from './session-diff.ts';

/** Interface counters at the last health poll: `{ name: [rx, tx, atMs] }`. */
type InterfaceState = Record<string, [number, number, number]>;
/** Per-subscriber counters at the last usage poll (`c`: `{ key: [up, down] }`), taken at `at`. */
interface UsageState {
  at?: number;
  c?: Record<string, [number, number]>;
}
/** Sessions open at the last usage poll: `{ "service:username": routerSessionId }`. */
type SessionState = Record<string, string>;

const HEALTH_TIMEOUT_MS = 10_000;
const USAGE_TIMEOUT_MS = 20_000;
/** A router slower than this is polled less often until it recovers. */
const SLOW_MS = 2_000;
const MAX_BACKOFF_S = 300;
const BUCKET_MS = 300_000;

export interface PollResult {
  routerId: string;
  reachable: boolean;
  status: 'up' | 'down';
  statusChanged: boolean;
  /** Raw samples written (router, interface and subscriber rows). */
  samples: number;
  alertChanges: AlertChange[];
  sessionsOpened: number;
  sessionsClosed: number;
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 500);
}

/** Next poll after a failure: the interval doubling per failure, capped at five minutes. */
export function backoffSeconds(
  intervalS: number,
  failures: number,
  latencyMs: number | null,
): number {
  if (failures > 0) {
    return Math.max(intervalS, Math.min(intervalS * 2 ** (failures - 1), MAX_BACKOFF_S));
  }
  return latencyMs !== null && latencyMs > SLOW_MS ? intervalS * 2 : intervalS;
}

function counterKey(service: 'pppoe' | 'hotspot', username: string, staticQueue = false): string {
  return `${service === 'hotspot' ? 'h' : staticQueue ? 's' : 'p'}:${username.toLowerCase()}`;
}

interface InterfaceOutcome {
  write: Pick<HealthWrite, 'interfaces' | 'interfaceSamples' | 'interfaceCounters'>;
  rates: Map<string, { rxBps: number; txBps: number }>;
}

function interfaceRates(
  health: HealthPoll,
  prev: InterfaceState,
  claim: Claim,
  now: number,
  rebooted: boolean,
): InterfaceOutcome {
  const counters: InterfaceState = {};
  const samples: HealthWrite['interfaceSamples'] = [];
  const rates = new Map<string, { rxBps: number; txBps: number }>();
  for (const i of health.interfaces) {
    counters[i.name] = [i.rxBytes, i.txBytes, now];
    const p = prev[i.name];
    if (!p) continue;
    const cap = claim.uplinks.get(i.name)?.capacityBps;
    const maxBps = cap ? cap * 1.5 : MAX_PLAUSIBLE_BPS;
    const rx = counterDelta(p[0], i.rxBytes, now - p[2], { restarted: rebooted, maxBps });
    const tx = counterDelta(p[1], i.txBytes, now - p[2], { restarted: rebooted, maxBps });
    if (rx.kind === 'implausible' || tx.kind === 'implausible' || rx.kind === 'first') continue;
    rates.set(i.name, { rxBps: rx.bps, txBps: tx.bps });
    samples.push({
      name: i.name,
      rxBps: rx.bps,
      txBps: tx.bps,
      rxBytes: rx.bytes,
      txBytes: tx.bytes,
    });
  }
  return {
    rates,
    write: {
      interfaceCounters: counters,
      interfaceSamples: samples,
      interfaces: health.interfaces.map((i) => ({
        name: i.name,
        type: i.type,
        running: i.running,
        disabled: i.disabled,
        rxBps: rates.get(i.name)?.rxBps ?? null,
        txBps: rates.get(i.name)?.txBps ?? null,
      })),
    },
  };
}

interface UsageOutcome {
  write: UsageWrite;
  closes: SessionClose[];
  diff: ReturnType<typeof diffSessions>;
}

/**
 * Per-subscriber traffic and sessions of one usage poll. The counters are dynamic queues
 * (`<pppoe-user>`) or hotspot sessions, which start at zero with each session: a session that is
 * new since the last poll counts everything on its counter, and a reboot restarts them all.
 */
function usageOutcome(
  usage: UsagePoll,
  state: { usage: UsageState; sessions: SessionState },
  now: number,
  uptime: number | null,
  healthRebooted: boolean,
): UsageOutcome {
  const lastAt = state.usage.at;
  const rebooted =
    healthRebooted || (lastAt !== undefined && uptime !== null && uptime * 1000 < now - lastAt);
  const known: KnownSession[] = Object.entries(state.sessions).map(([key, rsid]) => {
    const i = key.indexOf(':');
    return {
      service: key.slice(0, i) as 'pppoe' | 'hotspot',
      username: key.slice(i + 1),
      routerSessionId: rsid,
    };
  });
  const diff = diffSessions(known, usage.sessions, rebooted);
  const opened = new Set(diff.opened.map((s) => sessionKey(s)));
  const prev = state.usage.c ?? {};
  const counters: Record<string, [number, number]> = {};
  const samples: UsageWrite['samples'] = [];
  for (const c of usage.counters) {
    const key = counterKey(
      c.service,
      c.username,
      c.key.startsWith('q:') && !c.key.startsWith('q:<'),
    );
    counters[key] = [c.up, c.down];
    if (lastAt === undefined) continue;
    const p = prev[key];
    const restarted = rebooted || (opened.size > 0 && opened.has(sessionKey(c)));
    // A counter first seen on an older session: its total predates us and only becomes the
    // baseline.
    if (!p && !restarted) continue;
    const elapsed = now - lastAt;
    const du = counterDelta(p?.[0] ?? 0, c.up, elapsed, { restarted });
    const dd = counterDelta(p?.[1] ?? 0, c.down, elapsed, { restarted });
    if (du.kind === 'implausible' || dd.kind === 'implausible') continue;
    samples.push({
      username: c.username.toLowerCase(),
      up: du.bytes,
      down: dd.bytes,
      upBps: du.bps,
      downBps: dd.bps,
    });
  }
  const sessions: SessionState = {};
  for (const k of diff.kept) sessions[sessionKey(k)] = k.routerSessionId;
  for (const s of diff.opened) sessions[sessionKey(s)] = s.routerSessionId;
  const bootAt = uptime !== null ? now - uptime * 1000 : now;
  const closes: SessionClose[] = diff.closed.map(({ session, reason }) => {
    const last = prev[counterKey(session.service, session.username)];
    return {
      service: session.service,
      username: session.username,
      endedAt: new Date(reason === 'router_reboot' ? bootAt : now),
      reason,
      bytesUp: last?.[0] ?? 0,
      bytesDown: last?.[1] ?? 0,
    };
  });
  return {
    diff,
    closes,
    write: {
      samples,
      bucket: new Date(Math.floor(now / BUCKET_MS) * BUCKET_MS),
      sessions: usage.sessions.length,
      usageCounters: { at: now, c: counters },
      // Unchanged sessions need no rewrite of the stored state.
      sessionState:
        diff.opened.length > 0 || diff.closed.length > 0 || lastAt === undefined ? sessions : null,
    },
  };
}

/**
 * One poll of one leased router: health (resource, sensors, interface counters) and, when due,
 * subscriber usage and sessions, read through the router's shared pool. What the poll learned is
 * written in one transaction with the router's new poll state; alerts and live events follow.
 * A router that does not answer costs one timeout and is retried later with backoff; it never
 * holds up other routers.
 */
export async function pollRouter(
  deps: AppDeps,
  claim: Claim,
  settings: MonitoringSettings,
): Promise<PollResult> {
  const { router, monitor } = claim;
  const now = deps.clock.now();
  const nowMs = now.getTime();
  const pool = routerPool(deps, router);
  let health: HealthPoll | null;
  let usage: UsagePoll | null;
  let error: string | null = null;
  try {
    [health, usage] = await Promise.all([
      collectHealth(pool, HEALTH_TIMEOUT_MS),
      claim.usageDue ? collectUsage(pool, USAGE_TIMEOUT_MS) : Promise.resolve(null),
    ]);
  } catch (err) {
    error = errorText(err);
    health = null;
    usage = null;
  }
  await ensurePartitions(deps.db, now);

  const reachable = health !== null;
  const failures = reachable ? 0 : monitor.consecutiveFailures + 1;
  const status: 'up' | 'down' = reachable ? 'up' : 'down';
  const statusChanged = monitor.status !== status;
  const uptime = health?.resource.uptimeS ?? null;
  const rebooted = uptime !== null && monitor.uptimeS !== null && uptime < monitor.uptimeS;
  const ifs = health
    ? interfaceRates(
        health,
        (monitor.interfaceCounters ?? {}) as InterfaceState,
        claim,
        nowMs,
        rebooted,
      )
    : null;
  const use = usage
    ? usageOutcome(
        usage,
        {
          usage: monitor.usageCounters as UsageState,
          sessions: monitor.sessions as SessionState,
        },
        nowMs,
        uptime,
        rebooted,
      )
    : null;
  const uplinks = [...claim.uplinks.entries()].flatMap(([name, u]) => {
    const r = ifs?.rates.get(name);
    return u.uplink && u.capacityBps && r ? [{ name, capacityBps: u.capacityBps, ...r }] : [];
  });
  let sessions: PreparedPoll['sessions'] = null;
  if (use && use.diff.opened.some((s) => s.service === 'pppoe')) {
    const details = await sessionDetails(pool, USAGE_TIMEOUT_MS).catch(() => null);
    for (const s of use.diff.opened) {
      const d = s.service === 'pppoe' ? details?.get(s.username.toLowerCase()) : undefined;
      if (d) {
        s.address = d.address;
        s.callerId = d.callerId;
      }
    }
  }
  if (use && (use.diff.opened.length > 0 || use.diff.closed.length > 0)) {
    // A reconnect between polls is not news: only real transitions are reported.
    const openedKeys = new Set(use.diff.opened.map((s) => sessionKey(s)));
    const closedKeys = new Set(use.diff.closed.map((c) => sessionKey(c.session)));
    sessions = {
      closes: use.closes,
      opens: use.diff.opened.map((s) => ({
        service: s.service,
        username: s.username,
        address: s.address,
        callerId: s.callerId,
        routerSessionId: s.routerSessionId,
        startedAt: s.uptimeS !== null ? new Date(nowMs - s.uptimeS * 1000) : now,
      })),
      transitions: [
        ...use.diff.closed
          .filter((c) => !openedKeys.has(sessionKey(c.session)))
          .map((c) => ({ username: c.session.username, online: false })),
        ...use.diff.opened
          .filter((s) => !closedKeys.has(sessionKey(s)))
          .map((s) => ({ username: s.username, online: true })),
      ],
    };
  }
  const stored = await pollWriter(deps).store({
    settings,
    sessions,
    conditions: routerConditions(settings, {
      routerId: router.id,
      routerName: router.name,
      reachable,
      error,
      cpuLoad: health?.resource.cpuLoad ?? null,
      memoryUsed: health?.resource.memoryUsed ?? null,
      memoryTotal: health?.resource.memoryTotal ?? null,
      uplinks,
    }),
    write: {
      routerId: router.id,
      at: now,
      reachable,
      error,
      status,
      statusChanged,
      failures,
      nextHealthAt: new Date(
        nowMs + backoffSeconds(monitor.healthIntervalS, failures, health?.latencyMs ?? null) * 1000,
      ),
      nextUsageAt:
        claim.usageDue || !reachable
          ? new Date(nowMs + monitor.usageIntervalS * 1000)
          : monitor.nextUsageAt,
      health:
        health && ifs
          ? {
              latencyMs: health.latencyMs,
              cpuLoad: health.resource.cpuLoad,
              memoryUsed: health.resource.memoryUsed,
              memoryTotal: health.resource.memoryTotal,
              uptimeS: uptime,
              temperatureC: health.health.temperatureC,
              voltageV: health.health.voltageV,
              version: health.resource.version,
              board: health.resource.board,
              ...ifs.write,
            }
          : null,
      usage: use?.write ?? null,
    },
  });
  const { alertChanges, sessionEvents, subscriberSamples } = stored;

  // Side effects once the poll is committed.
  if (statusChanged && reachable && monitor.status === 'down') {
    await onRouterConnected(deps, router.id).catch((err: unknown) =>
      deps.logger.warn({ err, routerId: router.id }, 'reconcile after reconnect not queued'),
    );
  }
  const live: LiveEvent[] = [];
  if (statusChanged) {
    live.push({
      type: 'router.status',
      at: now.toISOString(),
      data: {
        routerId: router.id,
        status,
        since: now.toISOString(),
        latencyMs: health?.latencyMs ?? null,
      },
    });
  }
  if (health && ifs) {
    const cpu = health.resource.cpuLoad;
    live.push({
      type: 'router.rates',
      at: now.toISOString(),
      data: {
        routerId: router.id,
        at: now.toISOString(),
        interfaces: [...ifs.rates].map(([name, r]) => ({ name, rxBps: r.rxBps, txBps: r.txBps })),
        cpuLoad: cpu === null ? null : Math.min(100, Math.max(0, cpu)),
      },
    });
  }
  await publishLive(deps, 'monitoring', live);
  await publishAlertChanges(deps, alertChanges);
  await publishSessionEvents(deps, sessionEvents);

  return {
    routerId: router.id,
    reachable,
    status,
    statusChanged,
    samples: 1 + (ifs?.write.interfaceSamples.length ?? 0) + subscriberSamples,
    alertChanges,
    sessionsOpened: use?.diff.opened.length ?? 0,
    sessionsClosed: use?.diff.closed.length ?? 0,
  };
}
