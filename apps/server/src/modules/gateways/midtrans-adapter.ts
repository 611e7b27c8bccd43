import {
  MIDTRANS_CHANNELS,
  MidtransClient,
  channelOf,
  grossAmountToRupiah,
  mapStatus,
  parseNotification,
  verifyNotificationSignature,
  type MidtransTransaction,
} from '@jaring/midtrans';
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
import { feeFor } from './fees.ts';
import type { Observed } from './state-machine.ts';

function client(config: GatewayConfig, onCall: CallObserver): MidtransClient {
  return new MidtransClient({
    serverKey: config.credentials.serverKey ?? '',
    environment: config.environment,
    ...(config.apiBaseUrl
      ? {
          apiBaseUrl: config.apiBaseUrl,
          snapBaseUrl: `${config.apiBaseUrl.replace(/\/$/, '')}/snap/v1`,
        }
      : {}),
    timeoutMs: 15_000,
    onCall,
  });
}

/** `"2026-03-10 12:00:00"` in Asia/Jakarta, as Midtrans writes its times. */
function jakartaTime(value: string | undefined): Date | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}+07:00`);
}

function observe(t: MidtransTransaction): Observed {
  let total: bigint | null;
  try {
    total = grossAmountToRupiah(t.gross_amount);
  } catch {
    total = null;
  }
  return {
    orderId: t.order_id,
    reference: t.transaction_id ?? null,
    gatewayStatus: t.fraud_status
      ? `${t.transaction_status}/${t.fraud_status}`
      : t.transaction_status,
    status: mapStatus(t.transaction_status, t.fraud_status ?? null),
    total,
    currency: t.currency ?? null,
    channel: t.payment_type ? channelOf(t) : null,
    paidAt: jakartaTime(t.settlement_time ?? t.transaction_time),
  };
}

/** Snap's `enabled_payments` code for a Jaring channel code (they are the same names). */
const GROUPS = new Map(MIDTRANS_CHANNELS.map((c) => [c.code, c]));

export const midtransAdapter: GatewayAdapter = {
  id: 'midtrans',
  name: 'Midtrans',

  async channels(config): Promise<ChannelOffer[]> {
    return MIDTRANS_CHANNELS.map((c) => {
      const rule = config.fees[c.code];
      return {
        code: c.code,
        name: c.name,
        group: c.group,
        customerFee: rule
          ? { flat: BigInt(rule.flat), percentBp: rule.percentBp }
          : { flat: 0n, percentBp: 0 },
      };
    });
  },

  quoteFee(config, offer, amount): bigint {
    if (config.feeBearer !== 'customer' || !offer) return 0n;
    return feeFor(offer.customerFee, amount);
  },

  async create(config, req: CheckoutRequest, onCall): Promise<CreatedCheckout> {
    const items = req.items.map((i) => ({
      id: i.id,
      name: i.name,
      price: Number(i.price),
      quantity: 1,
    }));
    if (req.fee > 0n)
      items.push({ id: 'fee', name: 'Biaya layanan', price: Number(req.fee), quantity: 1 });
    const [first, ...rest] = req.customer.name.split(' ');
    const minutes = Math.max(1, Math.round((req.expiresAt.getTime() - Date.now()) / 60_000));
    try {
      const created = await client(config, onCall).createSnapTransaction(
        {
          transaction_details: { order_id: req.orderId, gross_amount: Number(req.total) },
          item_details: items,
          customer_details: {
            first_name: first ?? req.customer.name,
            ...(rest.length ? { last_name: rest.join(' ') } : {}),
            ...(req.customer.email ? { email: req.customer.email } : {}),
            ...(req.customer.phone ? { phone: req.customer.phone } : {}),
          },
          ...(GROUPS.has(req.channel) ? { enabled_payments: [req.channel] } : {}),
          expiry: { unit: 'minute', duration: minutes },
          callbacks: { finish: req.returnUrl },
        },
        { notificationUrl: req.notificationUrl },
      );
      return {
        reference: null,
        redirectUrl: created.redirectUrl,
        payCode: null,
        qrString: null,
        expiresAt: req.expiresAt,
        fee: null,
        total: null,
        gatewayStatus: null,
      };
    } catch (err) {
      throw toCallError(err);
    }
  },

  async status(config, tx, onCall): Promise<Observed | null> {
    try {
      const t = await client(config, onCall).status(tx.orderId);
      return t ? observe(t) : null;
    } catch (err) {
      throw toCallError(err);
    }
  },

  verify(config, raw): VerifiedNotification {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return { ok: false, orderId: null, error: 'body is not JSON' };
    }
    let n: MidtransTransaction;
    try {
      n = parseNotification(body);
    } catch (err) {
      return { ok: false, orderId: null, error: (err as Error).message };
    }
    const key = config.credentials.serverKey;
    if (!key) return { ok: false, orderId: n.order_id, error: 'no server key configured' };
    if (
      !verifyNotificationSignature(
        {
          order_id: n.order_id,
          status_code: n.status_code,
          gross_amount: n.gross_amount,
          signature_key: n.signature_key ?? '',
        },
        key,
      )
    ) {
      return { ok: false, orderId: n.order_id, error: 'signature_key does not match' };
    }
    return { ok: true, observed: observe(n) };
  },

  accepted(): WebhookAnswer {
    return { status: 200, body: { status: 'ok' } };
  },

  refused(reason): WebhookAnswer {
    return { status: 403, body: { status: 'rejected', message: reason } };
  },
};
