/**
 * Typed errors. `retryable` tells a caller whether the same call may succeed later; `sent`
 * tells whether the NBI may have received (and acted on) the request, which matters for task
 * creation: a task that reached the ACS must not be queued twice.
 */

/** Stable machine-readable causes of an {@link AcsError}. */
export type AcsErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'not_found'
  | 'http'
  | 'server_error'
  | 'network'
  | 'timeout'
  | 'unavailable'
  | 'invalid_response';

export interface AcsErrorDetails {
  readonly code: AcsErrorCode;
  /** HTTP status of the answer; null when there was none. */
  readonly status: number | null;
  readonly retryable: boolean;
  /** False only when the request provably never reached the NBI (e.g. ECONNREFUSED). */
  readonly sent?: boolean;
  readonly method?: string;
  /** Path and query of the call (never credentials). */
  readonly path?: string;
  /** Start of the answer body, when there was one. */
  readonly body?: string;
  readonly cause?: unknown;
}

/** Base class of every error this package throws about an NBI call. */
export class AcsError extends Error {
  override name = 'AcsError';
  readonly code: AcsErrorCode;
  readonly status: number | null;
  readonly retryable: boolean;
  readonly sent: boolean;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly body: string | undefined;

  constructor(message: string, details: AcsErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.status = details.status;
    this.retryable = details.retryable;
    this.sent = details.sent ?? true;
    this.method = details.method;
    this.path = details.path;
    this.body = details.body;
  }
}

/**
 * The ACS is considered down: the circuit breaker is open (or its single trial call is in
 * flight), so the call was not attempted. Callers should degrade (queue, show stale data).
 */
export class AcsUnavailableError extends AcsError {
  override name = 'AcsUnavailableError';
  /** Epoch ms when the breaker lets a trial call through. */
  readonly retryAt: number;
  constructor(message: string, retryAt: number, details: Partial<AcsErrorDetails> = {}) {
    super(message, {
      ...details,
      code: 'unavailable',
      status: null,
      retryable: true,
      sent: false,
    });
    this.retryAt = retryAt;
  }
}

/** No complete answer within the deadline. The NBI may still act on the request. */
export class AcsTimeoutError extends AcsError {
  override name = 'AcsTimeoutError';
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number, details: Partial<AcsErrorDetails> = {}) {
    super(message, { ...details, code: 'timeout', status: null, retryable: true });
    this.timeoutMs = timeoutMs;
  }
}

/** Maps an HTTP status to an error code. */
export function codeForStatus(status: number): AcsErrorCode {
  if (status === 400) return 'bad_request';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'server_error';
  return 'http';
}
