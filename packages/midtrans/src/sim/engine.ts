import type { Notice, Notifier } from './delivery.ts';
import type { SimLedger, SimTransaction } from './model.ts';
import { transactionBody } from './payload.ts';
import type { BodyKind, PayloadContext } from './payload.ts';

export type SimAction = 'choose' | 'pay' | 'challenge' | 'fail' | 'cancel' | 'expire' | 'refund';

export interface ActionOptions {
  readonly paymentType?: string | undefined;
  readonly bank?: string | undefined;
  readonly amount?: bigint | undefined;
}

/** Ties state changes to the notifications they cause. */
export class SimEngine {
  readonly ledger: SimLedger;
  readonly notifier: Notifier;
  readonly serverKey: string;
  baseUrl = '';
  defaultNotificationUrl: string | undefined;

  constructor(
    ledger: SimLedger,
    notifier: Notifier,
    serverKey: string,
    notificationUrl: string | undefined,
  ) {
    this.ledger = ledger;
    this.notifier = notifier;
    this.serverKey = serverKey;
    this.defaultNotificationUrl = notificationUrl;
  }

  get payloadContext(): PayloadContext {
    return { serverKey: this.serverKey, baseUrl: this.baseUrl };
  }

  body(
    t: SimTransaction,
    kind: BodyKind,
    overrides?: Partial<Record<string, string>>,
  ): Record<string, unknown> {
    return transactionBody(t, kind, this.payloadContext, overrides);
  }

  notice(t: SimTransaction): Notice {
    return {
      orderId: t.orderId,
      transactionStatus: t.status,
      url: t.notificationUrl ?? this.defaultNotificationUrl,
      body: JSON.stringify(this.body(t, 'notification')),
    };
  }

  /**
   * Applies an action (throws `SimStateError` when the state does not allow it) and hands its
   * notifications to the notifier. `delivered` settles after their first attempts.
   */
  run(
    action: SimAction,
    orderId: string,
    o: ActionOptions = {},
  ): { transaction: SimTransaction; delivered: Promise<void> } {
    const l = this.ledger;
    const changes = ((): SimTransaction[] => {
      switch (action) {
        case 'choose':
          return l.choose(orderId, o.paymentType, o.bank);
        case 'pay':
          return l.pay(orderId, o.paymentType, o.bank);
        case 'challenge':
          return l.challenge(orderId);
        case 'fail':
          return l.fail(orderId, o.paymentType, o.bank);
        case 'cancel':
          return l.cancel(orderId);
        case 'expire':
          return l.expire(orderId, o.paymentType, o.bank);
        case 'refund':
          return l.refund(orderId, o.amount);
      }
    })();
    const delivered = this.notifier.send(changes.map((t) => this.notice(t)));
    return { transaction: l.get(orderId) as SimTransaction, delivered };
  }
}
