import { ERROR_CODES, type ErrorCode } from '@jaring/contracts';

/**
 * Domain code throws these; one HTTP error handler maps them to problem+json. Services never
 * choose an HTTP status themselves.
 */
export class DomainError extends Error {
  override name = 'DomainError';
  readonly code: ErrorCode;
  readonly fields: { path: string; message: string; code: string }[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    extra: {
      fields?: { path: string; message: string; code: string }[];
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
    this.code = code;
    this.fields = extra.fields;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}

export const notFound = (what: string): DomainError =>
  new DomainError(ERROR_CODES.notFound, `${what} not found`);

export const forbidden = (message = 'You do not have permission to do this'): DomainError =>
  new DomainError(ERROR_CODES.forbidden, message);

export const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  account_locked: 423,
  account_disabled: 403,
  forbidden: 403,
  csrf_token_invalid: 403,
  ip_not_allowed: 403,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  last_owner: 409,
  name_taken: 409,
  username_taken: 409,
  static_ip_taken: 409,
  odp_port_taken: 409,
  in_use: 409,
  invalid_transition: 409,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  // The request was fine but the router could not carry it out: the operator must act.
  router_unreachable: 422,
  router_auth_failed: 422,
  // The payment gateway did not answer or refused: the customer may try again or another channel.
  gateway_unavailable: 422,
  gateway_disabled: 409,
  // The ACS did not answer a call that cannot be queued (saving with verify): the operator must act.
  acs_unavailable: 422,
  // A destructive action whose typed confirmation does not match (factory reset: the serial).
  confirmation_mismatch: 422,
  signature_invalid: 403,
  internal_error: 500,
};
