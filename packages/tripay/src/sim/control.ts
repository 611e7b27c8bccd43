import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimCore } from './core.ts';
import { sendData, sendFailure } from './http.ts';
import { isAction, SimStateError } from './store.ts';
import { transactionView } from './views.ts';

/**
 * Test and demo controls, unauthenticated like a sandbox back office:
 * `GET /sim/transactions[/:ref]`, `POST /sim/transactions/:ref/pay|fail|expire|refund`,
 * `GET /sim/deliveries`, `POST /sim/flush`.
 */
export async function handleControl(
  core: SimCore,
  req: IncomingMessage,
  res: ServerResponse,
  parts: string[],
): Promise<void> {
  const method = req.method ?? 'GET';
  const [resource, reference, action, ...rest] = parts;
  if (rest.length > 0) {
    sendFailure(res, 404, 'Not found');
    return;
  }
  if (resource === 'transactions' && method === 'GET' && reference === undefined) {
    sendData(res, core.store.all().map(transactionView));
    return;
  }
  if (resource === 'transactions' && reference !== undefined) {
    if (method === 'GET' && action === undefined) {
      const tx = core.store.get(reference);
      if (tx) sendData(res, transactionView(tx));
      else sendFailure(res, 404, 'Transaksi tidak ditemukan');
      return;
    }
    if (method === 'POST' && action !== undefined && isAction(action)) {
      if (!core.store.get(reference)) {
        sendFailure(res, 404, 'Transaksi tidak ditemukan');
        return;
      }
      try {
        sendData(res, transactionView(await core.act(reference, action)));
      } catch (err) {
        if (!(err instanceof SimStateError)) throw err;
        sendFailure(res, 409, err.message);
      }
      return;
    }
  }
  if (resource === 'deliveries' && method === 'GET' && reference === undefined) {
    sendData(res, core.deliverer.deliveries());
    return;
  }
  if (resource === 'flush' && method === 'POST' && reference === undefined) {
    await core.deliverer.flush();
    sendData(res, null);
    return;
  }
  sendFailure(res, 404, 'Not found');
}
