import { randomUUID } from 'node:crypto';
import type { CustomerDetails, ItemDetail } from '../types.ts';
import { cutName } from '../validate.ts';
import { DEFAULT_CHANNEL, offeredChannels, resolveChannel } from './channels.ts';
import type { ChannelChoice } from './channels.ts';

/** `not_chosen`: a Snap order whose customer has not picked a channel; Midtrans knows no
 * transaction yet. Every other value is a Midtrans `transaction_status`. */
export type SimStatus =
  | 'not_chosen'
  | 'pending'
  | 'capture'
  | 'settlement'
  | 'deny'
  | 'cancel'
  | 'expire'
  | 'refund'
  | 'partial_refund';

export interface SimRefund {
  readonly amount: bigint;
  readonly at: Date;
}

/** Payment instructions Midtrans returns once a channel is chosen. */
export interface SimPaymentCodes {
  readonly vaNumber?: string;
  readonly permataVaNumber?: string;
  readonly billKey?: string;
  readonly billerCode?: string;
  readonly paymentCode?: string;
  readonly qrString?: string;
  readonly maskedCard?: string;
}

/** Read model of one simulated transaction (a snapshot; changing it changes nothing). */
export interface SimTransaction {
  readonly orderId: string;
  readonly transactionId: string;
  /** How it was created: a Snap page or a Core API charge. */
  readonly source: 'snap' | 'core';
  readonly grossAmount: bigint;
  readonly status: SimStatus;
  readonly fraudStatus: string | undefined;
  readonly paymentType: string | undefined;
  /** Snap channel code (`bca_va`, `echannel`, `other_qris`...) once chosen. */
  readonly channel: string | undefined;
  readonly bank: string | undefined;
  readonly store: string | undefined;
  readonly codes: SimPaymentCodes;
  readonly items: readonly ItemDetail[];
  readonly customer: CustomerDetails | undefined;
  readonly enabledPayments: readonly string[] | undefined;
  /** `X-Override-Notification` given at creation; otherwise the simulator's default applies. */
  readonly notificationUrl: string | undefined;
  readonly finishUrl: string | undefined;
  readonly createdAt: Date;
  readonly expiryAt: Date;
  readonly settledAt: Date | undefined;
  readonly refunds: readonly SimRefund[];
  /** Snap token; undefined for Core API charges. */
  readonly token: string | undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Txn = Mutable<SimTransaction>;

/** An action the transaction's current state does not allow (Midtrans answers 412). */
export class SimStateError extends Error {
  override name = 'SimStateError';
}

export interface NewTransaction {
  readonly source: 'snap' | 'core';
  readonly orderId: string;
  readonly grossAmount: bigint;
  readonly items: readonly ItemDetail[];
  readonly customer: CustomerDetails | undefined;
  readonly enabledPayments: readonly string[] | undefined;
  readonly notificationUrl: string | undefined;
  readonly finishUrl: string | undefined;
  readonly createdAt: Date;
  readonly expiryAt: Date;
}

function snapshot(t: Txn): SimTransaction {
  return Object.freeze(structuredClone(t));
}

/** All simulated transactions and the state changes Midtrans allows on them. */
export class SimLedger {
  readonly #byOrder = new Map<string, Txn>();
  readonly #byToken = new Map<string, Txn>();
  #sequence = 0;

  has(orderId: string): boolean {
    return this.#byOrder.has(orderId);
  }

  get(orderId: string): SimTransaction | undefined {
    const t = this.#byOrder.get(orderId);
    return t && snapshot(t);
  }

  byToken(token: string): SimTransaction | undefined {
    const t = this.#byToken.get(token);
    return t && snapshot(t);
  }

  list(): SimTransaction[] {
    return [...this.#byOrder.values()].map(snapshot);
  }

  create(input: NewTransaction): SimTransaction {
    if (this.#byOrder.has(input.orderId))
      throw new SimStateError(`order id ${input.orderId} is already used`);
    const t: Txn = {
      ...input,
      items: input.items.map((i) => ({ ...i, name: cutName(i.name) })),
      transactionId: randomUUID(),
      status: 'not_chosen',
      fraudStatus: undefined,
      paymentType: undefined,
      channel: undefined,
      bank: undefined,
      store: undefined,
      codes: {},
      settledAt: undefined,
      refunds: [],
      token: input.source === 'snap' ? randomUUID() : undefined,
    };
    this.#byOrder.set(t.orderId, t);
    if (t.token !== undefined) this.#byToken.set(t.token, t);
    return snapshot(t);
  }

  #txn(orderId: string): Txn {
    const t = this.#byOrder.get(orderId);
    if (!t) throw new SimStateError(`unknown order ${orderId}`);
    return t;
  }

  #codes(choice: ChannelChoice, orderId: string): SimPaymentCodes {
    const n = String(++this.#sequence).padStart(10, '0');
    switch (choice.code) {
      case 'permata_va':
        return { permataVaNumber: `85${n}` };
      case 'echannel':
        return { billKey: `9${n}`, billerCode: '70012' };
      case 'other_qris':
      case 'gopay':
      case 'shopeepay':
        // Not a scannable QRIS payload; enough for a UI to show something per order.
        return { qrString: `00020101021226SIMULATOR${n}5204549953033605802ID6304${orderId}` };
      case 'credit_card':
        return { maskedCard: '48111111-1114' };
      case 'indomaret':
      case 'alfamart':
        return { paymentCode: `SIM${n}` };
      default:
        return { vaNumber: `${choice.bank === 'bca' ? '12345' : '8808'}${n}` };
    }
  }

  #choose(t: Txn, channel: ChannelChoice): void {
    t.channel = channel.code;
    t.paymentType = channel.paymentType;
    t.bank = channel.bank;
    t.store = channel.store;
    t.codes = this.#codes(channel, t.orderId);
    t.fraudStatus = 'accept';
  }

