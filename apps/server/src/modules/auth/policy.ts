/** Login throttling and session lifetime: one place to read and tune them. */
export const AUTH_POLICY = {
  /** Attempts per IP across all accounts, per window. */
  ipAttempts: 20,
  ipWindowMs: 5 * 60_000,
  /** Attempts per account from anywhere, per window. */
  accountAttempts: 10,
  accountWindowMs: 15 * 60_000,
  /** Consecutive failures that lock the account, and for how long. */
  lockAfterFailures: 5,
  lockMs: 15 * 60_000,
  /** A session ends after this long without use... */
  sessionIdleMs: 7 * 24 * 3_600_000,
  /** ...and after this long in any case. */
  sessionAbsoluteMs: 30 * 24 * 3_600_000,
  /** Writes of last-seen are throttled: a busy SPA must not update the row on every request. */
  touchEveryMs: 60_000,
} as const;

export const SESSION_COOKIE = 'jaring_session';
export const CSRF_HEADER = 'x-csrf-token';
export const TOKEN_PREFIX = 'jrg_';
