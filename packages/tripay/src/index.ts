/**
 * Tripay closed-payment client, callback signature verification and parsing. No runtime
 * dependencies; the simulator lives in `@jaring/tripay/sim`.
 */
export { TripayClient } from './client.ts';
export type { TripayClientOptions, TripayEnvironment } from './client.ts';
export type {
  TripayChannel,
  TripayCreateTransaction,
  TripayFee,
  TripayFeeRule,
  TripayOrderItem,
  TripayTransaction,
} from './models.ts';
export { TripayError, TripayCallbackError } from './errors.ts';
export type { TripayErrorCode } from './errors.ts';
export { transactionSignature, callbackSignature, verifyCallbackSignature } from './signature.ts';
export {
  parseCallback,
  CALLBACK_EVENT,
  CALLBACK_EVENT_HEADER,
  CALLBACK_SIGNATURE_HEADER,
} from './callback.ts';
export type { TripayCallback } from './callback.ts';
export { mapStatus } from './status.ts';
export type { GatewayCallRecord, GatewayStatus } from './types.ts';