  #defaultChannel(t: Txn, paymentType?: string, bank?: string): ChannelChoice {
    if (paymentType !== undefined) {
      const c = resolveChannel(paymentType, bank);
      if (!c) throw new SimStateError(`unknown payment channel ${paymentType}`);
      return c;
    }
    const code = offeredChannels(t.enabledPayments)[0] ?? DEFAULT_CHANNEL;
    return resolveChannel(code) as ChannelChoice;
  }

  /**
   * The customer picks a channel on the Snap page (or a Core API charge names it): the order
   * becomes a pending Midtrans transaction. Cards skip `pending`: they capture at once.
   */
  choose(orderId: string, paymentType?: string, bank?: string): SimTransaction[] {
    const t = this.#txn(orderId);
    if (t.status !== 'not_chosen') throw new SimStateError(`order ${orderId} is ${t.status}`);
    const channel = this.#defaultChannel(t, paymentType, bank);
    this.#choose(t, channel);
    if (channel.paymentType === 'credit_card') return [];
    t.status = 'pending';
    return [snapshot(t)];
  }

  /** Ensures a channel was chosen, silently, for actions that skip the page. */
  #ensureChosen(t: Txn, paymentType?: string, bank?: string): void {
    if (t.channel === undefined) this.#choose(t, this.#defaultChannel(t, paymentType, bank));
  }

  pay(orderId: string, paymentType?: string, bank?: string): SimTransaction[] {
    const t = this.#txn(orderId);
    const out: SimTransaction[] = [];
    if (t.status === 'not_chosen') out.push(...this.choose(orderId, paymentType, bank));
    if (t.paymentType === 'credit_card') {
      const capturable =
        t.status === 'not_chosen' || (t.status === 'capture' && t.fraudStatus === 'challenge');
      if (!capturable) throw new SimStateError(`order ${orderId} is ${t.status}`);
      t.status = 'capture';
      t.fraudStatus = 'accept';
      t.settledAt = new Date();
    } else {
      if (t.status !== 'pending') throw new SimStateError(`order ${orderId} is ${t.status}`);
      t.status = 'settlement';
      t.settledAt = new Date();
    }
    out.push(snapshot(t));
    return out;
  }

  challenge(orderId: string): SimTransaction[] {
    const t = this.#txn(orderId);
    if (t.status !== 'not_chosen') throw new SimStateError(`order ${orderId} is ${t.status}`);
    this.#choose(t, resolveChannel('credit_card') as ChannelChoice);
    t.status = 'capture';
    t.fraudStatus = 'challenge';
    return [snapshot(t)];
  }

  fail(orderId: string, paymentType?: string, bank?: string): SimTransaction[] {
    const t = this.#txn(orderId);
    const open =
      t.status === 'not_chosen' ||
      t.status === 'pending' ||
      (t.status === 'capture' && t.fraudStatus === 'challenge');
    if (!open) throw new SimStateError(`order ${orderId} is ${t.status}`);
    this.#ensureChosen(t, paymentType, bank);
    t.status = 'deny';
    t.fraudStatus = 'deny';
    return [snapshot(t)];
  }

  cancel(orderId: string): SimTransaction[] {
    const t = this.#txn(orderId);
    if (t.status !== 'not_chosen' && t.status !== 'pending' && t.status !== 'capture')
      throw new SimStateError(`order ${orderId} is ${t.status}`);
    this.#ensureChosen(t);
    t.status = 'cancel';
    return [snapshot(t)];
  }

  expire(orderId: string, paymentType?: string, bank?: string): SimTransaction[] {
    const t = this.#txn(orderId);
    if (t.status !== 'not_chosen' && t.status !== 'pending')
      throw new SimStateError(`order ${orderId} is ${t.status}`);
    this.#ensureChosen(t, paymentType, bank);
    t.status = 'expire';
    return [snapshot(t)];
  }

  /** Refunds `amount` (default: all that is left); a partial refund leaves `partial_refund`. */
  refund(orderId: string, amount?: bigint): SimTransaction[] {
    const t = this.#txn(orderId);
    const paid =
      t.status === 'settlement' ||
      t.status === 'partial_refund' ||
      (t.status === 'capture' && t.fraudStatus === 'accept');
    if (!paid) throw new SimStateError(`order ${orderId} is ${t.status}`);
    const refunded = t.refunds.reduce((sum, r) => sum + r.amount, 0n);
    const left = t.grossAmount - refunded;
    const value = amount ?? left;
    if (value <= 0n || value > left)
      throw new SimStateError(`refund amount must be between 1 and ${left}`);
    t.refunds = [...t.refunds, { amount: value, at: new Date() }];
    t.status = value === left ? 'refund' : 'partial_refund';
    return [snapshot(t)];
  }

  /** Whether the transaction can still change through the payment page. */
  static isOpen(t: SimTransaction): boolean {
    return (
      t.status === 'not_chosen' ||
      t.status === 'pending' ||
      (t.status === 'capture' && t.fraudStatus === 'challenge')
    );
  }
}
