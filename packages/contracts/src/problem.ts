import { z } from 'zod';

/** RFC 9457 problem details, with a stable machine-readable `code`. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** Stable error codes shared by server and clients. */
export const ERROR_CODES = {
  validation: 'validation_failed',
  badRequest: 'bad_request',
  unauthenticated: 'unauthenticated',
  invalidCredentials: 'invalid_credentials',
  accountLocked: 'account_locked',
  accountDisabled: 'account_disabled',
  forbidden: 'forbidden',
  csrf: 'csrf_token_invalid',
  ipNotAllowed: 'ip_not_allowed',
  notFound: 'not_found',
  conflict: 'conflict',
  emailTaken: 'email_taken',
  lastOwner: 'last_owner',
  nameTaken: 'name_taken',
  usernameTaken: 'username_taken',
  staticIpTaken: 'static_ip_taken',
  odpPortTaken: 'odp_port_taken',
  inUse: 'in_use',
  invalidTransition: 'invalid_transition',
  routerUnreachable: 'router_unreachable',
  routerAuthFailed: 'router_auth_failed',
  gatewayUnavailable: 'gateway_unavailable',
  acsUnavailable: 'acs_unavailable',
  confirmationMismatch: 'confirmation_mismatch',
  gatewayDisabled: 'gateway_disabled',
  signatureInvalid: 'signature_invalid',
  rateLimited: 'rate_limited',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  internal: 'internal_error',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
