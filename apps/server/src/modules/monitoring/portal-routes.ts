import { portalUsageQuerySchema, portalUsageSchema, type PortalUsage } from '@jaring/contracts';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { subscriptions } from '../../db/schema/index.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { selectOpenSession, selectUsage } from './read-queries.ts';
import { subscriberTraffic, makeGrid } from './series.ts';
import { requireSubscription } from './service.ts';
import { addDays, monthStart, zonedDay, zonedMidnight } from './zoned.ts';

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

/** A customer's own usage and status: only their subscriptions can be named. */
export async function portalUsage(
  deps: AppDeps,
  customerId: string,
  query: { subscriptionId?: string | undefined; range: PortalUsage['series']['range'] },
): Promise<PortalUsage> {
  const now = deps.clock.now();
  const tz = deps.config.timezone;
  let subscriptionId: string | null;
  if (query.subscriptionId) {
    subscriptionId = (await requireSubscription(deps, query.subscriptionId, customerId)).id;
  } else {
    const [first] = await deps.db
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.customerId, customerId), ne(subscriptions.status, 'terminated')))
      .orderBy(asc(subscriptions.createdAt))
      .limit(1);
    subscriptionId = first?.id ?? null;
  }
  if (!subscriptionId) {
    const g = makeGrid(query.range, now, tz);
    return {
      subscriptionId: null,
      online: false,
      since: null,
      month: { up: 0, down: 0 },
      lastMonth: { up: 0, down: 0 },
      series: {
        range: query.range,
        bucketSeconds: g.bucketS,
        from: g.from.toISOString(),
        to: g.to.toISOString(),
        points: [],
      },
    };
  }
  const today = zonedDay(now, tz);
  const thisMonth = monthStart(today);
  const lastMonth = monthStart(today, -1);
  const [session, month, prev, series] = await Promise.all([
    selectOpenSession(deps.db, subscriptionId),
    selectUsage(
      deps.db,
      subscriptionId,
      thisMonth,
      addDays(today, 1),
      zonedMidnight(thisMonth, tz),
      now,
    ),
    selectUsage(
      deps.db,
      subscriptionId,
      lastMonth,
      thisMonth,
      zonedMidnight(lastMonth, tz),
      zonedMidnight(thisMonth, tz),
    ),
    subscriberTraffic(deps.db, subscriptionId, query.range, now, tz),
  ]);
  return {
    subscriptionId,
    online: session !== null,
    since: session?.startedAt ?? null,
    month,
    lastMonth: prev,
    series,
  };
}

/** Registered by the portal plugin inside its scope, behind its customer-session hook. */
export function registerPortalUsageRoutes(
  app: ZodApp,
  deps: AppDeps,
  customerOf: (request: FastifyRequest) => string,
): void {
  app.get(
    '/api/v1/portal/usage',
    {
      config: { public: true, customer: true },
      schema: {
        tags: ['portal'],
        summary: 'My service status and internet usage',
        querystring: portalUsageQuerySchema,
        response: { 200: portalUsageSchema },
      },
    },
    async (request) => portalUsage(deps, customerOf(request), request.query),
  );
}
