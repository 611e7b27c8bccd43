import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { hmac } from '../../crypto/tokens.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { PORTAL_POLICY } from './policy.ts';

/**
 * One-time portal links for messages sent in bulk (invoice issued, reminders), made set-based:
 * a link's token is a keyed hash of (customer, invoice, purpose) under a key derived from
 * APP_KEY, so the statement that stores the links (only their SHA-256, like every other link)
 * and the statement that renders the messages compute the same token without passing it
 * around. Without the key the token cannot be guessed; each link still works only once and
 * expires.
 */
export interface MessageLinks {
  /**
   * SQL expression of the link URL for the row's customer/invoice columns; `saltExpr` tells
   * apart several links for one invoice (e.g. each reminder day), so using one leaves the others.
   */
  url(customerExpr: string, invoiceExpr: string, saltExpr?: string): SQL;
  /**
   * Stores the links of `rows` (columns customer_id, invoice_id, salt text, valid_until date or
   * null): each valid until the later of 72 hours from now and 14 days after `valid_until`.
   */
  store(tx: Executor, rows: SQL): Promise<void>;
}

export function messageLinks(deps: AppDeps, purpose: string): MessageLinks {
  if (!/^[a-z0-9:_-]{1,60}$/.test(purpose)) throw new Error(`bad link purpose: ${purpose}`);
  const key = hmac(deps.csrfKey, 'jaring:portal-message-links');
  const token = (customerExpr: string, invoiceExpr: string, saltExpr: string): SQL =>
    sql`encode(sha256(convert_to(${key}::text || ':' || ${sql.raw(customerExpr)}::text || ':' || coalesce(${sql.raw(invoiceExpr)}::text, '') || ':' || ${purpose}::text || ':' || coalesce((${sql.raw(saltExpr)})::text, ''), 'UTF8')), 'hex')`;
  return {
    url(customerExpr, invoiceExpr, saltExpr = "''") {
      return sql`(${`${deps.config.appUrl}/portal/link/`}::text || ${token(customerExpr, invoiceExpr, saltExpr)})`;
    },
    async store(tx, rows) {
      const now = deps.clock.now();
      const minExpiry = new Date(now.getTime() + PORTAL_POLICY.linkTtlMs).toISOString();
      await tx.execute(sql`
        insert into portal_login_links (token_hash, customer_id, invoice_id, created_at, expires_at)
        select encode(sha256(convert_to(${token('r.customer_id', 'r.invoice_id', 'r.salt')}, 'UTF8')), 'hex'),
          r.customer_id, r.invoice_id, ${now.toISOString()}::timestamptz,
          greatest(${minExpiry}::timestamptz, (r.valid_until + 14)::timestamptz)
        from (${rows}) r
        on conflict (token_hash) do nothing`);
    },
  };
}
