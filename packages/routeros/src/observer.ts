/**
 * Metrics hooks. The package records nothing globally; a caller passes an observer (for
 * example a Prometheus adapter) and receives every command, connect and breaker transition.
 */

/** Breaker states, as reported to observers. */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CommandEvent {
  /** Router name given to the pool. */
  readonly router: string;
  /** Command path, e.g. `/ppp/secret/add` (never attribute values, which may be secrets). */
  readonly command: string;
  readonly transport: 'api' | 'rest';
  readonly durationMs: number;
  readonly ok: boolean;
  /** Error code (`ROS_TRAP`, `ROS_TIMEOUT`, ...) when not ok. */
  readonly errorCode?: string;
}

export interface ConnectEvent {
  readonly router: string;
  readonly address: string;
  readonly ok: boolean;
  readonly durationMs: number;
  readonly errorCode?: string;
}

export interface DisconnectEvent {
  readonly router: string;
  readonly address: string;
  readonly reason: string | undefined;
}

export interface BreakerEvent {
  readonly router: string;
  readonly state: BreakerState;
}

/** Implement any subset. Observers must not throw; errors they raise are swallowed. */
export interface RouterOSObserver {
  onCommand?(event: CommandEvent): void;
  onConnect?(event: ConnectEvent): void;
  onDisconnect?(event: DisconnectEvent): void;
  onBreakerState?(event: BreakerEvent): void;
}

/** Calls an observer hook, isolating the caller from observer failures. */
export function notify<K extends keyof RouterOSObserver>(
  observer: RouterOSObserver | undefined,
  hook: K,
  event: Parameters<NonNullable<RouterOSObserver[K]>>[0],
): void {
  const fn = observer?.[hook] as ((e: typeof event) => void) | undefined;
  if (!fn) return;
  try {
    fn.call(observer, event);
  } catch {
    // Metrics must never break router calls.
  }
}

/** Suggested histogram buckets (seconds) for command latency. */
export const LATENCY_BUCKETS_SECONDS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
] as const;

/** Plain-object snapshot of {@link MetricsRecorder}. */
export interface MetricsSnapshot {
  /** Per router: cumulative counts per bucket upper bound (seconds), plus `+Inf`. */
  readonly latency: Record<string, { buckets: Record<string, number>; sum: number; count: number }>;
  /** Per router and error code. */
  readonly errors: Record<string, Record<string, number>>;
  readonly breaker: Record<string, BreakerState>;
  readonly connects: Record<string, { ok: number; failed: number }>;
}

/**
 * A dependency-free observer that aggregates what a Prometheus exporter needs; an adapter can
 * read {@link MetricsRecorder.snapshot} on scrape or forward events directly instead.
 */
export class MetricsRecorder implements RouterOSObserver {
  readonly #latency = new Map<string, { counts: number[]; sum: number; count: number }>();
  readonly #errors = new Map<string, Map<string, number>>();
  readonly #breaker = new Map<string, BreakerState>();
  readonly #connects = new Map<string, { ok: number; failed: number }>();

  onCommand(e: CommandEvent): void {
    let h = this.#latency.get(e.router);
    if (!h) {
      h = {
        counts: new Array<number>(LATENCY_BUCKETS_SECONDS.length + 1).fill(0),
        sum: 0,
        count: 0,
      };
      this.#latency.set(e.router, h);
    }
    const s = e.durationMs / 1000;
    let i = LATENCY_BUCKETS_SECONDS.findIndex((b) => s <= b);
    if (i < 0) i = LATENCY_BUCKETS_SECONDS.length;
    h.counts[i] = (h.counts[i] ?? 0) + 1;
    h.sum += s;
    h.count++;
    if (!e.ok) {
      const m = this.#errors.get(e.router) ?? new Map<string, number>();
      const code = e.errorCode ?? 'unknown';
      m.set(code, (m.get(code) ?? 0) + 1);
      this.#errors.set(e.router, m);
    }
  }

  onConnect(e: ConnectEvent): void {
    const c = this.#connects.get(e.router) ?? { ok: 0, failed: 0 };
    if (e.ok) c.ok++;
    else c.failed++;
    this.#connects.set(e.router, c);
  }

  onBreakerState(e: BreakerEvent): void {
    this.#breaker.set(e.router, e.state);
  }

  snapshot(): MetricsSnapshot {
    const latency: MetricsSnapshot['latency'] = {};
    for (const [router, h] of this.#latency) {
      const buckets: Record<string, number> = {};
      let cum = 0;
      LATENCY_BUCKETS_SECONDS.forEach((b, i) => {
        cum += h.counts[i] ?? 0;
        buckets[String(b)] = cum;
      });
      buckets['+Inf'] = h.count;
      latency[router] = { buckets, sum: h.sum, count: h.count };
    }
    const errors: MetricsSnapshot['errors'] = {};
    for (const [router, m] of this.#errors) errors[router] = Object.fromEntries(m);
    return {
      latency,
      errors,
      breaker: Object.fromEntries(this.#breaker),
      connects: Object.fromEntries([...this.#connects].map(([k, v]) => [k, { ...v }])),
    };
  }
}
