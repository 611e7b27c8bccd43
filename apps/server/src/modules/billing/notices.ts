import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { notifyCustomers } from '../notifications/outbox.ts';
import { enabledChannels, readStoredSettings } from '../notifications/settings.ts';
import { formatDateSql, formatRupiahSql } from '../notifications/templates.ts';
import { messageLinks } from '../portal/message-links.ts';

/**
 * Tells each customer about their newly issued invoices, with a one-time link straight to the
 * invoice in the portal. `where` selects the invoices (alias `i`); those already paid (from
 * credit, or a total of zero) are not announced. One statement for the links and one for the
 * messages, whatever the number of invoices; the dedupe key is the invoice, so issuing is
 * announced once.
 */
export async function notifyInvoicesIssued(
  deps: AppDeps,
  tx: Executor,
  where: SQL,
): Promise<number> {
  // No channel configured: nobody can be told, so no links are made either.
  if (enabledChannels(await readStoredSettings(tx)).length === 0) return 0;
  const links = messageLinks(deps, 'invoice');
  const issued = sql`select i.id, i.customer_id, i.number, i.total - i.paid as balance, i.due_date
    from invoices i
    where ${where} and i.status in ('issued', 'partially_paid', 'overdue') and i.total > i.paid`;
  await links.store(
    tx,
    sql`select n.customer_id, n.id as invoice_id, '' as salt, n.due_date as valid_until
      from (${issued}) n`,
  );
  return notifyCustomers(
    deps,
    tx,
    sql`select n.customer_id, 'invoice_issued' as template, 'invoice:' || n.id as dedupe_base,
        jsonb_build_object('name', cu.name, 'customerNumber', cu.number,
          'invoiceNumber', n.number, 'amount', ${sql.raw(formatRupiahSql('n.balance'))},
          'dueDate', ${sql.raw(formatDateSql('n.due_date'))},
          'paymentLink', ${links.url('n.customer_id', 'n.id')}) as variables
      from (${issued}) n join customers cu on cu.id = n.customer_id`,
  );
}
