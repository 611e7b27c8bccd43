/**
 * Midtrans Snap and Core API client, notification verification and status mapping.
 * The gateway simulator lives in `@jaring/midtrans/sim`.
 */
export { MidtransClient, MIDTRANS_BASE_URLS } from './client.ts';
export type { NotificationOptions } from './client.ts';
export { MidtransError, MidtransNotificationError } from './errors.ts';
export { notificationSignature, verifyNotificationSignature } from './signature.ts';
export { parseNotification } from './transaction.ts';
export { mapStatus } from './status.ts';
export { grossAmountToRupiah, rupiahToGrossAmount } from './amount.ts';
export { channelOf, MIDTRANS_CHANNELS } from './channels.ts';
export type { ChannelGroup, MidtransChannel } from './channels.ts';
export { ORDER_ID_PATTERN, chargeRequestProblems, snapRequestProblems } from './validate.ts';
export type {
  ChargeBank,
  ChargePaymentType,
  ChargeRequest,
  CustomerDetails,
  GatewayCallRecord,
  GatewayStatus,
  ItemDetail,
  MidtransAction,
  MidtransClientOptions,
  MidtransEnvironment,
  MidtransNotification,
  MidtransOperation,
  MidtransTransaction,
  SnapExpiryUnit,
  SnapTransactionRequest,
  TransactionDetails,
  VaNumber,
} from './types.ts';
