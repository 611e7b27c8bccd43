import { z } from 'zod';

/*
 * Live events: small notices pushed to the dashboard and the portal over Server-Sent Events.
 * They are hints, never the record: a client that (re)connects refetches state over the REST API,
 * because nothing is replayed.
 */

const isoDateTime = z.iso.datetime({ offset: true });

/** Staff topics and the ability each needs; `portal:<customerId>` is the customer's own topic. */
export const STAFF_LIVE_TOPICS = ['monitoring'] as const;
export const staffLiveTopicSchema = z.enum(STAFF_LIVE_TOPICS);
export type StaffLiveTopic = z.infer<typeof staffLiveTopicSchema>;

export const PORTAL_LIVE_TOPIC_PREFIX = 'portal:';
export function portalLiveTopic(customerId: string): string {
  return `${PORTAL_LIVE_TOPIC_PREFIX}${customerId}`;
}

/** `?topics=monitoring[,...]`: required, so a client always says what it listens to. */
export const liveEventsQuerySchema = z.strictObject({
  topics: z
    .string()
    .max(200)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(staffLiveTopicSchema).min(1).max(STAFF_LIVE_TOPICS.length)),
});
export type LiveEventsQuery = z.infer<typeof liveEventsQuerySchema>;

/** The portal stream takes no parameters: a customer only ever hears their own topic. */
export const portalLiveEventsQuerySchema = z.strictObject({});

export const routerLiveStatusSchema = z.enum(['up', 'down', 'unknown']);
export type RouterLiveStatus = z.infer<typeof routerLiveStatusSchema>;

export const routerStatusEventDataSchema = z.object({
  routerId: z.string(),
  status: routerLiveStatusSchema,
  /** When the router entered this status. */
  since: isoDateTime,
  /** Round trip of the last health poll; null when it did not answer. */
  latencyMs: z.number().nonnegative().nullable(),
});
export type RouterStatusEventData = z.infer<typeof routerStatusEventDataSchema>;

export const routerRatesEventDataSchema = z.object({
  routerId: z.string(),
  /** When the counters behind these rates were read. */
  at: isoDateTime,
  interfaces: z.array(
    z.object({
      name: z.string(),
      rxBps: z.number().nonnegative(),
      txBps: z.number().nonnegative(),
    }),
  ),
  /** Percent, 0..100; null when the router did not report it. */
  cpuLoad: z.number().min(0).max(100).nullable(),
});
export type RouterRatesEventData = z.infer<typeof routerRatesEventDataSchema>;

export const liveAlertSeveritySchema = z.enum(['info', 'warning', 'critical']);
export type LiveAlertSeverity = z.infer<typeof liveAlertSeveritySchema>;
export const liveAlertStatusSchema = z.enum(['open', 'acknowledged', 'resolved']);
export type LiveAlertStatus = z.infer<typeof liveAlertStatusSchema>;

/** An alert as pushed live: enough to update a list row; the detail page fetches the rest. */
export const liveAlertSchema = z.object({
  id: z.string(),
  rule: z.string(),
  severity: liveAlertSeveritySchema,
  status: liveAlertStatusSchema,
  title: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  routerId: z.string().nullable().optional(),
  openedAt: isoDateTime,
  lastTriggeredAt: isoDateTime.optional(),
  acknowledgedAt: isoDateTime.nullable().optional(),
  resolvedAt: isoDateTime.nullable().optional(),
  flapCount: z.number().int().nonnegative().optional(),
});
export type LiveAlert = z.infer<typeof liveAlertSchema>;

export const liveAlertEventDataSchema = z.object({ alert: liveAlertSchema });
export type LiveAlertEventData = z.infer<typeof liveAlertEventDataSchema>;

export const subscriberSessionEventDataSchema = z.object({
  subscriptionId: z.string(),
  routerId: z.string(),
  online: z.boolean(),
  /** When the session started (online) or ended (offline), as the poller saw it. */
  at: isoDateTime,
});
export type SubscriberSessionEventData = z.infer<typeof subscriberSessionEventDataSchema>;

/** What every live event looks like on the wire, known type or not. */
export const liveEventEnvelopeSchema = z.object({
  type: z.string().min(1).max(100),
  at: isoDateTime,
  data: z.unknown(),
});
export type LiveEventEnvelope = z.infer<typeof liveEventEnvelopeSchema>;

function eventOf<T extends string, D extends z.ZodType>(
  type: T,
  data: D,
): z.ZodObject<{ type: z.ZodLiteral<T>; at: typeof isoDateTime; data: D }> {
  return z.object({ type: z.literal(type), at: isoDateTime, data });
}

export const routerStatusEventSchema = eventOf('router.status', routerStatusEventDataSchema);
export const routerRatesEventSchema = eventOf('router.rates', routerRatesEventDataSchema);
export const alertOpenedEventSchema = eventOf('alert.opened', liveAlertEventDataSchema);
export const alertUpdatedEventSchema = eventOf('alert.updated', liveAlertEventDataSchema);
export const alertResolvedEventSchema = eventOf('alert.resolved', liveAlertEventDataSchema);
export const subscriberSessionEventSchema = eventOf(
  'subscriber.session',
  subscriberSessionEventDataSchema,
);

/** Every event type the server emits; switch on `type` to narrow `data`. */
export const liveEventSchema = z.discriminatedUnion('type', [
  routerStatusEventSchema,
  routerRatesEventSchema,
  alertOpenedEventSchema,
  alertUpdatedEventSchema,
  alertResolvedEventSchema,
  subscriberSessionEventSchema,
]);
export type LiveEvent = z.infer<typeof liveEventSchema>;
export type LiveEventType = LiveEvent['type'];
export const LIVE_EVENT_TYPES = liveEventSchema.options.map(
  (o) => o.shape.type.value,
) as readonly LiveEventType[];
