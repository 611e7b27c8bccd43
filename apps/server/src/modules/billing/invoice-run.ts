import { sql, type SQL } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { readSetting } from '../customers/queries.ts';
import { today } from '../subscriptions/service.ts';
import { applyCreditBalance } from './credit.ts';
import { notifyInvoicesIssued } from './notices.ts';

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

const HALF_UP = divRoundHalfUpSql;

/**
 * The run's invoice ids are UUIDv7 (RFC 9562): the run's millisecond, 22 random bits per run,
 * then the invoice's place in the run as a counter. Ids in insertion order append to the
 * primary key and the other id-keyed indexes instead of landing on random pages: about a
 * fifth less time issuing 100,000 invoices on PostgreSQL.
 */
export function runIdPrefix(at: Date): string {
  const ms = at.getTime().toString(16).padStart(12, '0');
  const r = randomBytes(4);
  const randA = (r.readUInt16BE(0) & 0x0fff).toString(16).padStart(3, '0');
  const variant = (0x8 | ((r[2] ?? 0) & 0x3)).toString(16);
  const randB = ((r[3] ?? 0) & 0xff).toString(16).padStart(2, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${randA}-${variant}${randB}0-`;
}

/**
 * Every invoice due on `asOf` and its lines, as CTEs: each active or isolated subscription's
 * candidate periods (prepaid: the current one and the next, if it starts within the lead time;
 * postpaid: the previous one), minus those invoiced already (void included: reissuing is
 * deliberate), prorated from start_date when the subscription started inside the period. After
 * a change of billing day or anchor the new periods overlap the last invoiced one: the days it
 * covered are not charged again (the charge starts the day after it ends, or stops the day
 * before it starts), so a change of terms bills every day once. A plan
 * change scheduled for a period's start prices that period at the next plan. The period
 * arithmetic is periods.ts's, in SQL.
 *
 * Lines: the plan line (position 1); the subscription's discounts whose window holds the period
 * start, capped in order so they never exceed the plan line; pending adjustments (one-off
 * charges, plan-change proration and credits) of the subscription (on its first invoice of the
 * run) or of the customer without a subscription (on the customer's first invoice of the run).
 * Credits are capped so the invoice total (tax included) never goes below zero: the first credit
 * that does not fit is cut to what fits and the rest is carried to the next invoice. Every line
 * is taxed on its own (half-up, mirrored for negative lines); the invoice sums its lines.
 *
 * CTEs: `due` (one row per invoice, plan line), `disc`, `adj`, `credc` (lines), `tot` (invoice
 * totals). Only `due` scales with the number of subscriptions; the others join the few rows of
 * discounts and pending adjustments to it.
 */
function dueInvoicesSql(asOf: string, idPrefix: string = runIdPrefix(new Date())): SQL {
  const d = sql`${asOf}::date`;
  const anchorCur = anchorDateSql('s1.base + s1.k0 * s1.n', 's1.a');
  const pStart = anchorDateSql('c.base + c.k * c.n', 'c.a');
  const pNext = anchorDateSql('c.base + (c.k + 1) * c.n', 'c.a');
  const days = '(q.period_end - q.period_start + 1)';
  const used = '(q.charged_to - q.charged_from + 1)';
  return sql`
    with s0 as (
      select s.id as subscription_id, s.customer_id, cu.number as customer_number,
        cu.name as customer_name, s.start_date, s.billing_mode, s.invoice_lead_days,
        s.due_offset_days, pl.name as plan_name, pl.price, pl.tax_rate_bp,
        np.name as next_plan_name, np.price as next_price, np.tax_rate_bp as next_tax_rate_bp,
        s.next_plan_from, li.last_start, li.last_end,
        case pl.billing_period when 'quarterly' then 3 when 'yearly' then 12 else 1 end as n,
        case s.billing_anchor when 'anniversary' then extract(day from s.start_date)::int
          else coalesce(s.billing_day, 1) end as a,
        ${sql.raw(MONTH_OF('s.start_date'))} as base
      from subscriptions s
      join plans pl on pl.id = s.plan_id
      join customers cu on cu.id = s.customer_id
      left join plans np on np.id = s.next_plan_id
      left join lateral (
        select i.period_start as last_start, i.period_end as last_end from invoices i
        where i.subscription_id = s.id and i.kind = 'subscription' and i.status <> 'void'
        order by i.period_start desc limit 1
      ) li on true
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
      select p.*,
        greatest(p.period_start, p.start_date,
          case when p.last_start < p.period_start and p.last_end >= p.period_start
            then p.last_end + 1 end) as charged_from,
        case when p.last_start > p.period_start and p.last_start <= p.period_end
          then p.last_start - 1 else p.period_end end as charged_to,
        p.next_plan_from is not null and p.period_start >= p.next_plan_from as on_next
      from p
    ),
    priced as materialized (
      select q.*, ${sql.raw(used)} < ${sql.raw(days)} as prorated,
        case when q.on_next then q.next_plan_name else q.plan_name end as line_name,
        case when q.on_next then q.next_tax_rate_bp else q.tax_rate_bp end as line_tax_bp,
        case when ${sql.raw(used)} = ${sql.raw(days)}
          then case when q.on_next then q.next_price else q.price end
          else ${sql.raw(HALF_UP(`(case when q.on_next then q.next_price else q.price end) * ${used}`, days))} end as amount,
        ${sql.raw(days)} as days_total,
        ${sql.raw(used)} as days_used
      from q
      where q.period_end >= q.start_date and q.charged_from <= q.charged_to
        and (q.billing_mode = 'postpaid' or q.charged_from <= ${d} + q.invoice_lead_days)
        and not exists (
          select 1 from invoices i
          where i.kind = 'subscription' and i.status <> 'void'
            and i.subscription_id = q.subscription_id and i.period_start = q.period_start
        )
        and not exists (
          select 1 from invoices i
          where i.kind = 'subscription' and i.status = 'void'
            and i.subscription_id = q.subscription_id and i.period_start = q.period_start
        )
    ),
    due as (
      select priced.*,
        ${sql.raw(HALF_UP('priced.amount * priced.line_tax_bp', '10000'))} as tax,
        case when priced.billing_mode = 'prepaid'
          then greatest(priced.charged_from, ${d}) + priced.due_offset_days
          else ${d} + priced.due_offset_days end as due_date,
        (${idPrefix}::text || lpad(to_hex(row_number() over (order by priced.customer_number,
          priced.subscription_id, priced.period_start)), 12, '0'))::uuid as invoice_id,
        row_number() over (order by priced.customer_number, priced.subscription_id, priced.period_start) as rn
      from priced
    ),
    disc_raw as (
      select due.invoice_id, dc.id, dc.description, dc.starts_on, due.line_tax_bp as tax_rate_bp,
        due.amount as plan_amount,
        case when dc.kind = 'fixed' then dc.amount
          else ${sql.raw(HALF_UP('due.amount * dc.percent_bp', '10000'))} end as raw
      from due
      join discounts dc on dc.subscription_id = due.subscription_id
        and due.period_start >= dc.starts_on
        and (dc.ends_on is null or due.period_start <= dc.ends_on)
    ),
    disc_w as (
      select disc_raw.*,
        (sum(raw) over (partition by invoice_id order by starts_on, id))::bigint - raw as before_this
      from disc_raw
    ),
    disc as (
      select x.*, ${sql.raw(HALF_UP('x.amt * x.tax_rate_bp', '10000'))} as tax_mag
      from (
        select disc_w.*, least(raw, greatest(0, plan_amount - before_this))::bigint as amt from disc_w
      ) x
      where x.amt > 0
    ),
    pending as (
      select ba.* from billing_adjustments ba where ba.invoice_id is null
    ),
    adj_target as (
      select distinct on (pending.id) pending.*, due.invoice_id as target_invoice_id
      from pending join due on due.subscription_id = pending.subscription_id
      order by pending.id, due.period_start
    ),
    adj_cust as (
      select distinct on (pending.id) pending.*, due.invoice_id as target_invoice_id
      from pending join due on due.customer_id = pending.customer_id
      where pending.subscription_id is null
      order by pending.id, due.subscription_id, due.period_start
    ),
    adj_all as (
      select * from adj_target union all select * from adj_cust
    ),
    adj as (
      select a.id, a.target_invoice_id as invoice_id, a.kind, a.description, a.quantity,
        a.unit_amount, a.quantity * a.unit_amount as amount, a.tax_rate_bp, a.created_at,
        ${sql.raw(HALF_UP('a.quantity * a.unit_amount * a.tax_rate_bp', '10000'))} as tax
      from adj_all a where a.kind <> 'credit'
    ),
    dsum as (
      select invoice_id, sum(amt)::bigint as amt, sum(tax_mag)::bigint as tax from disc group by 1
    ),
    psum as (
      select invoice_id, sum(amount)::bigint as amt, sum(tax)::bigint as tax from adj group by 1
    ),
    cred as (
      select a.id, a.target_invoice_id as invoice_id, a.customer_id, a.subscription_id,
        a.description, a.tax_rate_bp, a.created_at, a.created_by,
        -(a.quantity * a.unit_amount) as c,
        -(a.quantity * a.unit_amount) + ${sql.raw(HALF_UP('-(a.quantity * a.unit_amount) * a.tax_rate_bp', '10000'))} as gross
      from adj_all a where a.kind = 'credit'
    ),
    credw as (
      select cred.*,
        due.amount + due.tax - coalesce(ds.amt, 0) - coalesce(ds.tax, 0)
          + coalesce(ps.amt, 0) + coalesce(ps.tax, 0) as room,
        coalesce(sum(cred.gross) over (partition by cred.invoice_id order by cred.created_at, cred.id
          rows between unbounded preceding and 1 preceding), 0)::bigint as prev
      from cred
      join due on due.invoice_id = cred.invoice_id
      left join dsum ds on ds.invoice_id = cred.invoice_id
      left join psum ps on ps.invoice_id = cred.invoice_id
    ),
    credc as (
      select y.*, ${sql.raw(HALF_UP('y.applied * y.tax_rate_bp', '10000'))} as tax_mag
      from (
        select credw.*,
          (case when credw.prev + credw.gross <= credw.room then credw.c
            when credw.prev < credw.room
              then ((credw.room - credw.prev) * 10000) / (10000 + credw.tax_rate_bp)
            else 0 end)::bigint as applied
        from credw
      ) y
    ),
    csum as (
      select invoice_id, sum(applied)::bigint as amt, sum(tax_mag)::bigint as tax
      from credc where applied > 0 group by 1
    ),
    tot as (
      select due.*,
        (due.amount - coalesce(ds.amt, 0) + coalesce(ps.amt, 0) - coalesce(cs.amt, 0))::bigint as subtotal,
        (due.tax - coalesce(ds.tax, 0) + coalesce(ps.tax, 0) - coalesce(cs.tax, 0))::bigint as tax_total
      from due
      left join dsum ds on ds.invoice_id = due.invoice_id
      left join psum ps on ps.invoice_id = due.invoice_id
      left join csum cs on cs.invoice_id = due.invoice_id
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
      sql`${dueInvoicesSql(asOf)} select count(*) as n, sum(subtotal)::bigint as subtotal, sum(tax_total)::bigint as tax from tot`,
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
        period_start::text as period_start, period_end::text as period_end, prorated,
        subtotal as amount, tax_total as tax
        from tot order by rn limit ${limit}`,
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
      // 100,000 invoices sort and hash more than the default 4 MB: keep it in memory, this run only.
      await tx.execute(sql`set local work_mem = '64MB'`);
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
    await tx.execute(sql`set local work_mem = '64MB'`);
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
      stamped: bigint | string;
      to_stamp: bigint | string;
      subtotal: bigint | string | null;
      tax: bigint | string | null;
    }>(
      tx.execute(sql`${dueInvoicesSql(asOf, runIdPrefix(deps.clock.now()))},
        ins as (
          insert into invoices (id, number, customer_id, subscription_id, kind, period_start,
            period_end, issue_date, due_date, status, currency, subtotal, tax, total, paid, created_at)
          select tot.invoice_id, ${prefix} || '-' || ${String(year)} || '-' || lpad((${last.toString()}::bigint + tot.rn)::text, 6, '0'),
            tot.customer_id, tot.subscription_id, 'subscription', tot.period_start, tot.period_end,
            ${asOf}::date, tot.due_date,
            case when tot.subtotal + tot.tax_total = 0 then 'paid' else 'issued' end, 'IDR',
            tot.subtotal, tot.tax_total, tot.subtotal + tot.tax_total, 0,
            ${now.toISOString()}::timestamptz
          from tot
          on conflict do nothing
          returning id, subtotal, tax
        ),
        extra as (
          select disc.invoice_id, 1 as grp, disc.starts_on::timestamptz as ord, disc.id,
            'discount' as kind, disc.description, 1 as quantity, -disc.amt as unit_amount,
            -disc.amt as amount, disc.tax_rate_bp, -disc.tax_mag as tax
          from disc
          union all
          select adj.invoice_id, 2, adj.created_at, adj.id, adj.kind, adj.description, adj.quantity,
            adj.unit_amount, adj.amount, adj.tax_rate_bp, adj.tax
          from adj
          union all
          select credc.invoice_id, 3, credc.created_at, credc.id, 'credit', credc.description, 1,
            -credc.applied, -credc.applied, credc.tax_rate_bp, -credc.tax_mag
          from credc where credc.applied > 0
        ),
        lines as (
          insert into invoice_lines (invoice_id, position, kind, description, quantity,
            unit_amount, amount, tax_rate_bp, tax)
          select due.invoice_id, 1, case when due.prorated then 'proration' else 'plan' end,
            due.line_name || ' ' || to_char(due.charged_from, 'YYYY-MM-DD') || ' – '
              || to_char(due.charged_to, 'YYYY-MM-DD')
              || case when due.prorated then ' (' || due.days_used || '/' || due.days_total || ' days)' else '' end,
            1, due.amount, due.amount, due.line_tax_bp, due.tax
          from due
          union all
          select extra.invoice_id,
            1 + row_number() over (partition by extra.invoice_id order by extra.grp, extra.ord, extra.id),
            extra.kind, extra.description, extra.quantity, extra.unit_amount, extra.amount,
            extra.tax_rate_bp, extra.tax
          from extra
          returning invoice_id, position
        ),
        stamped as (
          update billing_adjustments ba
          set invoice_id = t.invoice_id,
            unit_amount = case when t.partial then -t.applied else ba.unit_amount end,
            quantity = case when t.partial then 1 else ba.quantity end
          from (
            select adj.id, adj.invoice_id, false as partial, 0::bigint as applied from adj
            union all
            select credc.id, credc.invoice_id, credc.applied < credc.c, credc.applied
            from credc where credc.applied > 0
          ) t
          where ba.id = t.id
          returning ba.id
        ),
        carried as (
          insert into billing_adjustments (customer_id, subscription_id, kind, description, quantity,
            unit_amount, tax_rate_bp, created_by, created_at)
          select credc.customer_id, credc.subscription_id, 'credit',
            left(credc.description, 180) || ' (carried over)', 1, -(credc.c - credc.applied),
            credc.tax_rate_bp, credc.created_by, ${now.toISOString()}::timestamptz
          from credc where credc.applied > 0 and credc.applied < credc.c
          returning id
        )
        select (select count(*) from due) as candidates, (select count(*) from ins) as inserted,
          (select count(*) from lines where position = 1) as lines,
          (select count(*) from stamped) as stamped, (select count(*) from carried) as carried,
          (select count(*) from adj) + (select count(*) from credc where applied > 0) as to_stamp,
          (select sum(subtotal)::bigint from ins) as subtotal, (select sum(tax)::bigint from ins) as tax`),
    );
    const candidates = big(result?.candidates ?? 0);
    const inserted = big(result?.inserted ?? 0);
    if (inserted !== candidates || big(result?.lines ?? 0) !== inserted) {
      throw new Error(
        `invoice run ${asOf}: ${inserted} of ${candidates} invoices inserted; rolled back to keep numbers gapless`,
      );
    }
    if (big(result?.stamped ?? 0) !== big(result?.to_stamp ?? 0)) {
      // A charge was deleted while the run billed it: bill nothing rather than a deleted charge.
      throw new Error(`invoice run ${asOf}: a pending charge changed during the run; rolled back`);
    }
    if (inserted > 0n) {
      await tx.execute(
        sql`update invoice_counters set last_number = ${(last + inserted).toString()}::bigint where year = ${year}`,
      );
      // Customers with credit pay their new invoices from it at once.
      await applyCreditBalance(deps, tx);
      const first = formatInvoiceNumber(prefix, year, last + 1n);
      const lastIssued = formatInvoiceNumber(prefix, year, last + inserted);
      await notifyInvoicesIssued(
        deps,
        tx,
        sql`i.number between ${first} and ${lastIssued} and length(i.number) = ${first.length}`,
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

/**
 * The next number of the year of `issueDate`, for a single invoice issued by hand. The counter
 * row is locked by the update, as the run locks it, so numbers stay gapless whoever issues.
 */
export async function takeInvoiceNumber(tx: Executor, issueDate: string): Promise<string> {
  const year = Number(issueDate.slice(0, 4));
  const prefix = await invoicePrefix(tx);
  await tx.execute(
    sql`insert into invoice_counters (year, last_number) values (${year}, 0) on conflict do nothing`,
  );
  const [row] = await rowsOf<{ last_number: bigint | string }>(
    tx.execute(
      sql`update invoice_counters set last_number = last_number + 1 where year = ${year} returning last_number`,
    ),
  );
  return formatInvoiceNumber(prefix, year, big(row?.last_number ?? 0));
}

/**
 * Locks the year's counter row (creating it). Callers that also lock issued invoices take this
 * first, in the run's order (counter, then customers, then invoices), so they never deadlock with
 * a run that applies credit to those invoices.
 */
export async function lockInvoiceCounter(tx: Executor, issueDate: string): Promise<void> {
  const year = Number(issueDate.slice(0, 4));
  await tx.execute(
    sql`insert into invoice_counters (year, last_number) values (${year}, 0) on conflict do nothing`,
  );
  await tx.execute(sql`select last_number from invoice_counters where year = ${year} for update`);
}
