import type {
  CashierReport,
  CashierReportQuery,
  CollectionReport,
  CustomerMovementReport,
  MonthRangeQuery,
  OutstandingQuery,
  OutstandingReport,
  RevenueQuery,
  RevenueReport,
} from '@jaring/contracts';
import type { AppDeps } from '../../runtime/deps.ts';
import { csvDocument, type CsvValue } from '../documents/csv.ts';
import { today } from '../subscriptions/service.ts';
import {
  selectAging,
  selectCashierDays,
  selectCollection,
  selectMovement,
  selectRevenue,
  selectTopDebtors,
  type MonthWindow,
} from './queries.ts';

function monthWindow(deps: AppDeps, from: string, to: string): MonthWindow {
  const y = Number(to.slice(0, 4));
  const m = Number(to.slice(5, 7));
  const endDay = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { fromDay: `${from}-01`, endDay, tz: deps.config.timezone };
}

const NO_GROUP_LABEL = { plan: 'Manual invoices (no plan)', area: 'No area' } as const;

export async function revenueReport(deps: AppDeps, q: RevenueQuery): Promise<RevenueReport> {
  const rows = await selectRevenue(deps.db, q.groupBy, monthWindow(deps, q.from, q.to));
  const totals = { invoiceCount: 0, subtotal: 0n, tax: 0n, total: 0n, collected: 0n };
  for (const r of rows) {
    totals.invoiceCount += r.invoiceCount;
    totals.subtotal += r.subtotal;
    totals.tax += r.tax;
    totals.total += r.total;
    totals.collected += r.collected;
  }
  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    rows: rows.map((r) => ({
      key: r.key,
      label: r.label ?? (q.groupBy === 'month' ? (r.key ?? '') : NO_GROUP_LABEL[q.groupBy]),
      invoiceCount: r.invoiceCount,
      subtotal: r.subtotal.toString(),
      tax: r.tax.toString(),
      total: r.total.toString(),
      collected: r.collected.toString(),
    })),
    totals: {
      invoiceCount: totals.invoiceCount,
      subtotal: totals.subtotal.toString(),
      tax: totals.tax.toString(),
      total: totals.total.toString(),
      collected: totals.collected.toString(),
    },
  };
}

export function revenueCsv(r: RevenueReport): string {
  return csvDocument(
    [r.groupBy, 'label', 'invoice_count', 'subtotal', 'tax', 'total', 'collected'],
    [
      ...r.rows.map((x) => [
        x.key,
        x.label,
        x.invoiceCount,
        x.subtotal,
        x.tax,
        x.total,
        x.collected,
      ]),
      [
        'total',
        '',
        r.totals.invoiceCount,
        r.totals.subtotal,
        r.totals.tax,
        r.totals.total,
        r.totals.collected,
      ],
    ],
  );
}

const BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;

export async function outstandingReport(
  deps: AppDeps,
  q: OutstandingQuery,
): Promise<OutstandingReport> {
  const asOf = q.asOf ?? today(deps);
  const tz = deps.config.timezone;
  const [aging, top] = [
    await selectAging(deps.db, asOf, tz),
    await selectTopDebtors(deps.db, asOf, tz, q.top),
  ];
  const byBucket = new Map(aging.map((a) => [a.bucket, a]));
  let count = 0;
  let amount = 0n;
  const buckets = BUCKETS.map((bucket) => {
    const row = byBucket.get(bucket);
    count += row?.invoiceCount ?? 0;
    amount += row?.amount ?? 0n;
    return {
      bucket,
      invoiceCount: row?.invoiceCount ?? 0,
      amount: (row?.amount ?? 0n).toString(),
    };
  });
  return {
    asOf,
    buckets,
    total: { invoiceCount: count, amount: amount.toString() },
    topCustomers: top.map((t) => ({ ...t, amount: t.amount.toString() })),
  };
}

/** Two sections in one file, as a spreadsheet user reads it: the buckets, then the top list. */
export function outstandingCsv(r: OutstandingReport): string {
  const rows: CsvValue[][] = r.buckets.map((b) => [b.bucket, b.invoiceCount, b.amount]);
  rows.push(['total', r.total.invoiceCount, r.total.amount], []);
  rows.push([
    'customer_number',
    'customer_name',
    'invoice_count',
    'amount',
    'oldest_days_past_due',
  ]);
  for (const c of r.topCustomers) {
    rows.push([c.customerNumber, c.customerName, c.invoiceCount, c.amount, c.oldestDaysPastDue]);
  }
  return csvDocument([`bucket (as of ${r.asOf})`, 'invoice_count', 'amount'], rows);
}

export async function collectionReport(
  deps: AppDeps,
  q: MonthRangeQuery,
): Promise<CollectionReport> {
  const rows = await selectCollection(deps.db, monthWindow(deps, q.from, q.to));
  return {
    from: q.from,
    to: q.to,
    rows: rows.map((r) => ({
      ...r,
      invoiced: r.invoiced.toString(),
      collected: r.collected.toString(),
    })),
  };
}

export function collectionCsv(r: CollectionReport): string {
  return csvDocument(
    ['month', 'invoice_count', 'invoiced', 'collected', 'rate_bp'],
    r.rows.map((x) => [x.month, x.invoiceCount, x.invoiced, x.collected, x.rateBp]),
  );
}

export async function customerMovementReport(
  deps: AppDeps,
  q: MonthRangeQuery,
): Promise<CustomerMovementReport> {
  return {
    from: q.from,
    to: q.to,
    rows: await selectMovement(deps.db, monthWindow(deps, q.from, q.to)),
  };
}

export function customerMovementCsv(r: CustomerMovementReport): string {
  return csvDocument(
    ['month', 'new_subscriptions', 'churned_subscriptions', 'new_customers', 'churned_customers'],
    r.rows.map((x) => [
      x.month,
      x.newSubscriptions,
      x.churnedSubscriptions,
      x.newCustomers,
      x.churnedCustomers,
    ]),
  );
}

export async function cashierReport(deps: AppDeps, q: CashierReportQuery): Promise<CashierReport> {
  const timezone = deps.config.timezone;
  const rows = await selectCashierDays(deps.db, q.from, q.to, timezone);
  const totals = { count: 0, total: 0n, reversedCount: 0, reversedTotal: 0n };
  for (const r of rows) {
    totals.count += r.count;
    totals.total += r.total;
    totals.reversedCount += r.reversedCount;
    totals.reversedTotal += r.reversedTotal;
  }
  return {
    from: q.from,
    to: q.to,
    timezone,
    rows: rows.map((r) => ({
      ...r,
      total: r.total.toString(),
      reversedTotal: r.reversedTotal.toString(),
      net: (r.total - r.reversedTotal).toString(),
    })),
    totals: {
      count: totals.count,
      total: totals.total.toString(),
      reversedCount: totals.reversedCount,
      reversedTotal: totals.reversedTotal.toString(),
      net: (totals.total - totals.reversedTotal).toString(),
    },
  };
}

export function cashierCsv(r: CashierReport): string {
  return csvDocument(
    ['date', 'cashier', 'count', 'total', 'reversed_count', 'reversed_total', 'net'],
    [
      ...r.rows.map((x) => [
        x.date,
        x.cashierName ?? x.cashierId ?? '(no cashier)',
        x.count,
        x.total,
        x.reversedCount,
        x.reversedTotal,
        x.net,
      ]),
      [
        'total',
        '',
        r.totals.count,
        r.totals.total,
        r.totals.reversedCount,
        r.totals.reversedTotal,
        r.totals.net,
      ],
    ],
  );
}
