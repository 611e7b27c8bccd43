import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord } from '../validate.ts';
import type { SimAction, SimEngine } from './engine.ts';
import { HttpAnswer, readJson, sendJson } from './http.ts';
import { SimStateError } from './model.ts';

export const CONTROL_ACTIONS: readonly SimAction[] = [
  'pay',
  'challenge',
  'fail',
  'cancel',
  'expire',
  'refund',
];

function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function amountOf(v: unknown): bigint | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (
    (typeof v === 'string' && /^\d+$/.test(v)) ||
    (typeof v === 'number' && Number.isSafeInteger(v))
  )
    return BigInt(v);
  throw new HttpAnswer(400, { error: 'amount must be a whole number of rupiah' });
}

/**
 * `POST /sim/transactions/:orderId/:action` with an optional JSON body
 * `{ paymentType?, bank?, amount? }`. Answers after the first delivery attempts, so a script
 * that continues after the answer finds the notification already sent.
 */
export async function control(
  req: IncomingMessage,
  res: ServerResponse,
  engine: SimEngine,
  orderId: string,
  action: SimAction,
): Promise<void> {
  const body = await readJson(req).catch(() => {
    throw new HttpAnswer(400, { error: 'body is not valid JSON' });
  });
  const o = isRecord(body) ? body : {};
  if (!engine.ledger.has(orderId)) throw new HttpAnswer(404, { error: `unknown order ${orderId}` });
  try {
    const run = engine.run(action, orderId, {
      paymentType: optionalString(o['paymentType']),
      bank: optionalString(o['bank']),
      amount: amountOf(o['amount']),
    });
    await run.delivered;
    sendJson(res, 200, run.transaction);
  } catch (err) {
    if (err instanceof SimStateError) throw new HttpAnswer(409, { error: err.message });
    throw err;
  }
}

/** `GET /sim/transactions`, `GET /sim/transactions/:orderId`. */
export function list(res: ServerResponse, engine: SimEngine, orderId?: string): void {
  if (orderId === undefined) {
    sendJson(res, 200, engine.ledger.list());
    return;
  }
  const t = engine.ledger.get(orderId);
  if (!t) throw new HttpAnswer(404, { error: `unknown order ${orderId}` });
  sendJson(res, 200, t);
}
