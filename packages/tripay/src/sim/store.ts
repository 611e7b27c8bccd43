import type { SimChannel } from './channels.ts';
import { newPayCode, newReference, qrisString } from './codes.ts';
import { computeFee } from './fees.ts';

export type SimStatus = 'UNPAID' | 'PAID' | 'FAILED' | 'EXPIRED' | 'REFUND';

export interface SimOrderItem {
  sku: string | null;
  name: string;
  price: bigint;
  quantity: number;
}

/** A transaction as the simulator holds it. Amounts in rupiah. */
export interface SimTransaction {
  reference: string;
  merchantRef: string;
  /** Channel code, e.g. `BRIVA`. */
  method: string;
  /** Channel name, e.g. `BRI Virtual Account`. */
  methodName: string;
  /** The amount requested by the merchant (sum of the order items). */
  amount: bigint;
  feeMerchant: bigint;
  feeCustomer: bigint;
  totalFee: bigint;
  /** What the customer pays: `amount + feeCustomer` (Tripay's `amount` field). */
  total: bigint;
  /** What the merchant is credited: `total - totalFee`. */
  amountReceived: bigint;
  status: SimStatus;
  customerName: string;
  customerEmail: string;
  customerPhone: string | null;
  orderItems: SimOrderItem[];
  callbackUrl: string | null;
  returnUrl: string | null;
  payCode: string | null;
  payUrl: string | null;
  qrString: string | null;
  qrUrl: string | null;
  checkoutUrl: string;
  /** Unix seconds. */
  expiredTime: number;
  /** Unix seconds. */
  paidAt: number | null;
  /** Unix seconds. */
  createdAt: number;
  /** Created through `/api-sandbox/` (reference starts with `DEV-`). */
  sandbox: boolean;
}

export interface NewTransaction {
  channel: SimChannel;
  merchantRef: string;
  amount: bigint;
  customerName: string;
  customerEmail: string;
  customerPhone: string | null;
  orderItems: SimOrderItem[];
  callbackUrl: string | null;
  returnUrl: string | null;
  expiredTime: number;
  sandbox: boolean;
}

/** A state change the current status does not allow (paying an expired bill, say). */
export class SimStateError extends Error {
  override name = 'SimStateError';
}

/** Which status each action needs and produces, as Tripay's lifecycle allows. */
export const TRANSITIONS = {
  pay: { from: 'UNPAID', to: 'PAID' },
  fail: { from: 'UNPAID', to: 'FAILED' },
  expire: { from: 'UNPAID', to: 'EXPIRED' },
  refund: { from: 'PAID', to: 'REFUND' },
} as const satisfies Record<string, { from: SimStatus; to: SimStatus }>;

export type SimAction = keyof typeof TRANSITIONS;

export function isAction(value: string): value is SimAction {
  return Object.hasOwn(TRANSITIONS, value);
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function copy(tx: SimTransaction): SimTransaction {
  return { ...tx, orderItems: tx.orderItems.map((i) => ({ ...i })) };
}

/** Transactions in creation order; callers get copies so that the state changes only here. */
export class TransactionStore {
  readonly #byReference = new Map<string, SimTransaction>();
  readonly #merchantCode: string;
  readonly #siteUrl: string;

  constructor(merchantCode: string, siteUrl: string) {
    this.#merchantCode = merchantCode;
    this.#siteUrl = siteUrl;
  }

  /** Whether a transaction with this merchant_ref is still waiting for payment. */
  hasUnpaid(merchantRef: string): boolean {
    for (const tx of this.#byReference.values()) {
      if (tx.merchantRef === merchantRef && tx.status === 'UNPAID') return true;
    }
    return false;
  }

  create(input: NewTransaction): SimTransaction {
    const { channel, amount } = input;
    const bounds = {
      minimumFee: channel.minimumFee ?? null,
      maximumFee: channel.maximumFee ?? null,
    };
    const feeMerchant = computeFee(amount, channel.feeMerchant, bounds);
    const feeCustomer = computeFee(amount, channel.feeCustomer, bounds);
    const total = amount + feeCustomer;
    let reference = newReference(this.#merchantCode, input.sandbox);
    while (this.#byReference.has(reference)) {
      reference = newReference(this.#merchantCode, input.sandbox);
    }
    const checkoutUrl = `${this.#siteUrl}/checkout/${reference}`;
    const tx: SimTransaction = {
      reference,
      merchantRef: input.merchantRef,
      method: channel.code,
      methodName: channel.name,
      amount,
      feeMerchant,
      feeCustomer,
      totalFee: feeMerchant + feeCustomer,
      total,
      amountReceived: total - feeMerchant - feeCustomer,
      status: 'UNPAID',
      customerName: input.customerName,
      customerEmail: input.customerEmail,
      customerPhone: input.customerPhone,
      orderItems: input.orderItems.map((i) => ({ ...i })),
      callbackUrl: input.callbackUrl,
      returnUrl: input.returnUrl,
      payCode:
        channel.kind === 'va' || channel.kind === 'retail'
          ? newPayCode(channel.payCodePrefix)
          : null,
      // Closed VA, retail and QRIS are paid outside a page; only redirect channels get one.
      payUrl: channel.kind === 'redirect' ? checkoutUrl : null,
      qrString: channel.kind === 'qris' ? qrisString(reference, total) : null,
      qrUrl: channel.kind === 'qris' ? `${this.#siteUrl}/qr/${reference}.svg` : null,
      checkoutUrl,
      expiredTime: input.expiredTime,
      paidAt: null,
      createdAt: nowSeconds(),
      sandbox: input.sandbox,
    };
    this.#byReference.set(reference, tx);
    return copy(tx);
  }

  #find(key: string): SimTransaction | undefined {
    const direct = this.#byReference.get(key);
    if (direct) return direct;
    // A merchant_ref can be reused once its earlier transaction is settled: the newest wins.
    let found: SimTransaction | undefined;
    for (const tx of this.#byReference.values()) if (tx.merchantRef === key) found = tx;
    return found;
  }

  /** By Tripay reference, else the newest with this merchant_ref. */
  get(referenceOrMerchantRef: string): SimTransaction | undefined {
    const tx = this.#find(referenceOrMerchantRef);
    return tx ? copy(tx) : undefined;
  }

  all(): SimTransaction[] {
    return [...this.#byReference.values()].map(copy);
  }

  /** Applies an action or throws {@link SimStateError}; returns the new state. */
  apply(referenceOrMerchantRef: string, action: SimAction): SimTransaction {
    const tx = this.#find(referenceOrMerchantRef);
    if (!tx) throw new SimStateError(`unknown transaction ${referenceOrMerchantRef}`);
    const { from, to } = TRANSITIONS[action];
    if (tx.status !== from) {
      throw new SimStateError(`transaction ${tx.reference} is ${tx.status}; cannot ${action}`);
    }
    if (action === 'pay' && tx.expiredTime <= nowSeconds()) {
      throw new SimStateError(`transaction ${tx.reference} has expired; cannot pay`);
    }
    tx.status = to;
    if (action === 'pay') tx.paidAt = nowSeconds();
    return copy(tx);
  }

  /** Unpaid transactions whose expiry time has passed. */
  overdue(now: number): string[] {
    const out: string[] = [];
    for (const tx of this.#byReference.values()) {
      if (tx.status === 'UNPAID' && tx.expiredTime <= now) out.push(tx.reference);
    }
    return out;
  }
}
