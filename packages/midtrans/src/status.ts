import type { GatewayStatus } from './types.ts';

const SIMPLE: Readonly<Record<string, GatewayStatus>> = {
  settlement: 'paid',
  pending: 'pending',
  authorize: 'pending',
  deny: 'failed',
  cancel: 'failed',
  failure: 'failed',
  expire: 'expired',
  refund: 'refunded',
  chargeback: 'refunded',
  partial_refund: 'partially_refunded',
  partial_chargeback: 'partially_refunded',
};

/**
 * Maps Midtrans `transaction_status` (+ `fraud_status` for card captures) to a
 * {@link GatewayStatus}. Unknown values map to `pending` so the caller keeps asking the status
 * API instead of settling an invoice on a value it does not understand.
 */
export function mapStatus(transactionStatus: string, fraudStatus?: string | null): GatewayStatus {
  const status = transactionStatus.trim().toLowerCase();
  if (status === 'capture') {
    const fraud = (fraudStatus ?? '').trim().toLowerCase();
    // Captures without fraud screening (3DS-only merchants) carry no fraud_status.
    if (fraud === '' || fraud === 'accept') return 'paid';
    if (fraud === 'challenge') return 'challenge';
    if (fraud === 'deny') return 'failed';
    return 'pending';
  }
  return Object.hasOwn(SIMPLE, status) ? (SIMPLE[status] as GatewayStatus) : 'pending';
}
