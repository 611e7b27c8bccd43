import {
  idParamSchema,
  liveRateSchema,
  monitoringMapSchema,
  monitoringSettingsSchema,
  monitoringSummarySchema,
  pageSchema,
  routerHealthSchema,
  routerInterfaceSchema,
  routerMonitorDetailSchema,
  healthSeriesSchema,
  interfaceSeriesSchema,
  seriesQuerySchema,
  sessionListQuerySchema,
  subscriberMonitorSchema,
  subscriberSessionSchema,
  trafficSeriesSchema,
  updateRouterInterfaceSchema,
  updateRouterMonitorSchema,
  usageReportQuerySchema,
  usageReportRowSchema,
} from '@jaring/contracts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { interfaceSeries, routerHealthSeries, routerTraffic, subscriberTraffic } from './series.ts';
import {
  listRouterHealth,
  monitoringMap,
  monitoringSummary,
  pollNow,
  requireSubscription,
  routerMonitorDetail,
  subscriberLiveRate,
  subscriberMonitor,
  subscriberSessionsPage,
  updateRouterInterface,
  updateRouterMonitor,
  usageReport,
} from './service.ts';
import { readMonitoringSettings, updateMonitoringSettings } from './settings.ts';

const interfaceParamSchema = z.strictObject({
  id: z.uuid(),
  name: z.string().min(1).max(200),
});

