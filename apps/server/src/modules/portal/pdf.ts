import type { Locale } from '@jaring/contracts';
import { DomainError } from '../../lib/errors.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { findCustomerById } from './queries.ts';
import { ownInvoiceId, type PortalCaller } from './service.ts';

/**
 * The caller's invoice as PDF, in the requested language or else the customer's own. Ownership is
 * checked here, before the renderer sees the id.
 */
export async function portalInvoicePdf(
  deps: AppDeps,
  caller: PortalCaller,
  invoiceId: string,
  lang: Locale | undefined,
): Promise<{ filename: string; body: Buffer }> {
  const id = await ownInvoiceId(deps, caller, invoiceId);
  const customer = await findCustomerById(deps.db, caller.customerId);
  const _locale: Locale = lang ?? (customer?.locale as Locale | undefined) ?? 'id';
  void id;
  throw new DomainError('bad_request', 'Invoice PDFs are not available yet');
}
