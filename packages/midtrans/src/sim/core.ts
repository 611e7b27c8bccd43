import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomerDetails, ItemDetail } from '../types.ts';
import { chargeRequestProblems, isRecord } from '../validate.ts';
import type { SimEngine } from './engine.ts';
import { DEFAULT_EXPIRY_MS, expiryFrom } from './expiry.ts';
import { HttpAnswer, hasServerKey, readJson, sendJson } from './http.ts';
import { SimStateError } from './model.ts';
import type { SimTransaction } from './model.ts';
import { overrideUrl } from './snap.ts';

function coreError(status: number, statusMessage: string, extra: object = {}): HttpAnswer {
  return new HttpAnswer(status, {
    status_code: String(status),
    status_message: statusMessage,
    ...extra,
  });
}

const NOT_FOUND = (): HttpAnswer => coreError(404, "Transaction doesn't exist.");

function authorise(req: IncomingMessage, engine: SimEngine): void {
  if (!hasServerKey(req, engine.serverKey)) throw coreError(401, 'Unknown Merchant server_key/id');
}

/** Midtrans knows no transaction for a Snap order until the customer picks a channel. */
function known(engine: SimEngine, orderId: string): SimTransaction {
  const t = engine.ledger.get(orderId);
  if (!t || t.status === 'not_chosen') throw NOT_FOUND();
  return t;
}

const CHARGE_CHANNEL: Readonly<Record<string, string>> = {
  echannel: 'echannel',
  permata: 'permata_va',
  qris: 'other_qris',
  gopay: 'gopay',
};

/** `POST /v2/charge`. */
export async function charge(
  req: IncomingMessage,
  res: ServerResponse,
  engine: SimEngine,
): Promise<void> {
  authorise(req, engine);
  const body = await readJson(req).catch(() => {
    throw coreError(400, 'Invalid JSON');
  });
  const problems = chargeRequestProblems(body);
  if (problems.length > 0 || !isRecord(body))
    throw coreError(400, 'One or more parameters in the payload is invalid.', {
      validation_messages: problems,
    });
  const td = body['transaction_details'] as { order_id: string; gross_amount: number };
  if (engine.ledger.has(td.order_id))
    throw coreError(406, 'Duplicate order ID. Order ID has already been utilized previously.');
  const notificationUrl = overrideUrl(req);
  const type = body['payment_type'] as string;
  const channel =
    type === 'bank_transfer'
      ? `${(body['bank_transfer'] as { bank: string }).bank}_va`
      : (CHARGE_CHANNEL[type] ?? type);
  const ce = body['custom_expiry'] as { expiry_duration: number; unit: string } | undefined;
  const now = new Date();
  engine.ledger.create({
    source: 'core',
    orderId: td.order_id,
    grossAmount: BigInt(td.gross_amount),
    items: (body['item_details'] as ItemDetail[] | undefined) ?? [],
    customer: body['customer_details'] as CustomerDetails | undefined,
    enabledPayments: undefined,
    notificationUrl,
    finishUrl: undefined,
    createdAt: now,
    expiryAt: ce
      ? expiryFrom(now, ce.unit, ce.expiry_duration)
      : new Date(now.getTime() + DEFAULT_EXPIRY_MS),
  });
  const { transaction, delivered } = engine.run('choose', td.order_id, { paymentType: channel });
  // Midtrans answers the charge first and notifies in the background.
  void delivered;
  sendJson(res, 201, engine.body(transaction, 'charge'));
}

/** `GET /v2/:orderId/status`. */
export function status(
  req: IncomingMessage,
  res: ServerResponse,
  engine: SimEngine,
  orderId: string,
): void {
  authorise(req, engine);
  sendJson(res, 200, engine.body(known(engine, orderId), 'status'));
}

/** `POST /v2/:orderId/cancel` and `/expire`. */
export function modify(
  req: IncomingMessage,
  res: ServerResponse,
  engine: SimEngine,
  orderId: string,
  action: 'cancel' | 'expire',
): void {
  authorise(req, engine);
  const t = known(engine, orderId);
  // Midtrans only expires transactions still waiting for payment.
  if (action === 'expire' && t.status !== 'pending')
    throw coreError(412, 'Merchant cannot modify the status of the transaction');
  try {
    const run = engine.run(action, orderId);
    void run.delivered;
    sendJson(res, 200, engine.body(run.transaction, action));
  } catch (err) {
    if (err instanceof SimStateError)
      throw coreError(412, 'Merchant cannot modify the status of the transaction');
    throw err;
  }
}

/** `GET /v2/qris/:transactionId/qr-code`: a placeholder image for the QR action link. */
export function qrCode(res: ServerResponse, engine: SimEngine, transactionId: string): void {
  const t = engine.ledger.list().find((x) => x.transactionId === transactionId);
  if (!t) throw NOT_FOUND();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240"><rect width="240" height="240" fill="#fff" stroke="#000" stroke-width="8"/><text x="120" y="110" font-family="monospace" font-size="20" text-anchor="middle">QRIS (sim)</text><text x="120" y="140" font-family="monospace" font-size="12" text-anchor="middle">${t.orderId}</text></svg>`;
  res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Content-Length': Buffer.byteLength(svg) });
  res.end(svg);
}
