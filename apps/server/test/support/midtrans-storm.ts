/**
 * A storm of Midtrans payment notifications: pending checkouts seeded in bulk, the settlement
 * notification of each signed exactly as Midtrans signs it, repeated, shuffled and posted over
 * real keep-alive HTTP connections. Shared by the gateway concurrency test and
 * `npm run bench:webhooks`; no vitest here, so the benchmark imports it too.
 */
import { notificationSignature, rupiahToGrossAmount } from '@jaring/midtrans';
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../src/db/database.ts';
import { rowsOf } from '../../src/lib/sql-helpers.ts';

/** A checkout waiting at Midtrans: one customer, one open invoice, one pending transaction. */
export interface PendingOrder {
  orderId: string;
  customerId: string;
  invoiceId: string;
  /** What the customer pays (the invoice total; the operator carries the fee). */
  total: bigint;
}

/**
 * The settings body that enables Midtrans with a server key (PUT /api/v1/payment-gateways/midtrans).
 * The API base URL points at a closed local port, so nothing a test or benchmark does can ever
 * reach the real sandbox (the seeded transactions are never due for a status check anyway).
 */
export function midtransStormSettings(serverKey: string): Record<string, unknown> {
  return {
    enabled: true,
    serverKey,
    channels: ['bca_va', 'bni_va', 'other_qris'],
    feeBearer: 'operator',
    apiBaseUrl: 'http://127.0.0.1:9',
  };
}

/**
 * `count` customers, each with one overdue manual invoice and one pending Midtrans transaction
 * for it, in three set-based statements. Amounts vary (100,000 to 149,000) so that a payment
 * applied to the wrong order would show. `next_check_at` stays null: the status poller leaves
 * them alone and only notifications move them.
 */
export async function seedPendingMidtrans(
  db: Executor,
  options: { count: number; prefix?: string; now?: Date },
): Promise<PendingOrder[]> {
  const prefix = options.prefix ?? `S${randomBytes(3).toString('hex').toUpperCase()}`;
  const now = (options.now ?? new Date()).toISOString();
  const rows = await rowsOf<{
    order_id: string;
    customer_id: string;
    invoice_id: string;
    total: bigint | string;
  }>(
    db.execute(sql`
      with c as (
        insert into customers (number, name, phone)
        select ${prefix} || '-' || lpad(g::text, 6, '0'), 'Pelanggan ' || g,
          '0813' || lpad(g::text, 8, '0')
        from generate_series(1, ${options.count}::int) g
        returning id, number
      ), i as (
        insert into invoices (number, customer_id, kind, issue_date, due_date, status,
          subtotal, tax, total)
        select 'INV-' || c.number, c.id, 'manual', '2026-01-01', '2026-01-10', 'overdue',
          100000 + (right(c.number, 2)::int % 50) * 1000, 0,
          100000 + (right(c.number, 2)::int % 50) * 1000
        from c
        returning id, customer_id, number, total
      )
      insert into gateway_transactions (id, gateway, order_id, invoice_ids, invoice_key, attempt,
        customer_id, channel, status, gateway_status, amount, fee, total, currency, expires_at,
        created_at, updated_at)
      select gen_random_uuid(), 'midtrans', i.number || '-1-' || substr(md5(i.id::text), 1, 4),
        array[i.id], i.id::text, 1, i.customer_id, 'bca_va', 'pending', 'pending', i.total, 0,
        i.total, 'IDR', ${now}::timestamptz + interval '1 day', ${now}::timestamptz,
        ${now}::timestamptz
      from i
      returning order_id, customer_id, invoice_ids[1] as invoice_id, total`),
  );
  return rows.map((r) => ({
    orderId: r.order_id,
    customerId: r.customer_id,
    invoiceId: r.invoice_id,
    total: BigInt(r.total),
  }));
}

