import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { readSetting } from '../customers/queries.ts';
import { today } from '../subscriptions/service.ts';

export const INVOICE_PREFIX_KEY = 'billing.invoicePrefix';
const DEFAULT_PREFIX = 'INV';

export interface RunOptions {
  /** The run's date (YYYY-MM-DD); today in APP_TIMEZONE when absent. Also the issue date. */
  asOf?: string | undefined;
  dryRun: boolean;
  /** How many rows the preview lists. */
  previewLimit?: number;
}

export interface PreviewRow {
  customerId: string;
  customerNumber: string;
  customerName: string;
  subscriptionId: string;
  periodStart: string;
  periodEnd: string;
  prorated: boolean;
  subtotal: bigint;
  tax: bigint;
  total: bigint;
}

export interface RunResult {
  asOf: string;
  dryRun: boolean;
  count: number;
  subtotal: bigint;
  tax: bigint;
  total: bigint;
  /** Issued runs: the first and last number given out (gapless in between). */
  firstNumber: string | null;
  lastNumber: string | null;
  preview: PreviewRow[];
}

/** The anchor day `a` in month index `idx` (year × 12 + month − 1), clamped to the month end. */
export function anchorDateSql(idx: string, a: string): string {
  const y = `((${idx}) / 12)`;
  const m = `((${idx}) % 12 + 1)`;
  return `make_date(${y}, ${m}, least(${a}, extract(day from (make_date(${y}, ${m}, 1) + interval '1 month' - interval '1 day'))::int))`;
}

/** a / b rounded half-up for a >= 0, b > 0: identical to tax.ts's divRoundHalfUp, exact in numeric. */
export function divRoundHalfUpSql(a: string, b: string): string {
  return `div((${a})::numeric * 2 + (${b}), (${b})::numeric * 2)::bigint`;
}

const MONTH_OF = (d: string): string =>
  `(extract(year from ${d})::int * 12 + extract(month from ${d})::int - 1)`;

/**
 * Every invoice due on `asOf`, as one SELECT: each active or isolated subscription's candidate
 * periods (prepaid: the current one and the next, if it starts within the lead time; postpaid:
 * the previous one), minus those invoiced already (void included: reissuing is deliberate),
 * prorated from start_date when the subscription started inside the period, taxed per line.
 * The period arithmetic is periods.ts's, in SQL.
 */
function dueInvoicesSql(asOf: string): SQL {
  const d = sql`${asOf}::date`;
  const anchorCur = anchorDateSql('s1.base + s1.k0 * s1.n', 's1.a');
  const pStart = anchorDateSql('c.base + c.k * c.n', 'c.a');
  const pNext = anchorDateSql('c.base + (c.k + 1) * c.n', 'c.a');
  const days = '(q.period_end - q.period_start + 1)';
  const used = '(q.period_end - q.charged_from + 1)';
  return sql`
    with s0 as (
      select s.id as subscription_id, s.customer_id, cu.number as customer_number,
        cu.name as customer_name, s.start_date, s.billing_mode, s.invoice_lead_days,
        s.due_offset_days, pl.name as plan_name, pl.price, pl.tax_rate_bp,
        case pl.billing_period when 'quarterly' then 3 when 'yearly' then 12 else 1 end as n,
        case s.billing_anchor when 'anniversary' then extract(day from s.start_date)::int
          else coalesce(s.billing_day, 1) end as a,
        ${sql.raw(MONTH_OF('s.start_date'))} as base
      from subscriptions s
      join plans pl on pl.id = s.plan_id
      join customers cu on cu.id = s.customer_id
      where s.status in ('active', 'isolated') and s.start_date is not null
        and s.start_date <= ${d} + s.invoice_lead_days
    ),
    s1 as (
      select s0.*,
        floor(((extract(year from ${d})::int * 12 + extract(month from ${d})::int - 1) - s0.base)::numeric / s0.n)::int as k0
      from s0
    ),
    s2 as materialized (
      select s1.*, case when ${sql.raw(anchorCur)} > ${d} then s1.k0 - 1 else s1.k0 end as kc
      from s1
    ),
    c as (
      select s2.*, s2.kc + o.off as k
      from s2 cross join (values (-1), (0), (1)) as o(off)
      where (s2.billing_mode = 'prepaid' and o.off >= 0) or (s2.billing_mode = 'postpaid' and o.off = -1)
    ),
    p as materialized (
      select c.*, ${sql.raw(pStart)} as period_start, ${sql.raw(pNext)} - 1 as period_end
      from c
    ),
    q as (
      select p.*, greatest(p.period_start, p.start_date) as charged_from from p
    ),
    priced as materialized (
      select q.*, q.charged_from > q.period_start as prorated,
        case when q.charged_from = q.period_start then q.price
          else ${sql.raw(divRoundHalfUpSql(`q.price * ${used}`, days))} end as amount,
        ${sql.raw(days)} as days_total,
        ${sql.raw(used)} as days_used
      from q
      where q.period_end >= q.start_date
        and (q.billing_mode = 'postpaid' or q.charged_from <= ${d} + q.invoice_lead_days)
        and not exists (
          select 1 from invoices i
          where i.kind = 'subscription' and i.subscription_id = q.subscription_id
            and i.period_start = q.period_start
        )
    ),
    due as (
      select priced.*,
        ${sql.raw(divRoundHalfUpSql('priced.amount * priced.tax_rate_bp', '10000'))} as tax,
        case when priced.billing_mode = 'prepaid'
          then greatest(priced.charged_from, ${d}) + priced.due_offset_days
          else ${d} + priced.due_offset_days end as due_date,
        gen_random_uuid() as invoice_id,
        row_number() over (order by priced.customer_number, priced.subscription_id, priced.period_start) as rn
      from priced
    )`;
}

