import type {
  LiveRate,
  MonitoringMap,
  MonitoringSummary,
  Page,
  RouterHealth,
  RouterInterface,
  RouterMonitorDetail,
  SubscriberMonitor,
  SubscriberSession,
  UpdateRouterInterface,
  UpdateRouterMonitor,
  UsageReportRow,
} from '@jaring/contracts';
import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  routerInterfaces,
  routerMonitor,
  routers,
  subscriberSessions,
  subscriptions,
} from '../../db/schema/index.ts';
import { decodeCreatedCursor, encodeCreatedCursor } from '../../lib/cursor.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { OWNER_TAG } from '../reconcile/menus.ts';
import { routerPool } from '../reconcile/router-pools.ts';
import { parsePair } from './parse.ts';
import { ensureMonitorRows } from './queries.ts';
import {
  selectInterfaces,
  selectLastSeen,
  selectMapOdps,
  selectMonitorSettings,
  selectOpenSession,
  selectRouterHealth,
  selectSessions,
  selectSummaryCounts,
  selectTopTalkers,
  selectUptimePercent,
  selectUsage,
  selectUsageReport,
  toInterface,
} from './read-queries.ts';
import { pollRouterNow } from './scheduler.ts';
import { routerTraffic } from './series.ts';
import { addDays, monthStart, zonedDay, zonedMidnight } from './zoned.ts';

export async function monitoringSummary(deps: AppDeps): Promise<MonitoringSummary> {
  const now = deps.clock.now();
  const tz = deps.config.timezone;
  const today = zonedDay(now, tz);
  const [counts, throughput, topTalkers, uptime] = await Promise.all([
    selectSummaryCounts(deps.db),
    routerTraffic(deps.db, null, '24h', now, tz),
    selectTopTalkers(deps.db, today, 10),
    selectUptimePercent(deps.db, new Date(now.getTime() - 30 * 86_400_000)),
  ]);
  return {
    generatedAt: now.toISOString(),
    ...counts,
    throughput: throughput.points,
    topTalkers,
    uptimePercent30d: uptime,
  };
}

export async function listRouterHealth(deps: AppDeps): Promise<{ data: RouterHealth[] }> {
  return { data: await selectRouterHealth(deps.db) };
}

async function requireRouter(
  deps: AppDeps,
  routerId: string,
): Promise<typeof routers.$inferSelect> {
  const [row] = await deps.db.select().from(routers).where(eq(routers.id, routerId));
  if (!row) throw notFound('Router');
  return row;
}

export async function routerMonitorDetail(
  deps: AppDeps,
  routerId: string,
): Promise<RouterMonitorDetail> {
  await requireRouter(deps, routerId);
  await ensureMonitorRows(deps.db, deps.clock.now());
  const [[health], settings, interfaces] = await Promise.all([
    selectRouterHealth(deps.db, routerId),
    selectMonitorSettings(deps.db, routerId),
    selectInterfaces(deps.db, routerId),
  ]);
  if (!health || !settings) throw notFound('Router');
  return { ...health, settings, interfaces };
}

export async function updateRouterMonitor(
  deps: AppDeps,
  ctx: RequestContext,
  routerId: string,
  input: UpdateRouterMonitor,
): Promise<RouterMonitorDetail> {
  await requireRouter(deps, routerId);
  const now = deps.clock.now();
  await ensureMonitorRows(deps.db, now);
  await deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        enabled: routerMonitor.enabled,
        healthIntervalS: routerMonitor.healthIntervalS,
        usageIntervalS: routerMonitor.usageIntervalS,
      })
      .from(routerMonitor)
      .where(eq(routerMonitor.routerId, routerId));
    await tx
      .update(routerMonitor)
      .set({
        ...input,
        // A shorter interval takes effect now rather than after the old one runs out.
        ...(input.healthIntervalS !== undefined
          ? {
              nextHealthAt: sql`least(${routerMonitor.nextHealthAt}, ${new Date(now.getTime() + input.healthIntervalS * 1000)})`,
            }
          : {}),
        ...(input.usageIntervalS !== undefined
          ? {
              nextUsageAt: sql`least(${routerMonitor.nextUsageAt}, ${new Date(now.getTime() + input.usageIntervalS * 1000)})`,
            }
          : {}),
        updatedAt: now,
      })
      .where(eq(routerMonitor.routerId, routerId));
    await recordAudit(tx, ctx, {
      action: 'router.monitoring_updated',
      entityType: 'router',
      entityId: routerId,
      before,
      after: { ...before, ...input },
    });
  });
  return routerMonitorDetail(deps, routerId);
}

