// Request and response schemas of the monitoring and alerts API.
import { z } from 'zod';
import { notificationChannelSchema, notificationLocaleSchema } from './notifications.ts';
import { paginationQuerySchema } from './pagination.ts';

export const routerStatusSchema = z.enum(['unknown', 'up', 'down']);
export type RouterStatus = z.infer<typeof routerStatusSchema>;

/** Chart ranges; each is served from the finest level that still covers it. */
export const seriesRangeSchema = z.enum(['1h', '24h', '7d', '30d', '12m']);
export type SeriesRange = z.infer<typeof seriesRangeSchema>;
export const seriesQuerySchema = z.strictObject({ range: seriesRangeSchema.default('24h') });

// ---- Routers ----------------------------------------------------------------------------------

export const routerHealthSchema = z.object({
  routerId: z.uuid(),
  name: z.string(),
  status: routerStatusSchema,
  statusSince: z.string(),
  monitoringEnabled: z.boolean(),
  latencyMs: z.number().int().nullable(),
  cpuLoad: z.number().int().nullable(),
  memoryUsed: z.number().int().nullable(),
  memoryTotal: z.number().int().nullable(),
  uptimeS: z.number().int().nullable(),
  version: z.string().nullable(),
  board: z.string().nullable(),
  temperatureC: z.number().nullable(),
  voltageV: z.number().nullable(),
  activeSessions: z.number().int(),
  lastPollAt: z.string().nullable(),
  lastError: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  openAlerts: z.number().int(),
});
export type RouterHealth = z.infer<typeof routerHealthSchema>;

export const routerInterfaceSchema = z.object({
  name: z.string(),
  type: z.string().nullable(),
  running: z.boolean(),
  disabled: z.boolean(),
  uplink: z.boolean(),
  capacityBps: z.number().int().nullable(),
  rxBps: z.number().int().nullable(),
  txBps: z.number().int().nullable(),
  /** Highest of rx/tx over capacity, 0-100; null without a capacity. */
  utilisationPercent: z.number().nullable(),
  lastSeenAt: z.string(),
});
export type RouterInterface = z.infer<typeof routerInterfaceSchema>;

export const routerMonitorSettingsSchema = z.object({
  enabled: z.boolean(),
  healthIntervalS: z.number().int().min(10).max(3600),
  usageIntervalS: z.number().int().min(60).max(3600),
});
export type RouterMonitorSettings = z.infer<typeof routerMonitorSettingsSchema>;
export const updateRouterMonitorSchema = routerMonitorSettingsSchema.partial().strict();
export type UpdateRouterMonitor = z.infer<typeof updateRouterMonitorSchema>;

export const routerMonitorDetailSchema = routerHealthSchema.extend({
  settings: routerMonitorSettingsSchema,
  interfaces: z.array(routerInterfaceSchema),
});
export type RouterMonitorDetail = z.infer<typeof routerMonitorDetailSchema>;

export const updateRouterInterfaceSchema = z.strictObject({
  uplink: z.boolean().optional(),
  /** Link capacity in bit/s (null = unknown). */
  capacityBps: z.number().int().min(1000).max(400_000_000_000).nullable().optional(),
});
export type UpdateRouterInterface = z.infer<typeof updateRouterInterfaceSchema>;

export const healthPointSchema = z.object({
  t: z.string(),
  /** Share of polls that reached the router, 0-1. */
  up: z.number(),
  cpuAvg: z.number().nullable(),
  cpuMax: z.number().nullable(),
  memoryUsed: z.number().nullable(),
  memoryTotal: z.number().nullable(),
  latencyMs: z.number().nullable(),
  temperatureC: z.number().nullable(),
});
export type HealthPoint = z.infer<typeof healthPointSchema>;

export const interfacePointSchema = z.object({
  t: z.string(),
  rxBps: z.number(),
  txBps: z.number(),
  rxBpsMax: z.number(),
  txBpsMax: z.number(),
});
export type InterfacePoint = z.infer<typeof interfacePointSchema>;

/** Traffic in one bucket: bytes counted and the mean rate over the bucket. */
export const trafficPointSchema = z.object({
  t: z.string(),
  up: z.number(),
  down: z.number(),
  upBps: z.number(),
  downBps: z.number(),
});
export type TrafficPoint = z.infer<typeof trafficPointSchema>;

export const seriesSchema = <T extends z.ZodType>(
  point: T,
): z.ZodObject<{
  range: typeof seriesRangeSchema;
  bucketSeconds: z.ZodNumber;
  from: z.ZodString;
  to: z.ZodString;
  points: z.ZodArray<T>;
}> =>
  z.object({
    range: seriesRangeSchema,
    bucketSeconds: z.number().int(),
    from: z.string(),
    to: z.string(),
    points: z.array(point),
  });