/** `YYYY-MM-DD HH:mm:ss` in Asia/Jakarta (UTC+7, no DST), as Midtrans writes its times. */
function jakartaTime(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The body Midtrans posts when a BCA virtual account payment settles: `status_code` "200",
 * `gross_amount` "N.00", and `signature_key = sha512(order_id + status_code + gross_amount +
 * serverKey)` over those exact strings.
 */
export function settlementNotification(
  order: PendingOrder,
  serverKey: string,
  paidAt: Date = new Date(Date.now() - 60_000),
): string {
  const grossAmount = rupiahToGrossAmount(order.total);
  const statusCode = '200';
  return JSON.stringify({
    va_numbers: [
      {
        va_number: `12345${String(randomBytes(4).readUInt32BE(0)).padStart(10, '0')}`,
        bank: 'bca',
      },
    ],
    transaction_time: jakartaTime(new Date(paidAt.getTime() - 5 * 60_000)),
    transaction_status: 'settlement',
    transaction_id: randomUUID(),
    status_message: 'midtrans payment notification',
    status_code: statusCode,
    signature_key: notificationSignature(order.orderId, statusCode, grossAmount, serverKey),
    settlement_time: jakartaTime(paidAt),
    payment_type: 'bank_transfer',
    payment_amounts: [],
    order_id: order.orderId,
    merchant_id: 'G000000001',
    gross_amount: grossAmount,
    fraud_status: 'accept',
    expiry_time: jakartaTime(new Date(paidAt.getTime() + 24 * 3600_000)),
    currency: 'IDR',
  });
}

/** Every body `copies` times, in a random order (Fisher-Yates). */
export function stormOf(bodies: readonly string[], copies: number): string[] {
  const out = bodies.flatMap((b) => Array.from({ length: copies }, () => b));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}

export interface Delivery {
  /** HTTP status, or 0 when the request failed without an answer. */
  status: number;
  /** From writing the request to the last byte of the answer. */
  ms: number;
  /** Which base URL it went to. */
  target: number;
  /** When it was written, in ms after the first request. */
  at: number;
}

export interface DeliveryResult {
  deliveries: Delivery[];
  /** From the first request written to the last answer read. */
  wallMs: number;
  /** `performance.now()` when the first request went out. */
  startedAt: number;
}

function post(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Veritrans',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/**
 * Posts every body to `/api/v1/webhooks/midtrans`, body `i` to `baseUrls[i % n]`, over
 * `connections` keep-alive connections shared out evenly between the base URLs: each connection
 * sends its next body as soon as the previous answer is in.
 */
export async function deliverNotifications(
  baseUrls: readonly string[],
  bodies: readonly string[],
  connections: number,
): Promise<DeliveryResult> {
  const targets = baseUrls.map((base, t) => {
    const perTarget = Math.max(1, Math.round(connections / baseUrls.length));
    return {
      url: new URL('/api/v1/webhooks/midtrans', base),
      agent: new Agent({ keepAlive: true, maxSockets: perTarget }),
      perTarget,
      queue: bodies.flatMap((b, i) => (i % baseUrls.length === t ? [b] : [])),
      next: 0,
    };
  });
  const deliveries: Delivery[] = [];
  const startedAt = performance.now();
  try {
    await Promise.all(
      targets.flatMap((t, index) =>
        Array.from({ length: t.perTarget }, async () => {
          for (;;) {
            const body = t.queue[t.next++];
            if (body === undefined) return;
            const t0 = performance.now();
            const status = await post(t.agent, t.url, body);
            deliveries.push({
              status,
              ms: performance.now() - t0,
              target: index,
              at: t0 - startedAt,
            });
          }
        }),
      ),
    );
  } finally {
    for (const t of targets) t.agent.destroy();
  }
  return { deliveries, wallMs: performance.now() - startedAt, startedAt };
}

/** The `p` quantile (0..1) of ascending values, nearest rank. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

export interface StormOutcome {
  /** Gateway payments recorded (live ones; none is ever reversed here). */
  applied: number;
  /** Payments beyond the first for one reference: must be 0. */
  duplicates: number;
  /** Seeded transactions without a payment. */
  unpaid: number;
  /** Seeded invoices not paid exactly their total. */
  invoicesWrong: number;
  /** Notifications stored, and those not yet processed by their job. */
  stored: number;
  unprocessed: number;
  /** Processing outcomes of the stored notifications (`applied`, `duplicate` ...). */
  outcomes: Record<string, number>;
}

/** What the database says happened, counted from the rows themselves. */
export async function stormOutcome(db: Executor): Promise<StormOutcome> {
  const [p] = await rowsOf<{ applied: number; duplicates: number }>(
    db.execute(sql`
      select (select count(*)::int from payments where method = 'gateway') as applied,
        coalesce((select sum(n - 1)::int from (
          select count(*) as n from payments where method = 'gateway'
          group by reference having count(*) > 1) d), 0) as duplicates`),
  );
  const [t] = await rowsOf<{ unpaid: number; invoices_wrong: number }>(
    db.execute(sql`
      select (select count(*)::int from gateway_transactions where payment_id is null) as unpaid,
        (select count(*)::int from invoices i
          where exists (select 1 from gateway_transactions g where g.invoice_ids[1] = i.id)
          and (i.status <> 'paid' or i.paid <> i.total
            or i.paid <> (select coalesce(sum(a.amount), 0) from invoice_allocations a
              where a.invoice_id = i.id and a.reversed_at is null))) as invoices_wrong`),
  );
  const events = await rowsOf<{ outcome: string; n: number }>(
    db.execute(sql`select outcome, count(*)::int as n from gateway_events
      where kind = 'notification' group by outcome`),
  );
  const outcomes = Object.fromEntries(events.map((e) => [e.outcome, Number(e.n)]));
  return {
    applied: Number(p?.applied ?? 0),
    duplicates: Number(p?.duplicates ?? 0),
    unpaid: Number(t?.unpaid ?? 0),
    invoicesWrong: Number(t?.invoices_wrong ?? 0),
    stored: events.reduce((s, e) => s + Number(e.n), 0),
    unprocessed: outcomes['received'] ?? 0,
    outcomes,
  };
}
