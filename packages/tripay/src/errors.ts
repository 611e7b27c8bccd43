/** Why a {@link TripayError} happened; stable values a caller can switch on. */
export type TripayErrorCode =
  /** Rejected locally before anything was sent. */
  | 'validation'
  /** No response: refused, reset, DNS failure. */
  | 'network'
  /** No complete response within `timeoutMs`. */
  | 'timeout'
  /** HTTP 401: wrong API key or environment. */
  | 'unauthorized'
  /** HTTP 404. */
  | 'not_found'
  /** HTTP 429. */
  | 'rate_limited'
  /** HTTP 5xx. */
  | 'server'
  /** Tripay answered `success: false` (bad signature, unknown method, duplicate reference...). */
  | 'rejected'
  /** The response was not the JSON Tripay documents. */
  | 'invalid_response';

interface TripayErrorInit {
  httpStatus: number | null;
  code: TripayErrorCode;
  retryable: boolean;
  body?: unknown;
  cause?: unknown;
}

/** A Tripay API call failed. `retryable` says whether the same call may succeed later. */
export class TripayError extends Error {
  override name = 'TripayError';
  readonly httpStatus: number | null;
  readonly code?: TripayErrorCode;
  readonly retryable: boolean;
  /** The parsed response body (or its text), when there was one. */
  readonly body?: unknown;
  constructor(message: string, init: TripayErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.httpStatus = init.httpStatus;
    this.code = init.code;
    this.retryable = init.retryable;
    this.body = init.body;
  }
}

/** A callback body that cannot be trusted as Tripay's: bad JSON or missing/invalid fields. */
export class TripayCallbackError extends Error {
  override name = 'TripayCallbackError';
}

/** Shorthand for the local validation failures, which are never worth retrying. */
export function validationError(message: string): TripayError {
  return new TripayError(message, { httpStatus: null, code: 'validation', retryable: false });
}