interface PreviewDbRow {
  customer_id: string;
  customer_number: string;
  customer_name: string;
  subscription_id: string;
  period_start: string | Date;
  period_end: string | Date;
  prorated: boolean;
  amount: bigint | string;
  tax: bigint | string;
}

interface SummaryDbRow {
  n: bigint | string | number;
  subtotal: bigint | string | null;
  tax: bigint | string | null;
}

const big = (v: bigint | string | number | null): bigint => BigInt(v ?? 0);
const isoDate = (v: string | Date): string =>
  typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10);

async function summary(
  tx: Executor,
  asOf: string,
): Promise<{ n: number; subtotal: bigint; tax: bigint }> {
  const [row] = await rowsOf<SummaryDbRow>(
    tx.execute(
      sql`${dueInvoicesSql(asOf)} select count(*) as n, sum(amount)::bigint as subtotal, sum(tax)::bigint as tax from due`,
    ),
  );
  return {
    n: Number(row?.n ?? 0),
    subtotal: big(row?.subtotal ?? null),
    tax: big(row?.tax ?? null),
  };
}

async function preview(tx: Executor, asOf: string, limit: number): Promise<PreviewRow[]> {
  const rows = await rowsOf<PreviewDbRow>(
    tx.execute(
      sql`${dueInvoicesSql(asOf)} select customer_id, customer_number, customer_name, subscription_id,
        period_start::text as period_start, period_end::text as period_end, prorated, amount, tax
        from due order by rn limit ${limit}`,
    ),
  );
  return rows.map((r) => ({
    customerId: r.customer_id,
    customerNumber: r.customer_number,
    customerName: r.customer_name,
    subscriptionId: r.subscription_id,
    periodStart: isoDate(r.period_start),
    periodEnd: isoDate(r.period_end),
    prorated: r.prorated,
    subtotal: big(r.amount),
    tax: big(r.tax),
    total: big(r.amount) + big(r.tax),
  }));
}

async function invoicePrefix(tx: Executor): Promise<string> {
  const value = await readSetting(tx, INVOICE_PREFIX_KEY);
  return typeof value === 'string' && /^[A-Za-z0-9]{1,12}$/.test(value) ? value : DEFAULT_PREFIX;
}

export function formatInvoiceNumber(prefix: string, year: number, n: bigint): string {
  return `${prefix}-${year}-${n.toString().padStart(6, '0')}`;
}

/**
 * Issues (or, dry, previews) every invoice due on `asOf` in one transaction: the year's counter
 * row is locked, so concurrent runs queue and the second finds nothing left to issue; numbers
 * are `last + row_number()` in a stable order, the counter moves once; invoices and their lines
 * go in with one INSERT ... SELECT each (ON CONFLICT DO NOTHING on the period key as the last
 * guard). Invoice ids are drawn in `due`, so the lines need no join back to the inserted rows
 * (a join the planner misjudges into a nested loop). If the guard ever skipped an invoice, its
 * line fails the foreign key (or the counts differ) and the run fails instead of leaving a gap
 * in the numbers; its job retries.
 */
