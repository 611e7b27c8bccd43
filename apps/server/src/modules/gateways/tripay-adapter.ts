import type { GatewayChannelGroup } from '@jaring/contracts';
import {
  CALLBACK_EVENT,
  TripayClient,
  mapStatus,
  parseCallback,
  verifyCallbackSignature,
  type TripayChannel,
  type TripayTransaction,
} from '@jaring/tripay';
import {
  toCallError,
  type CallObserver,
  type ChannelOffer,
  type CheckoutRequest,
  type CreatedCheckout,
  type GatewayAdapter,
  type VerifiedNotification,
  type WebhookAnswer,
} from './adapter.ts';
import type { GatewayConfig } from './config.ts';
import { percentToBp } from './fees.ts';
import type { Observed } from './state-machine.ts';

function client(config: GatewayConfig, onCall: CallObserver): TripayClient {
  return new TripayClient({
    apiKey: config.credentials.apiKey ?? '',
    privateKey: config.credentials.privateKey ?? '',
    merchantCode: config.merchantCode ?? '',
    environment: config.environment,
    ...(config.apiBaseUrl ? { baseUrl: config.apiBaseUrl } : {}),
    timeoutMs: 15_000,
    onCall,
  });
}

function groupOf(c: TripayChannel): GatewayChannelGroup {
  const g = `${c.group} ${c.type}`.toLowerCase();
  if (c.code.toUpperCase().startsWith('QRIS')) return 'qris';
  if (g.includes('virtual')) return 'virtual_account';
  if (g.includes('wallet')) return 'ewallet';
  if (g.includes('card') || g.includes('kartu')) return 'card';
  return 'retail';
}

const CHANNEL_CACHE_MS = 10 * 60_000;
const channelCache = new Map<string, { at: number; channels: TripayChannel[] }>();

function observeTransaction(t: TripayTransaction): Observed {
  return {
    orderId: t.merchantRef,
    reference: t.reference,
    gatewayStatus: t.status,
    status: mapStatus(t.status),
    // Tripay's `amount` is what the customer pays: the invoices' part plus the customer's fee.
    total: t.amount,
    currency: 'IDR',
    channel: t.paymentMethod,
    paidAt: t.paidAt ? new Date(t.paidAt * 1000) : null,
  };
}

export const tripayAdapter: GatewayAdapter = {
  id: 'tripay',
  name: 'Tripay',

  async channels(config, onCall): Promise<ChannelOffer[]> {
    // The list changes only when the operator edits the merchant account: a few minutes of
    // cache keeps the portal's payment options from calling Tripay on every page view.
    const key = `${config.environment}|${config.apiBaseUrl ?? ''}|${config.merchantCode ?? ''}`;
    const hit = channelCache.get(key);
    let channels = hit && Date.now() - hit.at < CHANNEL_CACHE_MS ? hit.channels : undefined;
    if (!channels) {
      try {
        channels = await client(config, onCall).paymentChannels();
        channelCache.set(key, { at: Date.now(), channels });
      } catch (err) {
        if (hit) channels = hit.channels;
        else throw toCallError(err);
      }
    }
    return channels
      .filter((c) => c.active)
      .map((c) => ({
        code: c.code,
        name: c.name,
        group: groupOf(c),
        customerFee: {
          flat: BigInt(Math.round(c.feeCustomer.flat)),
          percentBp: percentToBp(c.feeCustomer.percent),
        },
      }));
  },

  quoteFee(_config, offer, amount): bigint {
    // Tripay adds the customer's part of its fee itself, as set in the merchant account; this is
    // the estimate shown before the transaction exists, replaced by Tripay's own figure after.
    if (!offer) return 0n;
    const f = offer.customerFee;
    return amount <= 0n ? 0n : f.flat + (amount * BigInt(f.percentBp) + 9_999n) / 10_000n;
  },

  async create(config, req: CheckoutRequest, onCall): Promise<CreatedCheckout> {
    try {
      const t = await client(config, onCall).createTransaction({
        method: req.channel,
        merchantRef: req.orderId,
        amount: req.amount,
        customerName: req.customer.name,
        customerEmail: req.customer.email ?? `${req.customer.number}@customers.invalid`,
        ...(req.customer.phone ? { customerPhone: req.customer.phone } : {}),
        orderItems: req.items.map((i) => ({
          sku: i.id,
          name: i.name,
          price: i.price,
          quantity: 1,
        })),
        callbackUrl: req.notificationUrl,
        returnUrl: req.returnUrl,
        expiredTime: Math.floor(req.expiresAt.getTime() / 1000),
      });
      return {
        reference: t.reference,
        redirectUrl: t.checkoutUrl || t.payUrl,
        payCode: t.payCode,
        qrString: t.qrString,
        expiresAt: t.expiredTime ? new Date(t.expiredTime * 1000) : req.expiresAt,
        fee: t.feeCustomer,
        total: t.amount,
        gatewayStatus: t.status,
      };
    } catch (err) {
      throw toCallError(err);
    }
  },

  async status(config, tx, onCall): Promise<Observed | null> {
    if (!tx.reference) return null;
    try {
      const t = await client(config, onCall).detail(tx.reference);
      return t ? observeTransaction(t) : null;
    } catch (err) {
      throw toCallError(err);
    }
  },

  verify(config, raw, headers): VerifiedNotification {
    const event = headers['x-callback-event'];
    const signature = headers['x-callback-signature'];
    const key = config.credentials.privateKey;
    let orderId: string | null = null;
    try {
      const peek = JSON.parse(raw.toString('utf8')) as { merchant_ref?: unknown };
      if (typeof peek.merchant_ref === 'string') orderId = peek.merchant_ref;
    } catch {
      return { ok: false, orderId: null, error: 'body is not JSON' };
    }
    if (!key) return { ok: false, orderId, error: 'no private key configured' };
    if (!verifyCallbackSignature(raw, typeof signature === 'string' ? signature : undefined, key)) {
      return { ok: false, orderId, error: 'X-Callback-Signature does not match' };
    }
    if (event !== CALLBACK_EVENT) {
      return { ok: false, orderId, error: `unexpected X-Callback-Event ${String(event)}` };
    }
    try {
      const c = parseCallback(raw);
      return {
        ok: true,
        observed: {
          orderId: c.merchantRef,
          reference: c.reference,
          gatewayStatus: c.status,
          status: mapStatus(c.status),
          total: c.totalAmount,
          currency: 'IDR',
          channel: c.paymentMethodCode,
          paidAt: c.paidAt ? new Date(c.paidAt * 1000) : null,
        },
      };
    } catch (err) {
      return { ok: false, orderId, error: (err as Error).message };
    }
  },

  accepted(): WebhookAnswer {
    return { status: 200, body: { success: true } };
  },

  refused(reason): WebhookAnswer {
    return { status: 403, body: { success: false, message: reason } };
  },
};
