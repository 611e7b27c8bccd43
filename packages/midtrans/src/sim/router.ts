import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONTROL_ACTIONS, control, list } from './control.ts';
import { charge, modify, qrCode, status } from './core.ts';
import type { SimAction, SimEngine } from './engine.ts';
import { HttpAnswer, segment, sendJson } from './http.ts';
import { createSnap, showPage, submitPage } from './snap.ts';

/** Routes one request; every failure becomes an HTTP answer. */
export async function route(
  req: IncomingMessage,
  res: ServerResponse,
  engine: SimEngine,
  latencyMs: number,
): Promise<void> {
  try {
    if (latencyMs > 0) await sleep(latencyMs);
    await dispatch(req, res, engine);
  } catch (err) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof HttpAnswer) sendJson(res, err.status, err.body);
    else sendJson(res, 500, { status_code: '500', status_message: 'Internal simulator error' });
  }
}

async function dispatch(
  req: IncomingMessage,
  res: ServerResponse,
  engine: SimEngine,
): Promise<void> {
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://sim').pathname;
  const parts = path.split('/').slice(1);
  const [a, b, c, d] = parts;
  const n = parts.length;

  if (method === 'POST' && path === '/snap/v1/transactions') return createSnap(req, res, engine);
  if (a === 'snap' && b === 'v4' && c === 'redirection' && n === 4 && d) {
    if (method === 'GET') return showPage(res, engine, d);
    if (method === 'POST') return submitPage(req, res, engine, d);
  }
  if (a === 'v2' && n === 2 && b === 'charge' && method === 'POST') return charge(req, res, engine);
  if (a === 'v2' && b === 'qris' && n === 4 && d === 'qr-code' && method === 'GET' && c)
    return qrCode(res, engine, c);
  if (a === 'v2' && n === 3) {
    const orderId = segment(b);
    if (orderId !== undefined && orderId !== '') {
      if (c === 'status' && method === 'GET') return status(req, res, engine, orderId);
      if ((c === 'cancel' || c === 'expire') && method === 'POST')
        return modify(req, res, engine, orderId, c);
    }
  }
  if (a === 'sim' && b === 'transactions') {
    const orderId = segment(c);
    if (method === 'GET' && n === 2) return list(res, engine);
    if (method === 'GET' && n === 3 && orderId) return list(res, engine, orderId);
    if (method === 'POST' && n === 4 && orderId && CONTROL_ACTIONS.includes(d as SimAction))
      return control(req, res, engine, orderId, d as SimAction);
  }
  throw new HttpAnswer(404, { status_code: '404', status_message: 'Not found' });
}