export async function runInvoices(
  deps: AppDeps,
  ctx: RequestContext,
  options: RunOptions,
): Promise<RunResult> {
  const asOf = options.asOf ?? today(deps);
  const limit = options.previewLimit ?? 50;
  if (options.dryRun) {
    return deps.db.transaction(async (tx) => {
      const s = await summary(tx, asOf);
      return {
        asOf,
        dryRun: true,
        count: s.n,
        subtotal: s.subtotal,
        tax: s.tax,
        total: s.subtotal + s.tax,
        firstNumber: null,
        lastNumber: null,
        preview: await preview(tx, asOf, limit),
      };
    });
  }
  const year = Number(asOf.slice(0, 4));
  return deps.db.transaction(async (tx) => {
    const prefix = await invoicePrefix(tx);
    await tx.execute(
      sql`insert into invoice_counters (year, last_number) values (${year}, 0) on conflict do nothing`,
    );
    const [counter] = await rowsOf<{ last_number: bigint | string }>(
      tx.execute(sql`select last_number from invoice_counters where year = ${year} for update`),
    );
    const last = big(counter?.last_number ?? 0);
    const now = deps.clock.now();
    const [result] = await rowsOf<{
      candidates: bigint | string;
      inserted: bigint | string;
      lines: bigint | string;
      subtotal: bigint | string | null;
      tax: bigint | string | null;
    }>(
      tx.execute(sql`${dueInvoicesSql(asOf)},
        ins as (
          insert into invoices (id, number, customer_id, subscription_id, kind, period_start,
            period_end, issue_date, due_date, status, currency, subtotal, tax, total, paid, created_at)
          select due.invoice_id, ${prefix} || '-' || ${String(year)} || '-' || lpad((${last.toString()}::bigint + due.rn)::text, 6, '0'),
            due.customer_id, due.subscription_id, 'subscription', due.period_start, due.period_end,
            ${asOf}::date, due.due_date, 'issued', 'IDR', due.amount, due.tax, due.amount + due.tax, 0,
            ${now.toISOString()}::timestamptz
          from due
          on conflict do nothing
          returning id, subscription_id, period_start, subtotal, tax
        ),
        lines as (
          insert into invoice_lines (invoice_id, position, kind, description, quantity,
            unit_amount, amount, tax_rate_bp, tax)
          select due.invoice_id, 1, case when due.prorated then 'proration' else 'plan' end,
            due.plan_name || ' ' || to_char(due.charged_from, 'YYYY-MM-DD') || ' – '
              || to_char(due.period_end, 'YYYY-MM-DD')
              || case when due.prorated then ' (' || due.days_used || '/' || due.days_total || ' days)' else '' end,
            1, due.amount, due.amount, due.tax_rate_bp, due.tax
          from due
          returning invoice_id
        )
        select (select count(*) from due) as candidates, (select count(*) from ins) as inserted,
          (select count(*) from lines) as lines,
          (select sum(subtotal)::bigint from ins) as subtotal, (select sum(tax)::bigint from ins) as tax`),
    );
    const candidates = big(result?.candidates ?? 0);
    const inserted = big(result?.inserted ?? 0);
    if (inserted !== candidates || big(result?.lines ?? 0) !== inserted) {
      throw new Error(
        `invoice run ${asOf}: ${inserted} of ${candidates} invoices inserted; rolled back to keep numbers gapless`,
      );
    }
    if (inserted > 0n) {
      await tx.execute(
        sql`update invoice_counters set last_number = ${(last + inserted).toString()}::bigint where year = ${year}`,
      );
    }
    const subtotal = big(result?.subtotal ?? null);
    const tax = big(result?.tax ?? null);
    const out: RunResult = {
      asOf,
      dryRun: false,
      count: Number(inserted),
      subtotal,
      tax,
      total: subtotal + tax,
      firstNumber: inserted > 0n ? formatInvoiceNumber(prefix, year, last + 1n) : null,
      lastNumber: inserted > 0n ? formatInvoiceNumber(prefix, year, last + inserted) : null,
      preview: [],
    };
    if (inserted > 0n || ctx.principal) {
      await recordAudit(tx, ctx, {
        action: 'invoice.run',
        entityType: 'invoice_run',
        entityId: asOf,
        after: {
          asOf,
          count: out.count,
          total: out.total.toString(),
          firstNumber: out.firstNumber,
          lastNumber: out.lastNumber,
        },
      });
    }
    return out;
  });
}
