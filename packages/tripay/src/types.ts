/**
 * Gateway-neutral shapes. The server treats every payment gateway alike, so these mirror the
 * ones the other gateway packages export and stay structurally identical to them.
 */

/** Where a payment stands, whatever the gateway calls it. */
export type GatewayStatus =
  'pending' | 'paid' | 'failed' | 'expired' | 'refunded' | 'partially_refunded' | 'challenge';

/** One HTTP call to the gateway, for the integration log. Never carries a key or signature. */
export interface GatewayCallRecord {
  method: string;
  url: string;
  /** `channels`, `fees`, `transaction.create` or `detail`. */
  operation: string;
  /** HTTP status, or null when no response arrived. */
  status: number | null;
  durationMs: number;
  error?: string;
  /** JSON body sent, with `signature` replaced by `[redacted]`. */
  requestBody?: unknown;
  /** Parsed JSON response, or the raw text when it was not JSON. */
  responseBody?: unknown;
}
