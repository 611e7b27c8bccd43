import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { notifyCustomers } from '../notifications/outbox.ts';
import { formatRupiahSql } from '../notifications/templates.ts';

/** The customer's thank-you on each channel, once per payment (the dedupe key is the payment). */
export async function notifyPaymentReceived(
  deps: AppDeps,
  tx: Executor,
  paymentId: string,
): Promise<void> {
  await notifyCustomers(
    deps,
    tx,
    sql`select p.customer_id, 'payment_received' as template, 'payment:' || p.id as dedupe_base,
        jsonb_build_object('name', cu.name, 'customerNumber', cu.number,
          'amount', ${sql.raw(formatRupiahSql('p.amount'))},
          'invoiceNumber', coalesce((
            select string_agg(i.number, ', ' order by i.number)
            from invoice_allocations a join invoices i on i.id = a.invoice_id
            where a.payment_id = p.id), p.number)) as variables
      from payments p join customers cu on cu.id = p.customer_id
      where p.id = ${paymentId}::uuid`,
  );
}