/** Network monitoring: dashboard, routers, interfaces, subscribers, usage and settings. */
export function monitoringRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['monitoring'];
    const read = { ability: 'monitoring:read' } as const;
    const write = { ability: 'monitoring:write' } as const;
    const now = (): Date => deps.clock.now();
    const tz = deps.config.timezone;

    app.get(
      '/api/v1/monitoring/summary',
      {
        config: read,
        schema: {
          tags,
          summary: 'Network dashboard figures',
          response: { 200: monitoringSummarySchema },
        },
      },
      async () => monitoringSummary(deps),
    );
    app.get(
      '/api/v1/monitoring/routers',
      {
        config: read,
        schema: {
          tags,
          summary: 'Every router with its health, down first',
          response: { 200: z.object({ data: z.array(routerHealthSchema) }) },
        },
      },
      async () => listRouterHealth(deps),
    );
    app.get(
      '/api/v1/monitoring/routers/:id',
      {
        config: read,
        schema: {
          tags,
          summary: 'A router: health, interfaces and polling settings',
          params: idParamSchema,
          response: { 200: routerMonitorDetailSchema },
        },
      },
      async (request) => routerMonitorDetail(deps, request.params.id),
    );
    app.patch(
      '/api/v1/monitoring/routers/:id',
      {
        config: write,
        schema: {
          tags,
          summary: 'Turn polling on or off, change its intervals',
          params: idParamSchema,
          body: updateRouterMonitorSchema,
          response: { 200: routerMonitorDetailSchema },
        },
      },
      async (request) => updateRouterMonitor(deps, request.ctx, request.params.id, request.body),
    );
    app.post(
      '/api/v1/monitoring/routers/:id/poll',
      {
        config: { ...write, rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: {
          tags,
          summary: 'Poll the router now (health and usage)',
          params: idParamSchema,
          response: { 200: routerMonitorDetailSchema },
        },
      },
      async (request) => pollNow(deps, request.ctx, request.params.id),
    );
    app.patch(
      '/api/v1/monitoring/routers/:id/interfaces/:name',
      {
        config: write,
        schema: {
          tags,
          summary: 'Mark an interface as uplink and set its capacity',
          params: interfaceParamSchema,
          body: updateRouterInterfaceSchema,
          response: { 200: routerInterfaceSchema },
        },
      },
      async (request) =>
        updateRouterInterface(
          deps,
          request.ctx,
          request.params.id,
          request.params.name,
          request.body,
        ),
    );
    app.get(
      '/api/v1/monitoring/routers/:id/health',
      {
        config: read,
        schema: {
          tags,
          summary: 'Router health over a range',
          params: idParamSchema,
          querystring: seriesQuerySchema,
          response: { 200: healthSeriesSchema },
        },
      },
      async (request) => {
        await routerMonitorDetail(deps, request.params.id);
        return routerHealthSeries(deps.db, request.params.id, request.query.range, now(), tz);
      },
    );
    app.get(
      '/api/v1/monitoring/routers/:id/traffic',
      {
        config: read,
        schema: {
          tags,
          summary: 'Subscriber traffic through the router over a range',
          params: idParamSchema,
          querystring: seriesQuerySchema,
          response: { 200: trafficSeriesSchema },
        },
      },
      async (request) => {
        await routerMonitorDetail(deps, request.params.id);
        return routerTraffic(deps.db, request.params.id, request.query.range, now(), tz);
      },
    );
    app.get(
      '/api/v1/monitoring/routers/:id/interfaces/:name/traffic',
      {
        config: read,
        schema: {
          tags,
          summary: 'One interface over a range',
          params: interfaceParamSchema,
          querystring: seriesQuerySchema,
          response: { 200: interfaceSeriesSchema },
        },
      },
      async (request) => {
        await routerMonitorDetail(deps, request.params.id);
        return interfaceSeries(
          deps.db,
          request.params.id,
          request.params.name,
          request.query.range,
          now(),
          tz,
        );
      },
    );
    app.get(
      '/api/v1/monitoring/subscriptions/:id',
      {
        config: read,
        schema: {
          tags,
          summary: 'A subscriber: online, current session, usage',
          params: idParamSchema,
          response: { 200: subscriberMonitorSchema },
        },
      },
      async (request) => subscriberMonitor(deps, request.params.id),
    );
    app.get(
      '/api/v1/monitoring/subscriptions/:id/traffic',
      {
        config: read,
        schema: {
          tags,
          summary: "A subscriber's traffic over a range",
          params: idParamSchema,
          querystring: seriesQuerySchema,
          response: { 200: trafficSeriesSchema },
        },
      },
      async (request) => {
        await requireSubscription(deps, request.params.id);
        return subscriberTraffic(deps.db, request.params.id, request.query.range, now(), tz);
      },
    );
    app.get(
      '/api/v1/monitoring/subscriptions/:id/sessions',
      {
        config: read,
        schema: {
          tags,
          summary: "A subscriber's sessions, newest first",
          params: idParamSchema,
          querystring: sessionListQuerySchema,
          response: { 200: pageSchema(subscriberSessionSchema) },
        },
      },
      async (request) => subscriberSessionsPage(deps, request.params.id, request.query),
    );
    app.get(
      '/api/v1/monitoring/subscriptions/:id/live',
      {
        config: { ...read, rateLimit: { max: 120, timeWindow: 60_000 } },
        schema: {
          tags,
          summary: "The subscriber's rate now, read from the router",
          params: idParamSchema,
          response: { 200: liveRateSchema },
        },
      },
      async (request) => subscriberLiveRate(deps, request.params.id),
    );
    app.get(
      '/api/v1/monitoring/map',
      {
        config: read,
        schema: {
          tags,
          summary: 'Routers and ODPs with status',
          response: { 200: monitoringMapSchema },
        },
      },
      async () => monitoringMap(deps),
    );
    app.get(
      '/api/v1/monitoring/usage',
      {
        config: read,
        schema: {
          tags,
          summary: 'Monthly usage per subscriber, heaviest first',
          querystring: usageReportQuerySchema,
          response: { 200: pageSchema(usageReportRowSchema) },
        },
      },
      async (request) => usageReport(deps, request.query),
    );
    app.get(
      '/api/v1/monitoring/settings',
      {
        config: read,
        schema: {
          tags,
          summary: 'Alert rules, recipients and retention',
          response: { 200: monitoringSettingsSchema },
        },
      },
      async () => readMonitoringSettings(deps.db),
    );
    app.put(
      '/api/v1/monitoring/settings',
      {
        config: write,
        schema: {
          tags,
          summary: 'Replace alert rules, recipients and retention',
          body: monitoringSettingsSchema,
          response: { 200: monitoringSettingsSchema },
        },
      },
      async (request) => updateMonitoringSettings(deps, request.ctx, request.body),
    );
  };
}
