/**
 * A call to Midtrans failed or was refused before sending. `retryable` tells the caller whether
 * the same request may succeed later (network trouble, timeouts, 429, 5xx).
 */
export class MidtransError extends Error {
  override name = 'MidtransError';
  /** HTTP status of the answer; null when there was none (validation, network, timeout). */
  readonly httpStatus: number | null;
  /**
   * Midtrans `status_code` (`'400'`, `'401'`, `'404'`, `'406'`, `'412'`...), the HTTP status for
   * Snap errors, or one of `validation`, `network`, `timeout`, `invalid_response`.
   */
  readonly code?: string;
  readonly retryable: boolean;
  /** The parsed error body, when Midtrans sent one. */
  readonly body?: unknown;

  constructor(
    message: string,
    details: {
      readonly httpStatus: number | null;
      readonly code?: string;
      readonly retryable: boolean;
      readonly body?: unknown;
      readonly cause?: unknown;
    },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.httpStatus = details.httpStatus;
    if (details.code !== undefined) this.code = details.code;
    this.retryable = details.retryable;
    if (details.body !== undefined) this.body = details.body;
  }
}

/** A notification body that is not a Midtrans notification. Answer it with 400. */
export class MidtransNotificationError extends Error {
  override name = 'MidtransNotificationError';
}

/** A request the client refuses to send because Midtrans would reject it. */
export function validationError(messages: readonly string[]): MidtransError {
  return new MidtransError(`invalid Midtrans request: ${messages.join('; ')}`, {
    httpStatus: null,
    code: 'validation',
    retryable: false,
    body: { validation_messages: [...messages] },
  });
}
