import { NOTIFICATION_TEMPLATES } from '@jaring/contracts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, notifications } from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { rowsOf } from '../src/lib/sql-helpers.ts';
import { notifyCustomer, queueNotification } from '../src/modules/notifications/outbox.ts';
import { IN_FLIGHT, sendPending } from '../src/modules/notifications/sender.ts';
import { formatRupiah } from '../src/modules/notifications/templates.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import { startHttpReceiver, type HttpReceiver } from './support/http-receiver.ts';
import { startSmtpReceiver, type SmtpReceiver } from './support/smtp-receiver.ts';

const clock = new ManualClock('2026-03-01T01:00:00Z');
let env: TestEnv;
let admin: Agent;
let smtp: SmtpReceiver;
let wa: HttpReceiver;
let tg: HttpReceiver;
let customerId = '';
let seq = 0;

function settings(overrides: { waRate?: number } = {}): Record<string, unknown> {
  return {
    email: {
      enabled: true,
      host: smtp.host,
      port: smtp.port,
      secure: false,
      user: 'mailer',
      password: 'smtp-secret',
      from: 'Jaring ISP <billing@isp.test>',
      ratePerMinute: 60,
    },
    whatsapp: {
      enabled: true,
      url: `${wa.url}/send`,
      method: 'POST',
      headers: { Authorization: '{{token}}' },
      bodyTemplate: '{"target":"{{to}}","message":"{{message}}"}',
      format: 'json',
      token: 'wa-token-123',
      ratePerMinute: overrides.waRate ?? 20,
    },
    telegram: { enabled: true, baseUrl: tg.url, botToken: '42:bot-token', ratePerMinute: 30 },
    maxAttempts: 3,
  };
}