export async function updateRouterInterface(
  deps: AppDeps,
  ctx: RequestContext,
  routerId: string,
  name: string,
  input: UpdateRouterInterface,
): Promise<RouterInterface> {
  await requireRouter(deps, routerId);
  return deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(routerInterfaces)
      .where(and(eq(routerInterfaces.routerId, routerId), eq(routerInterfaces.name, name)));
    if (!before) throw notFound('Interface');
    const [row] = await tx
      .update(routerInterfaces)
      .set({
        ...(input.uplink !== undefined ? { uplink: input.uplink } : {}),
        ...(input.capacityBps !== undefined ? { capacityBps: input.capacityBps } : {}),
      })
      .where(and(eq(routerInterfaces.routerId, routerId), eq(routerInterfaces.name, name)))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'router.interface_updated',
      entityType: 'router',
      entityId: routerId,
      before: { name, uplink: before.uplink, capacityBps: before.capacityBps },
      after: { name, uplink: row?.uplink, capacityBps: row?.capacityBps },
    });
    return toInterface({
      name: row?.name,
      type: row?.type,
      running: row?.running,
      disabled: row?.disabled,
      uplink: row?.uplink,
      capacity_bps: row?.capacityBps,
      rx_bps: row?.rxBps,
      tx_bps: row?.txBps,
      last_seen_at: row?.lastSeenAt,
    });
  });
}

export async function pollNow(
  deps: AppDeps,
  ctx: RequestContext,
  routerId: string,
): Promise<RouterMonitorDetail> {
  await requireRouter(deps, routerId);
  // A scheduled poll holding the router's lease ends within its timeouts; wait for it rather
  // than refuse.
  let result = await pollRouterNow(deps, routerId);
  const deadline = Date.now() + 15_000;
  while (!result && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    result = await pollRouterNow(deps, routerId);
  }
  if (!result) {
    throw new DomainError('conflict', 'The router is being polled right now; try again shortly');
  }
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, ctx, {
      action: 'router.polled',
      entityType: 'router',
      entityId: routerId,
      after: { status: result.status, samples: result.samples },
    });
  });
  return routerMonitorDetail(deps, routerId);
}

interface SubscriptionRef {
  id: string;
  routerId: string;
  username: string;
  customerId: string;
  staticIp: string | null;
}

export async function requireSubscription(
  deps: AppDeps,
  id: string,
  customerId?: string,
): Promise<SubscriptionRef> {
  const [row] = await deps.db
    .select({
      id: subscriptions.id,
      routerId: subscriptions.routerId,
      username: subscriptions.username,
      customerId: subscriptions.customerId,
      staticIp: subscriptions.staticIp,
    })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.id, id),
        customerId === undefined ? undefined : eq(subscriptions.customerId, customerId),
      ),
    );
  if (!row) throw notFound('Subscription');
  return row;
}

export async function subscriberMonitor(
  deps: AppDeps,
  subscriptionId: string,
): Promise<SubscriberMonitor> {
  const sub = await requireSubscription(deps, subscriptionId);
  const now = deps.clock.now();
  const tz = deps.config.timezone;
  const today = zonedDay(now, tz);
  const thisMonth = monthStart(today);
  const lastMonth = monthStart(today, -1);
  const [session, lastEnd, monitor, todayUsage, month, prevMonth] = await Promise.all([
    selectOpenSession(deps.db, sub.id),
    selectLastSeen(deps.db, sub.id),
    deps.db
      .select({ status: routerMonitor.status })
      .from(routerMonitor)
      .where(eq(routerMonitor.routerId, sub.routerId)),
    selectUsage(deps.db, sub.id, today, addDays(today, 1), zonedMidnight(today, tz), now),
    selectUsage(deps.db, sub.id, thisMonth, addDays(today, 1), zonedMidnight(thisMonth, tz), now),
    selectUsage(
      deps.db,
      sub.id,
      lastMonth,
      thisMonth,
      zonedMidnight(lastMonth, tz),
      zonedMidnight(thisMonth, tz),
    ),
  ]);
  return {
    subscriptionId: sub.id,
    online: session !== null,
    routerDown: monitor[0]?.status === 'down',
    session,
    lastSeenAt: session ? now.toISOString() : (lastEnd?.toISOString() ?? null),
    today: todayUsage,
    month,
    lastMonth: prevMonth,
  };
}

