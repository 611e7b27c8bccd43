import type { Locale } from '@jaring/contracts';
import type { AppDeps } from '../../runtime/deps.ts';
import { renderInvoicePdf } from '../documents/service.ts';
import { findCustomerById, findCustomerInvoice } from './queries.ts';
import type { PortalCaller } from './service.ts';
import { notFound } from '../../lib/errors.ts';

/**
 * The caller's invoice as PDF, in the requested language or else the customer's own. Ownership
 * (and "not a draft") is checked here, before the renderer ever sees the id.
 */
export async function portalInvoicePdf(
  deps: AppDeps,
  caller: PortalCaller,
  invoiceId: string,
  lang: Locale | undefined,
): Promise<{ filename: string; body: Buffer }> {
  const invoice = await findCustomerInvoice(deps.db, caller.customerId, invoiceId);
  if (!invoice?.number) throw notFound('Invoice');
  const customer = await findCustomerById(deps.db, caller.customerId);
  const locale: Locale = lang ?? (customer?.locale === 'en' ? 'en' : 'id');
  const body = await renderInvoicePdf(deps, invoice.id, locale);
  return { filename: `${invoice.number}.pdf`, body };
}
