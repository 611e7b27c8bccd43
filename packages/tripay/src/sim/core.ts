import { callbackSignature } from '../signature.ts';
import type { SimChannel } from './channels.ts';
import { CallbackDeliverer } from './delivery.ts';
import type { DeliveryOptions } from './delivery.ts';
import { nowSeconds, SimStateError, TransactionStore } from './store.ts';
import type { SimAction, SimTransaction } from './store.ts';
import { callbackBody } from './views.ts';

export interface CoreSettings {
  apiKey: string;
  privateKey: string;
  merchantCode: string;
  /** Where browsers reach the simulator; checkout, QR and icon URLs start with it. */
  siteUrl: string;
  channels: Map<string, SimChannel>;
  callbackUrl: string | undefined;
  delivery: DeliveryOptions | undefined;
  latencyMs: number;
}

/** The simulator's state and behaviour, independent of the HTTP routes that expose it. */
export class SimCore {
  readonly apiKey: string;
  readonly privateKey: string;
  readonly merchantCode: string;
  readonly siteUrl: string;
  readonly channels: Map<string, SimChannel>;
  readonly store: TransactionStore;
  readonly deliverer: CallbackDeliverer;
  callbackUrl: string | undefined;
  latencyMs: number;

  constructor(settings: CoreSettings) {
    this.apiKey = settings.apiKey;
    this.privateKey = settings.privateKey;
    this.merchantCode = settings.merchantCode;
    this.siteUrl = settings.siteUrl;
    this.channels = settings.channels;
    this.callbackUrl = settings.callbackUrl;
    this.latencyMs = settings.latencyMs;
    this.store = new TransactionStore(settings.merchantCode, settings.siteUrl);
    this.deliverer = new CallbackDeliverer(settings.delivery);
  }

  /**
   * Applies a status change and sends its callback. The body is fixed now, so a held or
   * delayed callback still reports the status of this change, as Tripay's queue would.
   */
  async act(referenceOrMerchantRef: string, action: SimAction): Promise<SimTransaction> {
    const tx = this.store.apply(referenceOrMerchantRef, action);
    const url = tx.callbackUrl ?? this.callbackUrl;
    if (url !== undefined) {
      const body = callbackBody(tx);
      await this.deliverer.dispatch({
        reference: tx.reference,
        status: tx.status,
        url,
        body,
        signature: callbackSignature(this.privateKey, body),
      });
    }
    return tx;
  }

  signedCallback(
    referenceOrMerchantRef: string,
    overrides?: Record<string, unknown>,
  ): { body: string; signature: string } {
    const tx = this.store.get(referenceOrMerchantRef);
    if (!tx) throw new SimStateError(`unknown transaction ${referenceOrMerchantRef}`);
    const body = callbackBody(tx, overrides);
    return { body, signature: callbackSignature(this.privateKey, body) };
  }

  /** Expires unpaid transactions past their expiry time, sending their callbacks. */
  expireOverdue(): void {
    for (const reference of this.store.overdue(nowSeconds())) {
      // The deliverer tracks the delivery itself; idle() waits for it.
      this.act(reference, 'expire').catch(() => undefined);
    }
  }
}
