import type { GatewayStatus } from './types.ts';

const STATUSES: Readonly<Record<string, GatewayStatus>> = {
  UNPAID: 'pending',
  PAID: 'paid',
  EXPIRED: 'expired',
  FAILED: 'failed',
  REFUND: 'refunded',
};

/**
 * Tripay status to the gateway-neutral one. An unknown status maps to `pending` so that it
 * never settles an invoice by itself; the status API decides later.
 */
export function mapStatus(status: string): GatewayStatus {
  return STATUSES[status.trim().toUpperCase()] ?? 'pending';
}
