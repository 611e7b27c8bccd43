import { buildCreateBody } from './create.ts';
import { TripayError, validationError } from './errors.ts';
import { isRecord } from './fields.ts';
import { callTripay } from './http.ts';
import type { HttpSettings } from './http.ts';
import type {
  TripayChannel,
  TripayCreateTransaction,
  TripayFee,
  TripayTransaction,
} from './models.ts';
import { toJsonNumber } from './money.ts';
import { parseChannels, parseFees, parseTransaction } from './parse.ts';
import type { GatewayCallRecord } from './types.ts';

export type TripayEnvironment = 'sandbox' | 'production';

export interface TripayClientOptions {
  apiKey: string;
  privateKey: string;
  merchantCode: string;
  environment: TripayEnvironment;
  /** API root; defaults to Tripay's for the environment. A missing trailing `/` is added. */
  baseUrl?: string;
  /** Deadline per call, response body included (default 10 000). */
  timeoutMs?: number;
  /** Receives one record per HTTP call, for the integration log. */
  onCall?: (call: GatewayCallRecord) => void;
}

const BASE_URLS: Readonly<Record<TripayEnvironment, string>> = {
  sandbox: 'https://tripay.co.id/api-sandbox/',
  production: 'https://tripay.co.id/api/',
};

/** Tripay says "not found" with 404, and with a 4xx whose message says so. */
const NOT_FOUND = /not found|tidak ditemukan/i;

function isNotFound(err: unknown): boolean {
  if (!(err instanceof TripayError) || err.httpStatus === null) return false;
  // Only Tripay's own JSON counts: an HTML 404 from a proxy or a wrong base URL must not read
  // as "this transaction does not exist".
  if (!isRecord(err.body) || err.body['success'] !== false) return false;
  if (err.httpStatus === 404) return true;
  const message = err.body['message'];
  return err.httpStatus < 500 && typeof message === 'string' && NOT_FOUND.test(message);
}

/** Tripay closed-payment API client. Stateless apart from its settings; share one per merchant. */
export class TripayClient {
  readonly #http: HttpSettings;
  readonly #privateKey: string;
  readonly #merchantCode: string;

  constructor(options: TripayClientOptions) {
    for (const key of ['apiKey', 'privateKey', 'merchantCode'] as const) {
      if (typeof options[key] !== 'string' || options[key] === '') {
        throw new TypeError(`TripayClient: ${key} is required`);
      }
    }
    const base = options.baseUrl ?? BASE_URLS[options.environment];
    if (base === undefined) throw new TypeError('TripayClient: unknown environment');
    const timeoutMs = options.timeoutMs ?? 10_000;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new TypeError('TripayClient: timeoutMs must be positive');
    }
    this.#http = {
      // Relative paths resolve under the root only when it ends with a slash.
      baseUrl: new URL(base.endsWith('/') ? base : `${base}/`).toString(),
      apiKey: options.apiKey,
      timeoutMs,
      onCall: options.onCall,
    };
    this.#privateKey = options.privateKey;
    this.#merchantCode = options.merchantCode;
  }

  /** The API root in use, always ending with `/`. */
  get baseUrl(): string {
    return this.#http.baseUrl;
  }

  /** Channels enabled for the merchant, or the one with `code`. */
  async paymentChannels(code?: string): Promise<TripayChannel[]> {
    const data = await callTripay(this.#http, {
      operation: 'channels',
      method: 'GET',
      path: 'merchant/payment-channel',
      ...(code === undefined ? {} : { query: { code } }),
    });
    return parseChannels(data);
  }

  /** Fees of every channel (or the one with `code`) for `amount`. */
  async feeCalculator(amount: bigint, code?: string): Promise<TripayFee[]> {
    if (typeof amount !== 'bigint' || amount <= 0n) {
      throw validationError('amount must be a positive bigint');
    }
    const query: Record<string, string> = { amount: String(toJsonNumber(amount, 'amount')) };
    if (code !== undefined) query['code'] = code;
    const data = await callTripay(this.#http, {
      operation: 'fees',
      method: 'GET',
      path: 'merchant/fee-calculator',
      query,
    });
    return parseFees(data);
  }

  /**
   * Creates a closed payment. Validated and signed locally first. Not idempotent: after a
   * timeout, ask `detail` or retry with the same `merchantRef` (Tripay refuses a duplicate
   * while the first is unpaid).
   */
  async createTransaction(req: TripayCreateTransaction): Promise<TripayTransaction> {
    const body = buildCreateBody(req, this.#merchantCode, this.#privateKey);
    const data = await callTripay(this.#http, {
      operation: 'transaction.create',
      method: 'POST',
      path: 'transaction/create',
      body,
    });
    return parseTransaction(data);
  }

  /** A transaction by Tripay reference, or null when Tripay does not know it. */
  async detail(reference: string): Promise<TripayTransaction | null> {
    if (typeof reference !== 'string' || reference === '') {
      throw validationError('reference is required');
    }
    let data: unknown;
    try {
      data = await callTripay(this.#http, {
        operation: 'detail',
        method: 'GET',
        path: 'transaction/detail',
        query: { reference },
      });
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
    return parseTransaction(data);
  }
}