export const healthSeriesSchema = seriesSchema(healthPointSchema);
export type HealthSeries = z.infer<typeof healthSeriesSchema>;
export const interfaceSeriesSchema = seriesSchema(interfacePointSchema);
export type InterfaceSeries = z.infer<typeof interfaceSeriesSchema>;
export const trafficSeriesSchema = seriesSchema(trafficPointSchema);
export type TrafficSeries = z.infer<typeof trafficSeriesSchema>;

// ---- Subscribers --------------------------------------------------------------------------------

export const subscriberSessionSchema = z.object({
  id: z.uuid(),
  routerId: z.uuid(),
  routerName: z.string().nullable(),
  service: z.enum(['pppoe', 'hotspot']),
  username: z.string(),
  address: z.string().nullable(),
  callerId: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  bytesUp: z.number(),
  bytesDown: z.number(),
});
export type SubscriberSession = z.infer<typeof subscriberSessionSchema>;

export const usageTotalsSchema = z.object({ up: z.number(), down: z.number() });
export type UsageTotals = z.infer<typeof usageTotalsSchema>;

export const subscriberMonitorSchema = z.object({
  subscriptionId: z.uuid(),
  online: z.boolean(),
  /** The router the subscriber is on is down: the online state is not known. */
  routerDown: z.boolean(),
  session: subscriberSessionSchema.nullable(),
  lastSeenAt: z.string().nullable(),
  today: usageTotalsSchema,
  month: usageTotalsSchema,
  lastMonth: usageTotalsSchema,
});
export type SubscriberMonitor = z.infer<typeof subscriberMonitorSchema>;

export const liveRateSchema = z.object({
  online: z.boolean(),
  upBps: z.number().nullable(),
  downBps: z.number().nullable(),
  at: z.string(),
});
export type LiveRate = z.infer<typeof liveRateSchema>;

export const sessionListQuerySchema = paginationQuerySchema;

export const usageReportQuerySchema = paginationQuerySchema.extend({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use YYYY-MM')
    .optional(),
});
export const usageReportRowSchema = z.object({
  subscriptionId: z.uuid(),
  customerId: z.uuid(),
  customerNumber: z.string(),
  customerName: z.string(),
  username: z.string(),
  up: z.number(),
  down: z.number(),
});
export type UsageReportRow = z.infer<typeof usageReportRowSchema>;

// ---- Dashboard ---------------------------------------------------------------------------------

export const topTalkerSchema = z.object({
  subscriptionId: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string(),
  username: z.string(),
  up: z.number(),
  down: z.number(),
});
export type TopTalker = z.infer<typeof topTalkerSchema>;

export const monitoringSummarySchema = z.object({
  generatedAt: z.string(),
  routers: z.object({
    total: z.number().int(),
    up: z.number().int(),
    down: z.number().int(),
    unknown: z.number().int(),
  }),
  activeSessions: z.number().int(),
  alerts: z.object({
    open: z.number().int(),
    critical: z.number().int(),
    warning: z.number().int(),
    info: z.number().int(),
  }),
  /** Subscriber traffic of the whole network, last 24 hours in 5-minute buckets. */
  throughput: z.array(trafficPointSchema),
  /** Heaviest users today, as of the last hourly rollup. */
  topTalkers: z.array(topTalkerSchema),
  /** Share of router polls that succeeded over the last 30 days, 0-100; null without data. */
  uptimePercent30d: z.number().nullable(),
});
export type MonitoringSummary = z.infer<typeof monitoringSummarySchema>;

export const mapOdpSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['odc', 'odp']),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  subscribers: z.number().int(),
  offline: z.number().int(),
  outage: z.boolean(),
});
export type MapOdp = z.infer<typeof mapOdpSchema>;
export const monitoringMapSchema = z.object({
  routers: z.array(routerHealthSchema),
  odps: z.array(mapOdpSchema),
});
export type MonitoringMap = z.infer<typeof monitoringMapSchema>;

// ---- Alerts -------------------------------------------------------------------------------------

export const ALERT_RULES = [
  'router_down',
  'router_cpu',
  'router_memory',
  'interface_utilisation',
  'subscriber_offline',
  'odp_outage',
  'device_rx_power',
  'device_offline',
] as const;
export const alertRuleSchema = z.enum(ALERT_RULES);
export type AlertRule = z.infer<typeof alertRuleSchema>;
export const alertSeveritySchema = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;
export const alertStatusSchema = z.enum(['open', 'acknowledged', 'resolved']);
export type AlertStatus = z.infer<typeof alertStatusSchema>;

