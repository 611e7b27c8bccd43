/** Customer portal sessions, links and login throttling: one place to read and tune them. */
export const PORTAL_POLICY = {
  /**
   * Failed logins per IP across all customers, per window. Higher than staff: many customers of
   * one ISP may sit behind the same CGNAT address.
   */
  ipAttempts: 30,
  ipWindowMs: 5 * 60_000,
  /** Failed logins per login name (customer number or username) from anywhere, per window. */
  loginAttempts: 5,
  loginWindowMs: 15 * 60_000,
  /** Failed "current password" checks per customer, per window. */
  passwordAttempts: 10,
  passwordWindowMs: 15 * 60_000,
  /** A session ends after this long without use (sliding). */
  sessionIdleMs: 30 * 24 * 3_600_000,
  /** Last-seen and expiry are written at most this often. */
  touchEveryMs: 60_000,
  /** One-time login links sent by WhatsApp or email. */
  linkTtlMs: 72 * 3_600_000,
} as const;

export const PORTAL_COOKIE = 'jaring_portal';
/** The cookie only travels to the portal API: no other endpoint ever sees it. */
export const PORTAL_COOKIE_PATH = '/api/v1/portal';
export const PORTAL_CSRF_HEADER = 'x-csrf-token';
