import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoices, notifications, subscriptions } from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { sendPending } from '../src/modules/notifications/sender.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import { startHttpReceiver, type HttpReceiver } from './support/http-receiver.ts';
import { whatsappOnlySettings } from './support/notification-settings.ts';
import { fixtures, ok, unique, type Fixtures } from './support/network.ts';

const clock = new ManualClock('2026-03-10T05:00:00Z');
let env: TestEnv;
let admin: Agent;
let finance: Agent;
let make: Fixtures;
let wa: HttpReceiver;

beforeAll(async () => {
  env = await createTestEnv({ jobs: true, clock });
  admin = await env.agentFor('admin');
  finance = await env.agentFor('finance');
  make = fixtures(admin);
  wa = await startHttpReceiver();
  ok(
    await admin.request({
      method: 'PUT',
      url: '/api/v1/settings/notifications',
      payload: whatsappOnlySettings(wa.url),
    }),
  );
}, 60_000);
afterAll(async () => {
  await wa.close();
  await env.close();
});

describe('messages after a payment', () => {
  it('thanks the customer once per payment and announces the restored service', async () => {
    const routerId = (await make.router()).id;
    const planId = (await make.plan([routerId])).id;
    const customer = await make.customer({ name: unique('Sari'), phone: '0812-3456-7890' });
    const sub = await make.subscription({
      customerId: customer.id,
      planId,
      routerId,
      username: unique('sari'),
      activate: true,
    });
    await env.deps.db
      .update(subscriptions)
      .set({ status: 'isolated', isolatedBy: 'dunning' })
      .where(eq(subscriptions.id, sub.id));
    const [inv] = await env.deps.db
      .insert(invoices)
      .values({
        number: 'NTC-2026-000001',
        customerId: customer.id,
        kind: 'manual',
        issueDate: '2026-02-01',
        dueDate: '2026-02-10',
        status: 'overdue',
        subtotal: 166_500n,
        tax: 0n,
        total: 166_500n,
      })
      .returning();
    if (!inv) throw new Error('no invoice');

    const res = await finance.request({
      method: 'POST',
      url: '/api/v1/payments',
      payload: { customerId: customer.id, method: 'cash', amount: '166500' },
    });
    const payment = ok<{ id: string }>(res, 201);

    const queued = await env.deps.db
      .select()
      .from(notifications)
      .where(eq(notifications.customerId, customer.id));
    expect(queued.map((n) => [n.template, n.channel, n.recipient, n.dedupeKey]).sort()).toEqual(
      [
        ['payment_received', 'whatsapp', '6281234567890', `payment:${payment.id}:whatsapp`],
        [
          'service_restored',
          'whatsapp',
          '6281234567890',
          `restored:${customer.id}:${payment.id}:whatsapp`,
        ],
      ].sort(),
    );
    const thanks = queued.find((n) => n.template === 'payment_received');
    expect(thanks?.body).toContain('Rp 166.500');
    expect(thanks?.body).toContain('NTC-2026-000001');

    // Delivered to the gateway once each; a second send finds nothing left.
    await sendPending(env.deps);
    await sendPending(env.deps);
    const bodies = wa.requests.map((r) => JSON.parse(r.body) as { message: string });
    expect(bodies).toHaveLength(2);
    expect(bodies.some((b) => b.message.includes('Rp 166.500'))).toBe(true);

    // A later payment (to credit) sends its own thanks, and no second restoration notice.
    const second = ok<{ id: string }>(
      await finance.request({
        method: 'POST',
        url: '/api/v1/payments',
        payload: { customerId: customer.id, method: 'transfer', amount: '50000' },
      }),
      201,
    );
    const after = await env.deps.db
      .select()
      .from(notifications)
      .where(eq(notifications.customerId, customer.id));
    expect(after).toHaveLength(3);
    expect(after.filter((n) => n.template === 'service_restored')).toHaveLength(1);
    expect(after.find((n) => n.dedupeKey === `payment:${second.id}:whatsapp`)?.body).toContain(
      'Rp 50.000',
    );
  });
});
