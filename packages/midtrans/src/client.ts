import { validationError } from './errors.ts';
import { callMidtrans } from './http.ts';
import type { HttpContext } from './http.ts';
import { interpretCore, interpretSnap, interpretStatus } from './responses.ts';
import type {
  ChargeRequest,
  MidtransClientOptions,
  MidtransEnvironment,
  MidtransTransaction,
  SnapTransactionRequest,
} from './types.ts';
import {
  chargeRequestProblems,
  isHttpUrl,
  orderIdProblems,
  snapRequestProblems,
  withCutItemNames,
} from './validate.ts';

/** Documented base URLs per environment. */
export const MIDTRANS_BASE_URLS = {
  sandbox: {
    api: 'https://api.sandbox.midtrans.com',
    snap: 'https://app.sandbox.midtrans.com/snap/v1',
  },
  production: { api: 'https://api.midtrans.com', snap: 'https://app.midtrans.com/snap/v1' },
} as const satisfies Record<MidtransEnvironment, { api: string; snap: string }>;

export interface NotificationOptions {
  /** Sent as `X-Override-Notification`: Midtrans notifies this URL for this transaction. */
  readonly notificationUrl?: string;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function checkNotificationUrl(opts: NotificationOptions | undefined): string | undefined {
  const url = opts?.notificationUrl;
  if (url !== undefined && !isHttpUrl(url))
    throw validationError(['notificationUrl must be an http(s) URL']);
  return url;
}

function checkOrderId(orderId: string): string {
  const problems = orderIdProblems(orderId, 'order_id');
  if (problems.length > 0) throw validationError(problems);
  return encodeURIComponent(orderId);
}

/**
 * Midtrans Snap and Core API client. Requests are validated before sending, so a
 * {@link MidtransError} with code `validation` never reached Midtrans.
 */
export class MidtransClient {
  readonly #http: HttpContext;
  readonly #api: string;
  readonly #snap: string;

  constructor(options: MidtransClientOptions) {
    if (options.serverKey === '') throw new TypeError('Midtrans serverKey is empty');
    const bases = MIDTRANS_BASE_URLS[options.environment];
    if (bases === undefined)
      throw new TypeError(`unknown Midtrans environment: ${String(options.environment)}`);
    this.#api = trimSlash(options.apiBaseUrl ?? bases.api);
    this.#snap = trimSlash(options.snapBaseUrl ?? bases.snap);
    this.#http = {
      authorization: `Basic ${Buffer.from(`${options.serverKey}:`).toString('base64')}`,
      timeoutMs: options.timeoutMs ?? 10_000,
      onCall: options.onCall,
    };
  }

  /** Creates a Snap payment page; send the customer to `redirectUrl`. */
  async createSnapTransaction(
    req: SnapTransactionRequest,
    opts?: NotificationOptions,
  ): Promise<{ token: string; redirectUrl: string }> {
    const problems = snapRequestProblems(req);
    if (problems.length > 0) throw validationError(problems);
    return callMidtrans(this.#http, {
      operation: 'snap.create',
      method: 'POST',
      url: `${this.#snap}/transactions`,
      body: withCutItemNames(req),
      notificationUrl: checkNotificationUrl(opts),
      interpret: interpretSnap,
    });
  }

  /**
   * Core API charge (VA, Mandiri bill, QRIS, GoPay). After a retryable failure, retrying with the
   * same order id is safe: a `406` then means the first attempt went through; ask `status`.
   */
  async charge(req: ChargeRequest, opts?: NotificationOptions): Promise<MidtransTransaction> {
    const problems = chargeRequestProblems(req);
    if (problems.length > 0) throw validationError(problems);
    return callMidtrans(this.#http, {
      operation: 'charge',
      method: 'POST',
      url: `${this.#api}/v2/charge`,
      body: withCutItemNames(req),
      notificationUrl: checkNotificationUrl(opts),
      interpret: interpretCore('charge'),
    });
  }

  /**
   * Current state of an order, or null when Midtrans does not know it: also the case for a Snap
   * order whose customer has not chosen a payment channel yet.
   */
  async status(orderId: string): Promise<MidtransTransaction | null> {
    return callMidtrans(this.#http, {
      operation: 'status',
      method: 'GET',
      url: `${this.#api}/v2/${checkOrderId(orderId)}/status`,
      interpret: interpretStatus,
    });
  }

  /** Cancels a pending or card-captured transaction (`412` when its state does not allow it). */
  async cancel(orderId: string): Promise<MidtransTransaction> {
    return callMidtrans(this.#http, {
      operation: 'cancel',
      method: 'POST',
      url: `${this.#api}/v2/${checkOrderId(orderId)}/cancel`,
      interpret: interpretCore('cancel'),
    });
  }

  /** Expires a pending transaction now, so the customer can no longer pay it. */
  async expire(orderId: string): Promise<MidtransTransaction> {
    return callMidtrans(this.#http, {
      operation: 'expire',
      method: 'POST',
      url: `${this.#api}/v2/${checkOrderId(orderId)}/expire`,
      interpret: interpretCore('expire'),
    });
  }
}