export const alertSchema = z.object({
  id: z.uuid(),
  rule: alertRuleSchema,
  severity: alertSeveritySchema,
  status: alertStatusSchema,
  entityType: z.enum(['router', 'interface', 'subscription', 'odp', 'device']),
  entityId: z.string().nullable(),
  routerId: z.uuid().nullable(),
  title: z.string(),
  details: z.record(z.string(), z.unknown()),
  openedAt: z.string(),
  lastTriggeredAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  /** The name of whoever acknowledged it, for display (`acknowledgedBy` is their user id). */
  acknowledgedByName: z.string().nullable().optional(),
  resolvedAt: z.string().nullable(),
  /** Who resolved it; null when it resolved by itself. */
  resolvedBy: z.string().nullable(),
  /** The name of whoever resolved it, for display; null or absent when it resolved by itself. */
  resolvedByName: z.string().nullable().optional(),
  note: z.string().nullable(),
  flapCount: z.number().int(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertListQuerySchema = paginationQuerySchema.extend({
  status: z.enum(['active', 'open', 'acknowledged', 'resolved', 'all']).default('active'),
  severity: alertSeveritySchema.optional(),
  rule: alertRuleSchema.optional(),
  routerId: z.uuid().optional(),
  entityId: z.string().max(200).optional(),
});
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;

export const alertActionSchema = z.strictObject({
  note: z.string().trim().max(1000).optional(),
});
export type AlertAction = z.infer<typeof alertActionSchema>;

// ---- Settings ------------------------------------------------------------------------------------

const severity = alertSeveritySchema;
const minutes = z.number().int().min(0).max(10_080);
const base = { enabled: z.boolean(), severity, notify: z.boolean() };

export const monitoringSettingsSchema = z.strictObject({
  rules: z.strictObject({
    routerDown: z.strictObject({ ...base, forMinutes: minutes }),
    routerCpu: z.strictObject({
      ...base,
      thresholdPercent: z.number().int().min(1).max(100),
      forMinutes: minutes,
    }),
    routerMemory: z.strictObject({
      ...base,
      thresholdPercent: z.number().int().min(1).max(100),
      forMinutes: minutes,
    }),
    interfaceUtilisation: z.strictObject({
      ...base,
      thresholdPercent: z.number().int().min(1).max(100),
      forMinutes: minutes,
    }),
    subscriberOffline: z.strictObject({ ...base, hours: z.number().int().min(1).max(720) }),
    odpOutage: z.strictObject({
      ...base,
      minSubscribers: z.number().int().min(2).max(1000),
      minPercent: z.number().int().min(1).max(100),
      windowMinutes: z.number().int().min(1).max(240),
    }),
    deviceRxPower: z.strictObject({
      ...base,
      thresholdDbm: z.number().min(-40).max(0),
      forMinutes: minutes,
    }),
    deviceOffline: z.strictObject({ ...base, hours: z.number().int().min(1).max(720) }),
  }),
  /** A condition must stay clear this long before its alert resolves (flapping suppression). */
  clearMinutes: minutes,
  /** A condition returning this soon after its alert resolved reopens it without paging again. */
  reopenMinutes: minutes,
  recipients: z
    .array(
      z.strictObject({
        channel: notificationChannelSchema,
        recipient: z.string().trim().min(1).max(254),
        locale: notificationLocaleSchema,
      }),
    )
    .max(50),
  retention: z.strictObject({
    rawDays: z.number().int().min(1).max(14),
    fiveMinuteDays: z.number().int().min(7).max(90),
    hourlyMonths: z.number().int().min(1).max(36),
  }),
});
export type MonitoringSettings = z.infer<typeof monitoringSettingsSchema>;

export const DEFAULT_MONITORING_SETTINGS: MonitoringSettings = {
  rules: {
    routerDown: { enabled: true, severity: 'critical', notify: true, forMinutes: 2 },
    routerCpu: {
      enabled: true,
      severity: 'warning',
      notify: true,
      thresholdPercent: 90,
      forMinutes: 10,
    },
    routerMemory: {
      enabled: true,
      severity: 'warning',
      notify: true,
      thresholdPercent: 90,
      forMinutes: 10,
    },
    interfaceUtilisation: {
      enabled: true,
      severity: 'warning',
      notify: true,
      thresholdPercent: 90,
      forMinutes: 10,
    },
    subscriberOffline: { enabled: true, severity: 'info', notify: false, hours: 24 },
    odpOutage: {
      enabled: true,
      severity: 'critical',
      notify: true,
      minSubscribers: 3,
      minPercent: 50,
      windowMinutes: 15,
    },
    deviceRxPower: {
      enabled: true,
      severity: 'warning',
      notify: false,
      thresholdDbm: -27,
      forMinutes: 30,
    },
    deviceOffline: { enabled: true, severity: 'info', notify: false, hours: 24 },
  },
  clearMinutes: 2,
  reopenMinutes: 30,
  recipients: [],
  retention: { rawDays: 2, fiveMinuteDays: 30, hourlyMonths: 13 },
};

// ---- Portal --------------------------------------------------------------------------------------

export const portalUsageQuerySchema = z.strictObject({
  subscriptionId: z.uuid().optional(),
  range: seriesRangeSchema.default('30d'),
});
export const portalUsageSchema = z.object({
  subscriptionId: z.uuid().nullable(),
  online: z.boolean(),
  since: z.string().nullable(),
  month: usageTotalsSchema,
  lastMonth: usageTotalsSchema,
  series: trafficSeriesSchema,
});
export type PortalUsage = z.infer<typeof portalUsageSchema>;
