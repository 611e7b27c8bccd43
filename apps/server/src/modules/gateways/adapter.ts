import type { GatewayChannelGroup, GatewayId } from '@jaring/contracts';
import type { GatewayConfig } from './config.ts';
import type { FeeRule } from './fees.ts';
import type { Observed } from './state-machine.ts';

/** One HTTP call to a gateway, as both client packages report it. */
export interface GatewayCall {
  method: string;
  url: string;
  operation: string;
  status: number | null;
  durationMs: number;
  error?: string;
  requestBody?: unknown;
  responseBody?: unknown;
}

export type CallObserver = (call: GatewayCall) => void;

export interface ChannelOffer {
  code: string;
  name: string;
  group: GatewayChannelGroup;
  /** What the customer pays on top when they carry the fee. */
  customerFee: FeeRule;
}

export interface CheckoutItem {
  id: string;
  name: string;
  price: bigint;
}

export interface CheckoutRequest {
  orderId: string;
  channel: string;
  amount: bigint;
  fee: bigint;
  total: bigint;
  items: CheckoutItem[];
  customer: { number: string; name: string; email: string | null; phone: string | null };
  expiresAt: Date;
  /** Where the customer comes back to after the gateway's payment page. */
  returnUrl: string;
  /** Where the gateway must send its notifications for this transaction. */
  notificationUrl: string;
}

export interface CreatedCheckout {
  reference: string | null;
  redirectUrl: string | null;
  payCode: string | null;
  qrString: string | null;
  expiresAt: Date | null;
  /** Set when the gateway decides the fee itself (Tripay). */
  fee: bigint | null;
  total: bigint | null;
  gatewayStatus: string | null;
}

export type VerifiedNotification =
  { ok: true; observed: Observed } | { ok: false; orderId: string | null; error: string };

export interface WebhookAnswer {
  status: number;
  body: unknown;
}

/**
 * What Jaring needs from a payment gateway. Each implementation maps one gateway's protocol
 * (from its client package) onto the one status model; nothing else in the module knows which
 * gateway it is talking to.
 */
export interface GatewayAdapter {
  readonly id: GatewayId;
  readonly name: string;
  /** Every channel the gateway offers, with the fee a customer pays when they carry it. */
  channels(config: GatewayConfig, onCall: CallObserver): Promise<ChannelOffer[]>;
  /** The fee Jaring adds to the customer's total before asking the gateway. */
  quoteFee(config: GatewayConfig, offer: ChannelOffer | undefined, amount: bigint): bigint;
  create(
    config: GatewayConfig,
    req: CheckoutRequest,
    onCall: CallObserver,
  ): Promise<CreatedCheckout>;
  /** The gateway's current view of an order; null when the gateway does not know it. */
  status(
    config: GatewayConfig,
    tx: { orderId: string; reference: string | null },
    onCall: CallObserver,
  ): Promise<Observed | null>;
  /** Checks the signature over the raw body and reads it. Never throws. */
  verify(
    config: GatewayConfig,
    raw: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): VerifiedNotification;
  /** What the gateway expects back for an accepted notification, and for a refused one. */
  accepted(): WebhookAnswer;
  refused(reason: string): WebhookAnswer;
}

/** A gateway call that failed; `retryable` when trying again later may succeed. */
export class GatewayCallError extends Error {
  override name = 'GatewayCallError';
  readonly retryable: boolean;
  readonly httpStatus: number | null;

  constructor(message: string, retryable: boolean, httpStatus: number | null) {
    super(message);
    this.retryable = retryable;
    this.httpStatus = httpStatus;
  }
}

/** Turns a client package's error (both carry `retryable` and `httpStatus`) into ours. */
export function toCallError(err: unknown): GatewayCallError {
  if (err instanceof GatewayCallError) return err;
  if (err instanceof Error) {
    const e = err as Error & { retryable?: unknown; httpStatus?: unknown };
    return new GatewayCallError(
      err.message,
      typeof e.retryable === 'boolean' ? e.retryable : true,
      typeof e.httpStatus === 'number' ? e.httpStatus : null,
    );
  }
  return new GatewayCallError(String(err), true, null);
}