async function put(url: string, payload: unknown, status = 200): Promise<unknown> {
  const res = await admin.request({ method: 'PUT', url, payload: payload as object });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

function mailText(raw: string): string {
  return raw.replace(/=\r\n/g, '').replace(/=3D/g, '=');
}

async function rowsFor(key: string): Promise<(typeof notifications.$inferSelect)[]> {
  return env.deps.db
    .select()
    .from(notifications)
    .where(sql`${notifications.dedupeKey} like ${`${key}%`}`);
}

beforeAll(async () => {
  smtp = await startSmtpReceiver({ user: 'mailer', password: 'smtp-secret' });
  wa = await startHttpReceiver();
  tg = await startHttpReceiver();
  tg.reply((_r, n) => ({ ok: true, result: { message_id: 1000 + n } }));
  env = await createTestEnv({ jobs: true, clock });
  admin = await env.agentFor('admin');
  const [c] = await env.deps.db
    .insert(customers)
    .values({
      number: 'C000001',
      name: 'Budi Santoso',
      phone: '0812-3456-7890',
      email: 'budi@example.test',
      telegramChatId: '987654',
      locale: 'id',
    })
    .returning({ id: customers.id });
  customerId = c!.id;
}, 60_000);

afterAll(async () => {
  await env.close();
  await Promise.all([smtp.close(), wa.close(), tg.close()]);
});

describe('channel settings', () => {
  it('stores secrets encrypted and returns only flags', async () => {
    const out = (await put('/api/v1/settings/notifications', settings())) as Record<
      string,
      Record<string, unknown>
    >;
    expect(out['email']).toMatchObject({ hasPassword: true, host: smtp.host });
    expect(out['whatsapp']).toMatchObject({ hasToken: true });
    expect(out['telegram']).toMatchObject({ hasBotToken: true, baseUrl: tg.url });
    const body = JSON.stringify(out);
    expect(body).not.toContain('smtp-secret');
    expect(body).not.toContain('wa-token-123');
    expect(body).not.toContain('bot-token');
    const stored = JSON.stringify(
      await rowsOf(
        env.deps.db.execute(
          sql`select value from app_settings where key = 'notifications.settings'`,
        ),
      ),
    );
    expect(stored).not.toContain('smtp-secret');
    expect(stored).not.toContain('wa-token-123');
    // Absent secrets keep the stored ones.
    const s = settings() as { email: Record<string, unknown> };
    delete s.email['password'];
    const again = (await put('/api/v1/settings/notifications', s)) as {
      email: { hasPassword: boolean };
    };
    expect(again.email.hasPassword).toBe(true);
    const got = await admin.request({ method: 'GET', url: '/api/v1/settings/notifications' });
    expect(got.json<{ email: { hasPassword: boolean } }>().email.hasPassword).toBe(true);
  });

  it('refuses an enabled channel without its address', async () => {
    const s = settings() as { whatsapp: Record<string, unknown> };
    s.whatsapp['url'] = null;
    const res = await admin.request({
      method: 'PUT',
      url: '/api/v1/settings/notifications',
      payload: s,
    });
    expect(res.statusCode).toBe(400);
  });

  it('a technician cannot read channel settings', async () => {
    const technician = await env.agentFor('technician');
    const res = await technician.request({ method: 'GET', url: '/api/v1/settings/notifications' });
    expect(res.statusCode).toBe(403);
  });
});

describe('outbox and sender', () => {
  it('renders, queues once per channel, and delivers once through real SMTP and HTTP receivers', async () => {
    const vars = {
      name: 'Budi Santoso',
      customerNumber: 'C000001',
      invoiceNumber: 'INV-2026-000001',
      amount: formatRupiah(150_000n),
      dueDate: '08/03/2026',
      paymentLink: 'https://isp.test/portal',
    };
    const queue = (): Promise<number> =>
      env.deps.db.transaction((tx) =>
        notifyCustomer(env.deps, tx, {
          customerId,
          template: 'invoice_issued',
          variables: vars,
          dedupeKey: 'test:first',
        }),
      );
    expect(await queue()).toBe(3);
    expect(await queue()).toBe(0);
    const rows = await rowsFor('test:first');
    expect(rows.map((r) => r.channel).sort()).toEqual(['email', 'telegram', 'whatsapp']);
    const waRow = rows.find((r) => r.channel === 'whatsapp')!;
    expect(waRow.recipient).toBe('6281234567890');
    expect(waRow.body).toBe(
      'Halo Budi Santoso, tagihan internet Anda INV-2026-000001 sebesar Rp 150.000 telah terbit dan jatuh tempo pada 08/03/2026. Bayar di https://isp.test/portal',
    );

    const r = await sendPending(env.deps);
    expect(r).toMatchObject({ sent: 3, failed: 0, retrying: 0 });
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.to).toEqual(['budi@example.test']);
    expect(mail.user).toBe('mailer');
    expect(mailText(mail.raw)).toContain('Subject: Tagihan INV-2026-000001');
    expect(mailText(mail.raw)).toContain('sebesar Rp 150.000 telah terbit');

    expect(wa.requests).toHaveLength(1);
    const waReq = wa.requests[0]!;
    expect(waReq.method).toBe('POST');
    expect(waReq.url).toBe('/send');
    expect(waReq.headers['authorization']).toBe('wa-token-123');
    expect(JSON.parse(waReq.body)).toEqual({ target: '6281234567890', message: waRow.body });

    expect(tg.requests).toHaveLength(1);
    expect(tg.requests[0]!.url).toBe('/bot42:bot-token/sendMessage');
    expect(JSON.parse(tg.requests[0]!.body)).toEqual({ chat_id: '987654', text: waRow.body });

    const after = await rowsFor('test:first');
    expect(after.every((x) => x.status === 'sent' && x.attempts === 1 && x.sentAt)).toBe(true);
    expect(after.find((x) => x.channel === 'telegram')!.providerId).toBe('1001');

    // Nothing is sent twice, however often the sender runs.
    clock.advance(5 * 60_000);
    expect(await sendPending(env.deps)).toMatchObject({ sent: 0 });
    expect(smtp.messages).toHaveLength(1);
    expect(wa.requests).toHaveLength(1);
    expect(tg.requests).toHaveLength(1);
  });

  it('retries a failing gateway with backoff and delivers once', async () => {
    wa.failNext(2);
    const before = wa.requests.length;
    await env.deps.db.transaction((tx) =>
      queueNotification(
        tx,
        {
          customerId,
          channel: 'whatsapp',
          recipient: '6281234567890',
          template: 'payment_received',
          locale: 'en',
          variables: { name: 'Budi', amount: formatRupiah(1_234_567n), invoiceNumber: 'INV-9' },
          dedupeKey: 'test:retry',
        },
        env.deps,
      ),
    );
    expect(await sendPending(env.deps)).toMatchObject({ sent: 0, retrying: 1 });
    let [row] = await rowsFor('test:retry');
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.lastError).toContain('HTTP 503');
    // Backoff: not retried before send_after.
    expect(await sendPending(env.deps)).toMatchObject({ sent: 0, retrying: 0 });
    expect(wa.requests.length - before).toBe(1);
    clock.advance(61_000);
    expect(await sendPending(env.deps)).toMatchObject({ retrying: 1 });
    clock.advance(121_000);
    expect(await sendPending(env.deps)).toMatchObject({ sent: 1 });
    [row] = await rowsFor('test:retry');
    expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(row!.body).toBe(
      'Hello Budi, we received your payment of Rp 1.234.567 for INV-9. Thank you.',
    );
    expect(wa.requests.length - before).toBe(3);
    clock.advance(3_600_000);
    await sendPending(env.deps);
    expect(wa.requests.length - before).toBe(3);
  });

  it('gives up after maxAttempts', async () => {
    smtp.failNext(3);
    await env.deps.db.transaction((tx) =>
      queueNotification(tx, {
        customerId,
        channel: 'email',
        recipient: 'budi@example.test',
        template: 'service_restored',
        locale: 'id',
        variables: { name: 'Budi', customerNumber: 'C000001' },
        dedupeKey: 'test:giveup',
        sendAfter: clock.now(),
      }),
    );
    for (let i = 0; i < 4; i++) {
      await sendPending(env.deps);
      clock.advance(3_600_000);
    }
    const [row] = await rowsFor('test:giveup');
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row!.lastError).toContain('451');
  });

  it('never resends a message whose sender died after claiming it', async () => {
    const before = wa.requests.length;
    await env.deps.db.transaction((tx) =>
      queueNotification(
        tx,
        {
          customerId,
          channel: 'whatsapp',
          recipient: '6281234567890',
          template: 'service_restored',
          locale: 'id',
          variables: { name: 'Budi' },
          dedupeKey: 'test:crash',
        },
        env.deps,
      ),
    );
    // The state a sender leaves when it dies between claim and outcome.
    await env.deps.db
      .update(notifications)
      .set({
        attempts: 1,
        lastError: IN_FLIGHT,
        sendAfter: new Date(clock.now().getTime() + 600_000),
      })
      .where(eq(notifications.dedupeKey, 'test:crash'));
    expect(await sendPending(env.deps)).toMatchObject({ sent: 0, expired: 0 });
    clock.advance(601_000);
    expect(await sendPending(env.deps)).toMatchObject({ sent: 0, expired: 1 });
    const [row] = await rowsFor('test:crash');
    expect(row!.status).toBe('failed');
    expect(row!.lastError).toContain('delivery unknown');
    expect(wa.requests.length - before).toBe(0);
  });

  it('rate-limits a channel per minute', async () => {
    await put('/api/v1/settings/notifications', settings({ waRate: 5 }));
    clock.advance(120_000);
    const before = wa.requests.length;
    await env.deps.db.transaction(async (tx) => {
      for (let i = 0; i < 7; i++) {
        await queueNotification(tx, {
          customerId,
          channel: 'whatsapp',
          recipient: `62811000${i}`,
          template: 'reminder_due_today',
          locale: 'id',
          variables: { name: `N${i}` },
          dedupeKey: `test:rate:${i}`,
          sendAfter: clock.now(),
        });
      }
    });
    expect(await sendPending(env.deps)).toMatchObject({ sent: 5 });
    expect(await sendPending(env.deps)).toMatchObject({ sent: 0 });
    clock.advance(30_000);
    expect(await sendPending(env.deps)).toMatchObject({ sent: 0 });
    clock.advance(31_000);
    expect(await sendPending(env.deps)).toMatchObject({ sent: 2 });
    expect(wa.requests.length - before).toBe(7);
    const recipients = wa.requests
      .slice(before)
      .map((r) => (JSON.parse(r.body) as { target: string }).target);
    expect(new Set(recipients).size).toBe(7);
  });
});