function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decodeCursor<T extends unknown[]>(cursor: string, check: (v: unknown[]) => v is T): T {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && check(v)) return v;
  } catch {
    // fall through
  }
  throw new DomainError('validation_failed', 'Invalid cursor', {
    fields: [{ path: 'cursor', message: 'Invalid cursor', code: 'invalid_cursor' }],
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function subscriberSessionsPage(
  deps: AppDeps,
  subscriptionId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<SubscriberSession>> {
  await requireSubscription(deps, subscriptionId);
  const before = query.cursor ? decodeCreatedCursor(query.cursor) : undefined;
  const rows = await selectSessions(
    deps.db,
    subscriptionId,
    query.limit + 1,
    before ? { startedAt: before.createdAt, id: before.id } : undefined,
  );
  const data = rows.slice(0, query.limit);
  const last = data[data.length - 1];
  return {
    data,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCreatedCursor({ createdAt: new Date(last.startedAt), id: last.id })
        : null,
  };
}

/**
 * The subscriber's rate right now, read from the router's queue for the session (through the
 * shared pool). Hotspot users have no per-user queue rate, so only online is known for them.
 */
export async function subscriberLiveRate(deps: AppDeps, subscriptionId: string): Promise<LiveRate> {
  const sub = await requireSubscription(deps, subscriptionId);
  const now = deps.clock.now();
  const [open] = await deps.db
    .select({ service: subscriberSessions.service })
    .from(subscriberSessions)
    .where(and(eq(subscriberSessions.subscriptionId, sub.id), isNull(subscriberSessions.endedAt)));
  const [router] = await deps.db.select().from(routers).where(eq(routers.id, sub.routerId));
  if (!router) throw notFound('Router');
  const names = [`<pppoe-${sub.username}>`, `${OWNER_TAG}-${sub.username}`];
  try {
    const result = await routerPool(deps, router).exec(
      {
        command: '/queue/simple/print',
        proplist: ['name', 'rate'],
        where: { name: names[0] as string },
      },
      { timeoutMs: 5000 },
    );
    let row = result.rows[0];
    if (!row && sub.staticIp) {
      const r2 = await routerPool(deps, router).exec(
        {
          command: '/queue/simple/print',
          proplist: ['name', 'rate'],
          where: { name: names[1] as string },
        },
        { timeoutMs: 5000 },
      );
      row = r2.rows[0];
    }
    const rate = parsePair(row?.['rate']);
    return {
      online: open !== undefined || row !== undefined,
      upBps: rate ? rate[0] : null,
      downBps: rate ? rate[1] : null,
      at: now.toISOString(),
    };
  } catch (err) {
    throw new DomainError(
      'router_unreachable',
      `Could not read the router: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

export async function monitoringMap(deps: AppDeps): Promise<MonitoringMap> {
  const [routersHealth, odps] = await Promise.all([
    selectRouterHealth(deps.db),
    selectMapOdps(deps.db),
  ]);
  return { routers: routersHealth, odps };
}

export async function usageReport(
  deps: AppDeps,
  query: { month?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<UsageReportRow>> {
  const month = query.month
    ? `${query.month}-01`
    : monthStart(zonedDay(deps.clock.now(), deps.config.timezone));
  const after = query.cursor
    ? decodeCursor(
        query.cursor,
        (v): v is [number, string] =>
          v.length === 2 &&
          typeof v[0] === 'number' &&
          Number.isSafeInteger(v[0]) &&
          typeof v[1] === 'string' &&
          UUID.test(v[1]),
      )
    : undefined;
  const rows = await selectUsageReport(
    deps.db,
    month,
    query.limit + 1,
    after ? { total: after[0], id: after[1] } : undefined,
  );
  const data = rows.slice(0, query.limit);
  const last = data[data.length - 1];
  return {
    data: data.map(({ total: _total, ...r }) => r),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([last.total, last.subscriptionId]) : null,
  };
}
