import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  creditLedger,
  customers,
  invoices,
  notifications,
  subscriptions,
} from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { addDays } from '../src/modules/billing/periods.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import { startHttpReceiver, type HttpReceiver } from './support/http-receiver.ts';
import { whatsappOnlySettings } from './support/notification-settings.ts';
import { fixtures, ok, unique, type Fixtures } from './support/network.ts';

// Noon in Jakarta.
const clock = new ManualClock('2026-03-10T05:00:00Z');
let env: TestEnv;
let admin: Agent;
let make: Fixtures;
let wa: HttpReceiver;
let routerId = '';
let planId = '';

beforeAll(async () => {
  env = await createTestEnv({ jobs: true, clock });
  admin = await env.agentFor('admin');
  make = fixtures(admin);
  wa = await startHttpReceiver();
  ok(
    await admin.request({
      method: 'PUT',
      url: '/api/v1/settings/notifications',
      payload: whatsappOnlySettings(wa.url),
    }),
  );
  routerId = (await make.router()).id;
  planId = (await make.plan([routerId], { price: '150000' })).id;
}, 60_000);
afterAll(async () => {
  await wa.close();
  await env.close();
});

async function run(): Promise<{ count: number }> {
  return ok(
    await admin.request({
      method: 'POST',
      url: '/api/v1/invoices/run',
      payload: { dryRun: false },
    }),
  );
}

async function messagesOf(customerId: string): Promise<(typeof notifications.$inferSelect)[]> {
  return env.deps.db.select().from(notifications).where(eq(notifications.customerId, customerId));
}

describe('invoice issued', () => {
  it('tells the customer once, with a one-time link straight to the invoice', async () => {
    const customer = await make.customer({ name: unique('Rina'), phone: '081211112222' });
    const sub = await make.subscription({
      customerId: customer.id,
      planId,
      routerId,
      activate: true,
    });
    expect((await run()).count).toBeGreaterThan(0);
    const [invoice] = await env.deps.db
      .select()
      .from(invoices)
      .where(eq(invoices.subscriptionId, sub.id));
    if (!invoice?.number) throw new Error('no invoice issued');

    const sent = await messagesOf(customer.id);
    expect(sent).toHaveLength(1);
    const [message] = sent;
    expect(message).toMatchObject({
      template: 'invoice_issued',
      channel: 'whatsapp',
      recipient: '6281211112222',
      dedupeKey: `invoice:${invoice.id}:whatsapp`,
    });
    expect(message?.body).toContain(invoice.number);
    const balance = (invoice.total - invoice.paid).toString().replace(/\B(?=(\d{3})+$)/g, '.');
    expect(message?.body).toContain(`Rp ${balance}`);
    const token = /\/portal\/link\/([0-9a-f]{64})\b/.exec(message?.body ?? '')?.[1];
    expect(token, message?.body).toBeDefined();

    // The link signs the customer in at that invoice, once.
    const first = await env.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/link',
      payload: { token },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<{ invoiceId: string }>().invoiceId).toBe(invoice.id);
    const again = await env.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/link',
      payload: { token },
    });
    expect(again.statusCode).toBe(401);

    // Running again issues nothing and announces nothing.
    expect((await run()).count).toBe(0);
    expect(await messagesOf(customer.id)).toHaveLength(1);

    // The reminder before the due date carries a link of its own, which still works.
    const reminderDay = addDays(invoice.dueDate, -3);
    ok(
      await admin.request({
        method: 'POST',
        url: '/api/v1/dunning/run',
        payload: { asOf: reminderDay, dryRun: false },
      }),
    );
    const reminder = (await messagesOf(customer.id)).find(
      (m) => m.template === 'reminder_before_due',
    );
    const reminderToken = /\/portal\/link\/([0-9a-f]{64})\b/.exec(reminder?.body ?? '')?.[1];
    expect(reminderToken, reminder?.body).toBeDefined();
    expect(reminderToken).not.toBe(token);
    const viaReminder = await env.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/link',
      payload: { token: reminderToken },
    });
    expect(viaReminder.statusCode, viaReminder.body).toBe(200);
    expect(viaReminder.json<{ invoiceId: string }>().invoiceId).toBe(invoice.id);
  });

  it('credit applied by the run settles an overdue invoice and lifts the dunning isolation', async () => {
    const customer = await make.customer({ name: unique('Dedi') });
    const sub = await make.subscription({
      customerId: customer.id,
      planId,
      routerId,
      activate: true,
    });
    await run();
    const [current] = await env.deps.db
      .select()
      .from(invoices)
      .where(eq(invoices.subscriptionId, sub.id));
    if (!current) throw new Error('no invoice issued');
    // An older manual invoice went overdue, dunning isolated the service, then credit arrived.
    await env.deps.db.insert(invoices).values({
      number: 'OLD-2026-000001',
      customerId: customer.id,
      kind: 'manual',
      issueDate: '2026-01-20',
      dueDate: '2026-02-01',
      status: 'overdue',
      subtotal: 50_000n,
      tax: 0n,
      total: 50_000n,
    });
    await env.deps.db
      .update(subscriptions)
      .set({ status: 'isolated', isolatedBy: 'dunning' })
      .where(eq(subscriptions.id, sub.id));
    await env.deps.db.insert(creditLedger).values({
      customerId: customer.id,
      amount: 50_000n,
      reason: 'adjustment',
      note: 'test credit',
    });
    await env.deps.db
      .update(customers)
      .set({ creditBalance: 50_000n })
      .where(eq(customers.id, customer.id));

    // The next invoice run (another customer's invoice) applies every customer's credit.
    await make.subscription({
      customerId: (await make.customer({ name: unique('Other') })).id,
      planId,
      routerId,
      activate: true,
    });
    expect((await run()).count).toBeGreaterThan(0);

    const [old] = await env.deps.db
      .select()
      .from(invoices)
      .where(eq(invoices.number, 'OLD-2026-000001'));
    expect(old).toMatchObject({ status: 'paid', paid: 50_000n });
    const [after] = await env.deps.db
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.id, sub.id));
    expect(after).toMatchObject({ status: 'active', isolatedBy: null });
    const [cu] = await env.deps.db.select().from(customers).where(eq(customers.id, customer.id));
    expect(cu?.creditBalance).toBe(0n);
  });
});
