/**
 * A Midtrans simulator: a real HTTP server with Snap (API and payment page), the Core API
 * calls Jaring uses, signed notifications with delivery faults, and control endpoints.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { Notifier } from './delivery.ts';
import type { DeliveryOptions, SimDelivery } from './delivery.ts';
import { SimEngine } from './engine.ts';
import { SimLedger } from './model.ts';
import type { SimTransaction } from './model.ts';
import { route } from './router.ts';

export type { DeliveryOptions, SimDelivery } from './delivery.ts';
export type { SimPaymentCodes, SimRefund, SimStatus, SimTransaction } from './model.ts';
export { SimStateError } from './model.ts';
export { jakartaTime, MERCHANT_ID } from './payload.ts';

export interface MidtransSimulatorOptions {
  readonly serverKey: string;
  /** Bind address (default 127.0.0.1). */
  readonly host?: string;
  /** Port (default 0: ephemeral). */
  readonly port?: number;
  /** Where notifications go unless a transaction was created with `X-Override-Notification`. */
  readonly notificationUrl?: string;
  readonly delivery?: DeliveryOptions;
  /** Delay before answering every request (default 0). */
  readonly latencyMs?: number;
}

export interface MidtransSimulator {
  /** `http://host:port`. */
  readonly url: string;
  /** Core API base for `MidtransClient` (same as `url`). */
  readonly apiBaseUrl: string;
  /** Snap base for `MidtransClient` (`url + '/snap/v1'`). */
  readonly snapBaseUrl: string;
  close(): Promise<void>;
  /** Replaces the delivery options for notifications produced from now on. */
  setDelivery(options: DeliveryOptions): void;
  setNotificationUrl(url: string | undefined): void;
  transaction(orderId: string): SimTransaction | undefined;
  transactions(): SimTransaction[];
  /**
   * Pays: `settlement`, or `capture` + `accept` for cards. An order with no channel yet gets
   * `opts` (a Snap code like `bni_va`, or a payment type plus bank), else its first enabled
   * channel, and notifies `pending` first as Midtrans does. Resolves after the first delivery
   * attempts of the notifications (delayed, held and retried ones continue; see `idle`).
   */
  pay(orderId: string, opts?: { paymentType?: string; bank?: string }): Promise<void>;
  /** Card capture held for review (`capture` + `challenge`). */
  challenge(orderId: string): Promise<void>;
  /** `deny`. */
  fail(orderId: string): Promise<void>;
  cancel(orderId: string): Promise<void>;
  expire(orderId: string): Promise<void>;
  /** Full refund -> `refund`; less than what is left -> `partial_refund`. */
  refund(orderId: string, amount?: bigint): Promise<void>;
  /** Delivers held (`reorder`) notifications, newest first. */
  flush(): Promise<void>;
  /** Resolves when no delivery is in flight or scheduled. */
  idle(): Promise<void>;
  deliveries(): SimDelivery[];
  /**
   * The exact body Midtrans would POST for the order's current state. `overrides` apply before
   * signing (e.g. `transaction_status`); overriding `signature_key` gives a forged body.
   */
  signedNotification(
    orderId: string,
    overrides?: Partial<Record<string, string>>,
  ): { body: string; json: Record<string, unknown> };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

/** Starts a simulator; close it when done. */
export async function startMidtransSimulator(
  options: MidtransSimulatorOptions,
): Promise<MidtransSimulator> {
  if (options.serverKey === '') throw new TypeError('serverKey is empty');
  const host = options.host ?? '127.0.0.1';
  const notifier = new Notifier(options.delivery);
  const engine = new SimEngine(
    new SimLedger(),
    notifier,
    options.serverKey,
    options.notificationUrl,
  );
  const latencyMs = options.latencyMs ?? 0;
  const server = createServer((req, res) => void route(req, res, engine, latencyMs));
  const port = await listen(server, options.port ?? 0, host);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  engine.baseUrl = url;

  const act = async (
    action: 'pay' | 'challenge' | 'fail' | 'cancel' | 'expire' | 'refund',
    orderId: string,
    o: { paymentType?: string; bank?: string; amount?: bigint } = {},
  ): Promise<void> => {
    await engine.run(action, orderId, o).delivered;
  };

  return {
    url,
    apiBaseUrl: url,
    snapBaseUrl: `${url}/snap/v1`,
    async close(): Promise<void> {
      notifier.close();
      await notifier.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    setDelivery: (o) => notifier.setOptions(o),
    setNotificationUrl: (u) => {
      engine.defaultNotificationUrl = u;
    },
    transaction: (orderId) => engine.ledger.get(orderId),
    transactions: () => engine.ledger.list(),
    pay: (orderId, opts) => act('pay', orderId, opts),
    challenge: (orderId) => act('challenge', orderId),
    fail: (orderId) => act('fail', orderId),
    cancel: (orderId) => act('cancel', orderId),
    expire: (orderId) => act('expire', orderId),
    refund: (orderId, amount) => act('refund', orderId, amount === undefined ? {} : { amount }),
    flush: () => notifier.flush(),
    idle: () => notifier.idle(),
    deliveries: () => notifier.deliveries(),
    signedNotification(orderId, overrides) {
      const t = engine.ledger.get(orderId);
      if (!t) throw new RangeError(`unknown order ${orderId}`);
      const json = engine.body(t, 'notification', overrides);
      return { body: JSON.stringify(json), json };
    },
  };
}
