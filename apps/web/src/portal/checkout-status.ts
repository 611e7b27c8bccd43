import type { GatewayTxStatus, PortalCheckout } from '@jaring/contracts';

/** Statuses in which the customer can still pay. */
const AWAITING: ReadonlySet<GatewayTxStatus> = new Set(['creating', 'pending', 'challenge']);

export function isAwaitingPayment(status: GatewayTxStatus): boolean {
  return AWAITING.has(status);
}

/** What the checkout page shows. `processing`: paid, the receipt not written yet. */
export type CheckoutView = 'waiting' | 'paid' | 'processing' | 'failed' | 'expired' | 'refunded';

export function checkoutView(
  checkout: Pick<PortalCheckout, 'status' | 'paymentNumber'>,
): CheckoutView {
  switch (checkout.status) {
    case 'paid':
      return checkout.paymentNumber ? 'paid' : 'processing';
    case 'failed':
      return 'failed';
    case 'expired':
      return 'expired';
    case 'refunded':
    case 'partially_refunded':
      return 'refunded';
    default:
      return 'waiting';
  }
}

export const POLL_MS = 3000;
/** Past its expiry the gateway should say so soon; until it does, ask less often. */
const OVERDUE_POLL_MS = 30_000;
const GRACE_MS = 60_000;
/** How long after "paid" the receipt is awaited before the page stops asking. */
const RECEIPT_WAIT_MS = 2 * 60_000;

/** How often the checkout page asks for news, or false when nothing more will happen. */
export function checkoutPollMs(
  checkout: Pick<PortalCheckout, 'status' | 'expiresAt' | 'paidAt' | 'paymentNumber'> | undefined,
  now: number,
): number | false {
  if (!checkout) return false;
  if (isAwaitingPayment(checkout.status)) {
    const expires = checkout.expiresAt ? Date.parse(checkout.expiresAt) : Number.NaN;
    return now > expires + GRACE_MS ? OVERDUE_POLL_MS : POLL_MS;
  }
  if (checkout.status === 'paid' && checkout.paymentNumber === null) {
    const paid = checkout.paidAt ? Date.parse(checkout.paidAt) : now;
    return now - paid < RECEIPT_WAIT_MS ? POLL_MS : false;
  }
  return false;
}

/** Time left as whole days and a clock (`4:05:09`, `05:09`), or null once it has run out. */
export function countdownParts(msLeft: number): { days: number; clock: string } | null {
  if (!(msLeft > 0)) return null;
  const total = Math.ceil(msLeft / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  const clock =
    hours > 0 || days > 0
      ? `${hours}:${two(minutes)}:${two(seconds)}`
      : `${two(minutes)}:${two(seconds)}`;
  return { days, clock };
}
