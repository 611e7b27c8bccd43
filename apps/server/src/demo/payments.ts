import { asc, eq, inArray, isNull } from 'drizzle-orm';
import { customers, invoices, subscriptions } from '../db/schema/index.ts';
import { hashPassword } from '../lib/password.ts';
import { systemContext } from '../modules/auth/principal.ts';
import { runInvoices } from '../modules/billing/invoice-run.ts';
import { updateGatewaySettings } from '../modules/gateways/settings.ts';
import { OPEN_STATUSES } from '../modules/payments/queries.ts';
import { today } from '../modules/subscriptions/service.ts';
import type { AppDeps } from '../runtime/deps.ts';

export interface DemoGateways {
  midtrans: { apiBaseUrl: string; serverKey: string };
  tripay: { apiBaseUrl: string; apiKey: string; privateKey: string; merchantCode: string };
}

export interface DemoCustomerLogin {
  number: string;
  name: string;
  password: string;
}

export const DEMO_CUSTOMER_PASSWORD = 'demo-pelanggan-2026';

/**
 * Both gateways pointed at their simulators (every start: the simulators' addresses may move),
 * this month's invoices issued once, and one customer with an open invoice and a portal
 * password, so a visitor can pay an invoice end to end.
 */
export async function seedDemoPayments(
  deps: AppDeps,
  gateways: DemoGateways,
): Promise<DemoCustomerLogin | null> {
  const ctx = systemContext();
  await updateGatewaySettings(deps, ctx, 'midtrans', {
    enabled: true,
    environment: 'sandbox',
    serverKey: gateways.midtrans.serverKey,
    apiBaseUrl: gateways.midtrans.apiBaseUrl,
    channels: ['bca_va', 'bni_va', 'bri_va', 'other_qris', 'gopay'],
    feeBearer: 'customer',
    fees: {
      bca_va: { flat: '4000', percentBp: 0 },
      bni_va: { flat: '4000', percentBp: 0 },
      bri_va: { flat: '4000', percentBp: 0 },
      other_qris: { flat: '0', percentBp: 70 },
      gopay: { flat: '0', percentBp: 200 },
    },
  });
  await updateGatewaySettings(deps, ctx, 'tripay', {
    enabled: true,
    environment: 'sandbox',
    apiKey: gateways.tripay.apiKey,
    privateKey: gateways.tripay.privateKey,
    merchantCode: gateways.tripay.merchantCode,
    apiBaseUrl: gateways.tripay.apiBaseUrl,
    channels: ['BRIVA', 'BCAVA', 'QRIS', 'ALFAMART'],
  });

  const [anyInvoice] = await deps.db.select({ id: invoices.id }).from(invoices).limit(1);
  if (!anyInvoice) {
    // Imported services carry no start date until the operator sets their billing terms; the
    // demo's started with last month, billed on the 1st, so this month's invoices exist.
    const day = today(deps);
    const lastMonth = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
    lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
    await deps.db
      .update(subscriptions)
      .set({ startDate: lastMonth.toISOString().slice(0, 10), billingDay: 1 })
      .where(isNull(subscriptions.startDate));
    await runInvoices(deps, ctx, { dryRun: false });
  }

  const [open] = await deps.db
    .select({ customerId: invoices.customerId, number: customers.number, name: customers.name })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(inArray(invoices.status, [...OPEN_STATUSES]))
    .orderBy(asc(customers.number))
    .limit(1);
  if (!open) return null;
  await deps.db
    .update(customers)
    .set({ portalPasswordHash: await hashPassword(DEMO_CUSTOMER_PASSWORD) })
    .where(eq(customers.id, open.customerId));
  return { number: open.number, name: open.name, password: DEMO_CUSTOMER_PASSWORD };
}
