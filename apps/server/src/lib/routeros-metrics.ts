import type { RouterOSObserver } from '@jaring/routeros';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

const BREAKER_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

/** Feeds router call latency, errors and breaker state into Prometheus. */
export function routerosMetrics(registry: Registry): RouterOSObserver {
  const duration = new Histogram({
    name: 'jaring_router_command_duration_seconds',
    help: 'RouterOS command latency by router and command',
    labelNames: ['router', 'command', 'ok'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'jaring_router_errors_total',
    help: 'RouterOS command and connect failures by router and error code',
    labelNames: ['router', 'code'] as const,
    registers: [registry],
  });
  const breaker = new Gauge({
    name: 'jaring_router_breaker_state',
    help: 'Circuit breaker per router: 0 closed, 1 half-open, 2 open',
    labelNames: ['router'] as const,
    registers: [registry],
  });
  return {
    onCommand(e): void {
      duration.observe(
        { router: e.router, command: e.command, ok: String(e.ok) },
        e.durationMs / 1000,
      );
      if (!e.ok) errors.inc({ router: e.router, code: e.errorCode ?? 'unknown' });
    },
    onConnect(e): void {
      if (!e.ok) errors.inc({ router: e.router, code: e.errorCode ?? 'connect' });
    },
    onBreakerState(e): void {
      breaker.set({ router: e.router }, BREAKER_VALUE[e.state]);
    },
  };
}
