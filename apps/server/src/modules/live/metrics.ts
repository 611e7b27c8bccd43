import { Counter, Gauge, type Registry } from 'prom-client';

export type LiveAudience = 'staff' | 'portal';

export interface LiveMetrics {
  connections: Gauge<'audience'>;
  events: Counter<'type'>;
  publishErrors: Counter;
}

const byRegistry = new WeakMap<Registry, LiveMetrics>();

/**
 * Open live-event streams and the events fanned out to them. One set per registry: the event bus
 * (built in createDeps) and the HTTP routes both report here, and several apps in one process
 * (tests) never collide.
 */
export function liveMetrics(registry: Registry): LiveMetrics {
  const existing = byRegistry.get(registry);
  if (existing) return existing;
  const metrics: LiveMetrics = {
    connections: new Gauge({
      name: 'jaring_live_connections',
      help: 'Open live-event (SSE) streams on this node, by audience',
      labelNames: ['audience'] as const,
      registers: [registry],
    }),
    events: new Counter({
      name: 'jaring_live_events_total',
      help: 'Live events fanned out to subscribers on this node, by event type',
      labelNames: ['type'] as const,
      registers: [registry],
    }),
    publishErrors: new Counter({
      name: 'jaring_live_publish_errors_total',
      help: 'Live events dropped because Redis did not accept the publish',
      registers: [registry],
    }),
  };
  // Present from the first scrape, so dashboards show 0 rather than no data.
  metrics.connections.set({ audience: 'staff' }, 0);
  metrics.connections.set({ audience: 'portal' }, 0);
  byRegistry.set(registry, metrics);
  return metrics;
}
