/** When the poller first asks about a new transaction: a notification normally beats it. */
export const FIRST_CHECK_MS = 3 * 60_000;
const MAX_INTERVAL_MS = 60 * 60_000;
/** How long after its expiry a transaction the gateway still calls pending keeps being asked. */
export const GIVE_UP_AFTER_EXPIRY_MS = 24 * 3_600_000;

/**
 * Pure: the poller's next look at a transaction still open. Backs off from 3 minutes to an
 * hour, and always looks once more just after the expiry, when the gateway settles it.
 */
export function nextCheckAfter(
  row: { createdAt: Date; expiresAt: Date | null; checkCount: number },
  now: Date,
): Date | null {
  const interval = Math.min(FIRST_CHECK_MS * 2 ** Math.min(row.checkCount, 10), MAX_INTERVAL_MS);
  let next = now.getTime() + interval;
  const expiry = row.expiresAt?.getTime();
  if (expiry !== undefined) {
    const afterExpiry = expiry + 60_000;
    if (now.getTime() < afterExpiry && next > afterExpiry) next = afterExpiry;
    if (now.getTime() > expiry + GIVE_UP_AFTER_EXPIRY_MS) return null;
  }
  return new Date(next);
}