describe('templates and delivery status', () => {
  it('uses the operator override for new messages', async () => {
    const list = await admin.request({ method: 'GET', url: '/api/v1/notification-templates' });
    expect(list.statusCode).toBe(200);
    expect(list.json<unknown[]>()).toHaveLength(NOTIFICATION_TEMPLATES.length * 2 * 3);
    const t = (await put('/api/v1/notification-templates/reminder_overdue/id/whatsapp', {
      subject: null,
      body: 'Yth {{name}}: {{invoiceNumber}} {{amount}} lewat {{dueDate}}',
    })) as { custom: boolean };
    expect(t.custom).toBe(true);
    seq += 1;
    await env.deps.db.transaction((tx) =>
      queueNotification(tx, {
        customerId,
        channel: 'whatsapp',
        recipient: '6281234567890',
        template: 'reminder_overdue',
        locale: 'id',
        variables: {
          name: 'Budi',
          invoiceNumber: 'INV-1',
          amount: 'Rp 5.000',
          dueDate: '01/03/2026',
        },
        dedupeKey: `test:override:${seq}`,
      }),
    );
    const [row] = await rowsFor(`test:override:${seq}`);
    expect(row!.body).toBe('Yth Budi: INV-1 Rp 5.000 lewat 01/03/2026');
    const bad = await admin.request({
      method: 'PUT',
      url: '/api/v1/notification-templates/nope/id/whatsapp',
      payload: { subject: null, body: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    // body null: back to the built-in text.
    const reset = (await put('/api/v1/notification-templates/reminder_overdue/id/whatsapp', {
      subject: null,
      body: null,
    })) as { custom: boolean };
    expect(reset.custom).toBe(false);
  });

  it('lists delivery status per customer and overall', async () => {
    const res = await admin.request({
      method: 'GET',
      url: `/api/v1/customers/${customerId}/notifications?limit=200`,
    });
    expect(res.statusCode).toBe(200);
    const page = res.json<{ data: { status: string; dedupeKey?: string }[] }>();
    expect(page.data.length).toBeGreaterThan(10);
    expect(page.data.some((n) => n.status === 'failed')).toBe(true);
    const failed = await admin.request({
      method: 'GET',
      url: '/api/v1/notifications?status=failed&channel=email',
    });
    expect(failed.json<{ data: { channel: string }[] }>().data).toHaveLength(1);
    const missing = await admin.request({
      method: 'GET',
      url: '/api/v1/customers/00000000-0000-4000-8000-000000000000/notifications',
    });
    expect(missing.statusCode).toBe(404);
  });
});
