import { TrapError, type Transport } from '@jaring/routeros';
import { OWNER_TAG } from '../reconcile/menus.ts';
import {
  parseBool,
  parseHealth,
  parseIntOrNull,
  parsePair,
  parseResource,
  parseRouterDuration,
  queueUsername,
  type HealthReading,
  type ResourceReading,
} from './parse.ts';

/**
 * What a poll reads from a router, through the router's shared pool: a few prints sent together
 * on the pooled connections (pipelined), never a login per poll.
 */

export interface InterfaceReading {
  name: string;
  type: string | null;
  running: boolean;
  disabled: boolean;
  rxBytes: number;
  txBytes: number;
}

export interface HealthPoll {
  latencyMs: number;
  resource: ResourceReading;
  health: HealthReading;
  interfaces: InterfaceReading[];
}

export interface ActiveSession {
  service: 'pppoe' | 'hotspot';
  username: string;
  /** The router's id of the session: a new one means the subscriber reconnected. */
  routerSessionId: string;
  address: string | null;
  callerId: string | null;
  uptimeS: number | null;
}

/** A per-subscriber byte counter: `up` is the subscriber's upload, `down` its download. */
export interface UsageCounter {
  key: string;
  service: 'pppoe' | 'hotspot';
  username: string;
  up: number;
  down: number;
}

export interface UsagePoll {
  sessions: ActiveSession[];
  counters: UsageCounter[];
}

/** A menu the router does not have (no hotspot package, no health sensors) reads as empty. */
async function optional(
  run: Promise<{ rows: Record<string, string>[] }>,
): Promise<Record<string, string>[]> {
  try {
    return (await run).rows;
  } catch (err) {
    if (err instanceof TrapError) return [];
    throw err;
  }
}

export async function collectHealth(t: Transport, timeoutMs: number): Promise<HealthPoll> {
  const started = performance.now();
  let latency = 0;
  // The resource print's round trip is the router's latency as the poller sees it.
  const resourceP = t.exec('/system/resource/print', { timeoutMs }).then((r) => {
    latency = performance.now() - started;
    return r;
  });
  const [resource, health, interfaces] = await Promise.all([
    resourceP,
    optional(t.exec('/system/health/print', { timeoutMs })),
    t.exec(
      {
        command: '/interface/print',
        proplist: ['name', 'type', 'running', 'disabled', 'rx-byte', 'tx-byte'],
        // Per-session interfaces (`<pppoe-x>`) are counted per subscriber, not here.
        where: { dynamic: false },
      },
      { timeoutMs },
    ),
  ]);
  return {
    latencyMs: Math.round(latency),
    resource: parseResource(resource.rows[0]),
    health: parseHealth(health),
    interfaces: interfaces.rows.flatMap((r): InterfaceReading[] => {
      const name = r['name'];
      if (!name) return [];
      return [
        {
          name,
          type: r['type'] ?? null,
          running: parseBool(r['running']),
          disabled: parseBool(r['disabled']),
          rxBytes: parseIntOrNull(r['rx-byte']) ?? 0,
          txBytes: parseIntOrNull(r['tx-byte']) ?? 0,
        },
      ];
    }),
  };
}

const STATIC_QUEUE_PREFIX = `${OWNER_TAG}-`;

export async function collectUsage(t: Transport, timeoutMs: number): Promise<UsagePoll> {
  const [ppp, queues, hotspot] = await Promise.all([
    t.exec(
      {
        command: '/ppp/active/print',
        // Address and caller id matter only for new sessions: `sessionDetails` reads them then.
        proplist: ['.id', 'name', 'uptime', 'session-id'],
      },
      { timeoutMs },
    ),
    t.exec({ command: '/queue/simple/print', proplist: ['name', 'bytes'] }, { timeoutMs }),
    optional(
      t.exec(
        {
          command: '/ip/hotspot/active/print',
          proplist: ['.id', 'user', 'address', 'mac-address', 'uptime', 'bytes-in', 'bytes-out'],
        },
        { timeoutMs },
      ),
    ),
  ]);
  const sessions: ActiveSession[] = [];
  for (const r of ppp.rows) {
    if (!r['name']) continue;
    sessions.push({
      service: 'pppoe',
      username: r['name'],
      routerSessionId: r['session-id'] || r['.id'] || '',
      address: null,
      callerId: null,
      uptimeS: parseRouterDuration(r['uptime']),
    });
  }
  const counters: UsageCounter[] = [];
  for (const r of queues.rows) {
    const name = r['name'] ?? '';
    const bytes = parsePair(r['bytes']);
    if (!bytes) continue;
    const ppp = queueUsername(name);
    if (ppp) {
      counters.push({ key: `q:${name}`, ...ppp, up: bytes[0], down: bytes[1] });
    } else if (name.startsWith(STATIC_QUEUE_PREFIX)) {
      // Static-IP subscribers: the queue Jaring keeps for them counts their traffic.
      const username = name.slice(STATIC_QUEUE_PREFIX.length);
      counters.push({ key: `q:${name}`, service: 'pppoe', username, up: bytes[0], down: bytes[1] });
    }
  }
  for (const r of hotspot) {
    const user = r['user'];
    if (!user) continue;
    sessions.push({
      service: 'hotspot',
      username: user,
      routerSessionId: r['.id'] ?? '',
      address: r['address'] || null,
      callerId: r['mac-address'] || null,
      uptimeS: parseRouterDuration(r['uptime']),
    });
    counters.push({
      key: `h:${user}`,
      service: 'hotspot',
      username: user,
      // bytes-in is what the router received from the client: the subscriber's upload.
      up: parseIntOrNull(r['bytes-in']) ?? 0,
      down: parseIntOrNull(r['bytes-out']) ?? 0,
    });
  }
  return { sessions, counters };
}

/**
 * Address and caller id of PPP sessions, read only when some are new since the last poll (the
 * regular usage print leaves them out: at 250 sessions a router that is most of the reply).
 */
export async function sessionDetails(
  t: Transport,
  timeoutMs: number,
): Promise<Map<string, { address: string | null; callerId: string | null }>> {
  const rows = await t.exec(
    { command: '/ppp/active/print', proplist: ['name', 'address', 'caller-id'] },
    { timeoutMs },
  );
  return new Map(
    rows.rows.map((r) => [
      (r['name'] ?? '').toLowerCase(),
      { address: r['address'] || null, callerId: r['caller-id'] || null },
    ]),
  );
}
