import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomerDetails, ItemDetail } from '../types.ts';
import { isHttpUrl, isRecord, snapRequestProblems } from '../validate.ts';
import { offeredChannels } from './channels.ts';
import type { SimEngine } from './engine.ts';
import { DEFAULT_EXPIRY_MS, expiryFrom, parseStartTime } from './expiry.ts';
import {
  HttpAnswer,
  hasServerKey,
  readJson,
  readText,
  redirect,
  sendHtml,
  sendJson,
} from './http.ts';
import { SimLedger, SimStateError } from './model.ts';
import { messagePage, paymentPage, resultPage } from './page.ts';
import { statusCodeOf } from './payload.ts';

const UNAUTHORIZED = {
  error_messages: [
    'Access denied due to unauthorized transaction, please check client or server key',
  ],
};

function snapError(status: number, ...messages: string[]): HttpAnswer {
  return new HttpAnswer(status, { error_messages: messages });
}

/** The override header Midtrans honours for this one transaction. */
export function overrideUrl(req: IncomingMessage): string | undefined {
  const h = req.headers['x-override-notification'];
  const v = Array.isArray(h) ? h[0] : h;
  if (v === undefined || v === '') return undefined;
  if (!isHttpUrl(v)) throw snapError(400, 'X-Override-Notification must be an http(s) URL');
  return v;
}

/** `POST /snap/v1/transactions`. */
export async function createSnap(
  req: IncomingMessage,
  res: ServerResponse,
  engine: SimEngine,
): Promise<void> {
  if (!hasServerKey(req, engine.serverKey)) throw new HttpAnswer(401, UNAUTHORIZED);
  const body = await readJson(req).catch(() => {
    throw snapError(400, 'request body is not valid JSON');
  });
  const problems = snapRequestProblems(body);
  if (problems.length > 0 || !isRecord(body)) throw snapError(400, ...problems);
  const td = body['transaction_details'] as { order_id: string; gross_amount: number };
  if (engine.ledger.has(td.order_id))
    throw snapError(400, 'transaction_details.order_id sudah digunakan');
  const notificationUrl = overrideUrl(req);
  const expiry = body['expiry'] as
    { start_time?: string; unit: string; duration: number } | undefined;
  const now = new Date();
  let start = now;
  if (expiry?.start_time !== undefined) {
    const parsed = parseStartTime(expiry.start_time);
    if (!parsed) throw snapError(400, 'expiry.start_time must be yyyy-MM-dd HH:mm:ss Z');
    start = parsed;
  }
  const callbacks = body['callbacks'] as { finish?: string } | undefined;
  const t = engine.ledger.create({
    source: 'snap',
    orderId: td.order_id,
    grossAmount: BigInt(td.gross_amount),
    items: (body['item_details'] as ItemDetail[] | undefined) ?? [],
    customer: body['customer_details'] as CustomerDetails | undefined,
    enabledPayments: body['enabled_payments'] as string[] | undefined,
    notificationUrl,
    finishUrl: callbacks?.finish,
    createdAt: now,
    expiryAt: expiry
      ? expiryFrom(start, expiry.unit, expiry.duration)
      : new Date(start.getTime() + DEFAULT_EXPIRY_MS),
  });
  const token = t.token as string;
  sendJson(res, 201, {
    token,
    redirect_url: `${engine.baseUrl}/snap/v4/redirection/${token}`,
  });
}

/** `GET /snap/v4/redirection/:token`. */
export function showPage(res: ServerResponse, engine: SimEngine, token: string): void {
  const t = engine.ledger.byToken(token);
  if (!t) {
    sendHtml(res, 404, messagePage('Not found', 'This payment link does not exist.'));
    return;
  }
  if (!SimLedger.isOpen(t)) {
    sendHtml(res, 200, resultPage(t));
    return;
  }
  sendHtml(res, 200, paymentPage(t, offeredChannels(t.enabledPayments)));
}

/** `POST /snap/v4/redirection/:token` with `action` and `channel` form fields. */
export async function submitPage(
  req: IncomingMessage,
  res: ServerResponse,
  engine: SimEngine,
  token: string,
): Promise<void> {
  const form = new URLSearchParams(await readText(req));
  const found = engine.ledger.byToken(token);
  if (!found) {
    sendHtml(res, 404, messagePage('Not found', 'This payment link does not exist.'));
    return;
  }
  const action = form.get('action');
  if (action !== 'pay' && action !== 'fail' && action !== 'expire') {
    sendHtml(res, 400, messagePage('Bad request', 'Choose Pay, Fail or Expire.'));
    return;
  }
  let channel: string | undefined;
  if (found.channel === undefined) {
    channel = form.get('channel') ?? undefined;
    if (channel === undefined || !offeredChannels(found.enabledPayments).includes(channel)) {
      sendHtml(res, 400, messagePage('Bad request', 'Choose a payment channel.'));
      return;
    }
  }
  let t;
  try {
    const run = engine.run(action, found.orderId, { paymentType: channel });
    // The page answers at once; Midtrans notifies the merchant on its own schedule.
    void run.delivered;
    t = run.transaction;
  } catch (err) {
    if (!(err instanceof SimStateError)) throw err;
    sendHtml(res, 409, resultPage(found));
    return;
  }
  if (t.finishUrl !== undefined) {
    const to = new URL(t.finishUrl);
    to.searchParams.set('order_id', t.orderId);
    to.searchParams.set('status_code', statusCodeOf(t.status));
    to.searchParams.set('transaction_status', t.status);
    redirect(res, to.toString());
    return;
  }
  sendHtml(res, 200, resultPage(t));
}
