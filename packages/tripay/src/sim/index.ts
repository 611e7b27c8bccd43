/**
 * A Tripay gateway on a real HTTP port: the merchant API (sandbox and production roots), a
 * checkout page, signed callbacks with configurable delivery faults, and test controls.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleApi } from './api.ts';
import { channelIcon, qrPlaceholder } from './assets.ts';
import { checkChannels, DEFAULT_CHANNELS } from './channels.ts';
import type { SimChannel } from './channels.ts';
import { handleCheckout } from './checkout.ts';
import { handleControl } from './control.ts';
import { SimCore } from './core.ts';
import type { DeliveryOptions, SimDelivery } from './delivery.ts';
import { HttpFailure, sendFailure, sendText } from './http.ts';
import type { SimAction, SimTransaction } from './store.ts';

export type { DeliveryOptions, SimDelivery } from './delivery.ts';
export type { SimChannel, SimPaymentKind } from './channels.ts';
export { DEFAULT_CHANNELS } from './channels.ts';
export type { SimOrderItem, SimStatus, SimTransaction } from './store.ts';
export { SimStateError } from './store.ts';
export { computeFee } from './fees.ts';

export interface TripaySimulatorOptions {
  apiKey: string;
  privateKey: string;
  merchantCode: string;
  /** Bind address (default 127.0.0.1). */
  host?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** The merchant's default callback URL; a transaction's `callback_url` wins. */
  callbackUrl?: string;
  delivery?: DeliveryOptions;
  /** Delay before every API answer (default 0). */
  latencyMs?: number;
  /** Default {@link DEFAULT_CHANNELS}. */
  channels?: SimChannel[];
  /**
   * Origin browsers use to reach the simulator, when it differs from the bound address (a
   * container, a proxy). Checkout, QR and icon URLs start with it. Default: `url`.
   */
  publicUrl?: string;
}

export interface TripaySimulator {
  /** `http://host:port`. */
  readonly url: string;
  /** `url + '/api-sandbox/'`, the API root to give the client. */
  readonly baseUrl: string;
  close(): Promise<void>;
  /** Replaces the delivery options for callbacks sent from now on. */
  setDelivery(options: DeliveryOptions): void;
  setCallbackUrl(url: string | undefined): void;
  setLatency(ms: number): void;
  /** By Tripay reference, else the newest with this merchant_ref. */
  transaction(referenceOrMerchantRef: string): SimTransaction | undefined;
  transactions(): SimTransaction[];
  /**
   * Status changes. Each resolves once its callback has been delivered (repeats and retries
   * included), or at once when delivery is dropped or held; it rejects with `SimStateError`
   * when the status does not allow the change.
   */
  pay(reference: string): Promise<void>;
  fail(reference: string): Promise<void>;
  expire(reference: string): Promise<void>;
  refund(reference: string): Promise<void>;
  /** Delivers held callbacks (`reorder`), newest first, and resolves when they are done. */
  flush(): Promise<void>;
  /** Resolves when no delivery is in flight or waiting on a delay or retry. */
  idle(): Promise<void>;
  deliveries(): SimDelivery[];
  /** The exact body the simulator would POST for the current state, and its signature. */
  signedCallback(
    reference: string,
    overrides?: Record<string, unknown>,
  ): { body: string; signature: string };
}

const API_ROOT = /^\/(api-sandbox|api)\/(.*)$/;
const CHECKOUT = /^\/checkout\/([^/]+)$/;
const ICON = /^\/images\/payment-channel\/([^/]+)\.svg$/;
const QR = /^\/qr\/([^/]+)\.svg$/;
const SVG = 'image/svg+xml';

async function route(core: SimCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sim');
  const path = url.pathname;
  let m = API_ROOT.exec(path);
  if (m) return handleApi(core, req, res, m[2] ?? '', m[1] === 'api-sandbox', url);
  m = CHECKOUT.exec(path);
  if (m) return handleCheckout(core, req, res, decodeURIComponent(m[1] ?? ''));
  if (path.startsWith('/sim/')) {
    const parts = path.slice(5).split('/').filter(Boolean).map(decodeURIComponent);
    return handleControl(core, req, res, parts);
  }
  m = ICON.exec(path);
  if (m && core.channels.has(decodeURIComponent(m[1] ?? ''))) {
    sendText(res, 200, SVG, channelIcon(decodeURIComponent(m[1] ?? '')));
    return;
  }
  m = QR.exec(path);
  const tx = m ? core.store.get(decodeURIComponent(m[1] ?? '')) : undefined;
  if (tx?.qrString) {
    sendText(res, 200, SVG, qrPlaceholder(tx.reference));
    return;
  }
  sendText(res, 404, 'text/plain', 'Not Found');
}

function listen(
  server: ReturnType<typeof createServer>,
  port: number,
  host: string,
): Promise<number> {
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
export async function startTripaySimulator(
  options: TripaySimulatorOptions,
): Promise<TripaySimulator> {
  for (const key of ['apiKey', 'privateKey', 'merchantCode'] as const) {
    if (typeof options[key] !== 'string' || options[key] === '') {
      throw new TypeError(`startTripaySimulator: ${key} is required`);
    }
  }
  const channels = checkChannels(options.channels ?? DEFAULT_CHANNELS);
  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  const port = await listen(server, options.port ?? 0, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  const active = new SimCore({
    apiKey: options.apiKey,
    privateKey: options.privateKey,
    merchantCode: options.merchantCode,
    siteUrl: (options.publicUrl ?? url).replace(/\/+$/, ''),
    channels,
    callbackUrl: options.callbackUrl,
    delivery: options.delivery,
    latencyMs: options.latencyMs ?? 0,
  });
  // Attached once the URL is known; no request can arrive between listen and this line.
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(active, req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpFailure) sendFailure(res, err.status, err.message);
      else if (err instanceof URIError) sendFailure(res, 400, 'Malformed URL');
      else sendFailure(res, 500, 'Internal server error');
    });
  });
  // Tripay expires unpaid bills on its own and sends a callback; so does the simulator.
  const sweeper = setInterval(() => active.expireOverdue(), 1000);
  sweeper.unref();

  const act = async (reference: string, action: SimAction): Promise<void> => {
    await active.act(reference, action);
  };
  let closed: Promise<void> | undefined;
  return {
    url,
    baseUrl: `${url}/api-sandbox/`,
    close(): Promise<void> {
      closed ??= new Promise<void>((resolve) => {
        clearInterval(sweeper);
        active.deliverer.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
    setDelivery: (delivery) => active.deliverer.setOptions(delivery),
    setCallbackUrl: (callbackUrl) => {
      active.callbackUrl = callbackUrl;
    },
    setLatency: (ms) => {
      active.latencyMs = ms;
    },
    transaction: (key) => active.store.get(key),
    transactions: () => active.store.all(),
    pay: (reference) => act(reference, 'pay'),
    fail: (reference) => act(reference, 'fail'),
    expire: (reference) => act(reference, 'expire'),
    refund: (reference) => act(reference, 'refund'),
    flush: () => active.deliverer.flush(),
    idle: () => active.deliverer.idle(),
    deliveries: () => active.deliverer.deliveries(),
    signedCallback: (reference, overrides) => active.signedCallback(reference, overrides),
  };
}
