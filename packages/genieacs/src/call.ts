/**
 * Resilient NBI calls: circuit breaker, retries with jittered backoff for what is safe to
 * repeat, typed errors, and one observer event per HTTP attempt. Credentials travel only in
 * the Authorization header and are blanked out of every message.
 */
import { retryDelay, sleep } from './backoff.ts';
import type { RetryOptions } from './backoff.ts';
import type { BreakerState, CircuitBreaker } from './breaker.ts';
import { AcsError, AcsTimeoutError, AcsUnavailableError, codeForStatus } from './errors.ts';
import type { HttpMethod, Transport, TransportResponse } from './transport.ts';
import { TransportFailure } from './transport.ts';

/** What the observer hears about every HTTP attempt (and every call the breaker refused). */
export interface AcsCallEvent {
  readonly method: HttpMethod;
  /** Path and query string, never credentials. */
  readonly path: string;
  /** HTTP status; null when there was no answer. */
  readonly status: number | null;
  readonly durationMs: number;
  /** 1 for the first try of a call. */
  readonly attempt: number;
  /** Why the attempt failed (no answer, 5xx, or refused by the open breaker). */
  readonly error?: string;
  /** Breaker state after the attempt. */
  readonly breaker: BreakerState;
}

export type AcsObserver = (event: AcsCallEvent) => void;

export interface CallSpec {
  readonly method: HttpMethod;
  /** Encoded path plus query string, starting with `/`. */
  readonly path: string;
  readonly body?: string;
  readonly contentType?: string;
  readonly timeoutMs?: number;
  /** Safe to send twice. Non-idempotent calls are retried only if they never left. */
  readonly idempotent: boolean;
  /** Values to blank out of error messages (e.g. the values of a setParameterValues). */
  readonly secrets?: readonly string[];
  /** 5xx statuses that are an answer about the device, not a sick ACS (504 to a wake-up). */
  readonly answers?: readonly number[];
}

export interface CallerConfig {
  readonly baseUrl: URL;
  readonly authorization: string | undefined;
  readonly transport: Transport;
  readonly breaker: CircuitBreaker;
  readonly retry: RetryOptions;
  readonly timeoutMs: number;
  readonly observer: AcsObserver | undefined;
  /** Credentials and anything else that must never appear in a message. */
  readonly secrets: readonly string[];
}

const BODY_EXCERPT = 200;

function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s !== '') out = out.split(s).join('***');
  return out;
}

export class NbiCaller {
  readonly #cfg: CallerConfig;
  readonly #prefix: string;

  constructor(cfg: CallerConfig) {
    this.#cfg = cfg;
    this.#prefix = cfg.baseUrl.pathname.replace(/\/+$/, '');
  }

  get breakerState(): BreakerState {
    return this.#cfg.breaker.state;
  }

  /**
   * Performs the call; resolves with any answer below 500 or listed in `answers` (the caller
   * interprets those) and
   * throws an {@link AcsError} for everything else once retries are spent.
   */
  async call(spec: CallSpec): Promise<TransportResponse> {
    const attempts = Math.max(1, Math.floor(this.#cfg.retry.attempts ?? 3));
    const secrets = [...this.#cfg.secrets, ...(spec.secrets ?? [])];
    for (let attempt = 1; ; attempt++) {
      const error = await this.#attempt(spec, attempt, secrets);
      if (!(error instanceof AcsError)) return error;
      const again = attempt < attempts && error.retryable && (spec.idempotent || !error.sent);
      if (!again) throw error;
      await sleep(retryDelay(attempt, this.#cfg.retry));
    }
  }

  /** Resolves with the response, or with the error to throw or retry. */
  async #attempt(
    spec: CallSpec,
    attempt: number,
    secrets: readonly string[],
  ): Promise<TransportResponse | AcsError> {
    const { breaker } = this.#cfg;
    const where = { method: spec.method, path: spec.path };
    if (!breaker.allow()) {
      this.#report({ ...where, status: null, durationMs: 0, attempt, error: 'circuit open' });
      return new AcsUnavailableError(
        `GenieACS NBI unavailable (circuit open) for ${spec.method} ${spec.path}`,
        breaker.retryAt,
        where,
      );
    }
    const timeoutMs = spec.timeoutMs ?? this.#cfg.timeoutMs;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.#cfg.authorization !== undefined) headers['Authorization'] = this.#cfg.authorization;
    if (spec.body !== undefined) headers['Content-Type'] = spec.contentType ?? 'application/json';
    const url = new URL(this.#prefix + spec.path, this.#cfg.baseUrl);
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    let res: TransportResponse;
    try {
      res = await this.#cfg.transport.send({
        method: spec.method,
        url,
        headers,
        ...(spec.body === undefined ? {} : { body: spec.body }),
        timeoutMs,
      });
    } catch (err) {
      breaker.failure();
      const error = this.#transportError(err, spec, timeoutMs, secrets);
      this.#report({
        ...where,
        status: null,
        durationMs: elapsed(),
        attempt,
        error: error.message,
      });
      return error;
    }
    if (res.status >= 500 && !(spec.answers ?? []).includes(res.status)) {
      breaker.failure();
      const error = this.httpError(spec, res, secrets);
      this.#report({
        ...where,
        status: res.status,
        durationMs: elapsed(),
        attempt,
        error: error.message,
      });
      return error;
    }
    breaker.success();
    this.#report({ ...where, status: res.status, durationMs: elapsed(), attempt });
    return res;
  }

  /** The error for an HTTP answer the caller did not expect. */
  httpError(spec: CallSpec, res: TransportResponse, secrets: readonly string[] = []): AcsError {
    const all = [...this.#cfg.secrets, ...(spec.secrets ?? []), ...secrets];
    const excerpt = redact(res.body.slice(0, BODY_EXCERPT).trim(), all);
    const reason = excerpt !== '' ? excerpt : res.statusText;
    return new AcsError(
      redact(
        `GenieACS NBI ${spec.method} ${spec.path}: HTTP ${res.status}${reason ? ` ${reason}` : ''}`,
        all,
      ),
      {
        code: codeForStatus(res.status),
        status: res.status,
        retryable: res.status >= 500 || res.status === 429,
        method: spec.method,
        path: spec.path,
        body: excerpt,
      },
    );
  }

  #transportError(
    err: unknown,
    spec: CallSpec,
    timeoutMs: number,
    secrets: readonly string[],
  ): AcsError {
    const where = { method: spec.method, path: spec.path };
    if (err instanceof TransportFailure && err.kind === 'timeout') {
      return new AcsTimeoutError(
        `GenieACS NBI ${spec.method} ${spec.path}: no answer within ${timeoutMs} ms`,
        timeoutMs,
        { ...where, sent: err.reached, cause: err },
      );
    }
    const f = err instanceof TransportFailure ? err : undefined;
    const detail = redact(
      f?.message ?? (err instanceof Error ? err.message : String(err)),
      secrets,
    );
    return new AcsError(`GenieACS NBI ${spec.method} ${spec.path}: ${detail}`, {
      ...where,
      code: 'network',
      status: null,
      retryable: !(f?.permanent ?? false),
      sent: f?.reached ?? true,
      cause: err,
    });
  }

  #report(event: Omit<AcsCallEvent, 'breaker'>): void {
    const observer = this.#cfg.observer;
    if (!observer) return;
    try {
      observer({ ...event, breaker: this.#cfg.breaker.state });
    } catch {
      // Logging must never change the outcome of an ACS call.
    }
  }
}
