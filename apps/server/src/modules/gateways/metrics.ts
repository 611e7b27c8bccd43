import { Counter, Histogram, type Registry } from 'prom-client';

export interface GatewayMetrics {
  notifications: Counter<'gateway' | 'verified'>;
  transactions: Counter<'gateway' | 'channel' | 'status'>;
  applySeconds: Histogram<'gateway' | 'channel'>;
  statusChecks: Counter<'gateway' | 'ok'>;
}

const byRegistry = new WeakMap<Registry, GatewayMetrics>();

/**
 * Payment success by gateway and channel (final states counted as they are reached) and the
 * time from a paid notification reaching Jaring to its payment applied, service restoration
 * committed with it. One set per registry: several apps in one process (tests) never collide.
 */
export function gatewayMetrics(registry: Registry): GatewayMetrics {
  const existing = byRegistry.get(registry);
  if (existing) return existing;
  const metrics: GatewayMetrics = {
    notifications: new Counter({
      name: 'jaring_gateway_notifications_total',
      help: 'Payment gateway notifications received, by gateway and signature check',
      labelNames: ['gateway', 'verified'] as const,
      registers: [registry],
    }),
    transactions: new Counter({
      name: 'jaring_gateway_transactions_total',
      help: 'Gateway transactions reaching a state (paid, failed, expired, refunded ...)',
      labelNames: ['gateway', 'channel', 'status'] as const,
      registers: [registry],
    }),
    applySeconds: new Histogram({
      name: 'jaring_gateway_payment_apply_seconds',
      help: 'Seconds from a paid notification reaching Jaring to the payment applied and the service restoration committed',
      labelNames: ['gateway', 'channel'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    statusChecks: new Counter({
      name: 'jaring_gateway_status_checks_total',
      help: 'Status API calls to payment gateways, by result',
      labelNames: ['gateway', 'ok'] as const,
      registers: [registry],
    }),
  };
  byRegistry.set(registry, metrics);
  return metrics;
}
