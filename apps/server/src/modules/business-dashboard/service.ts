import type { BusinessDashboard, BusinessDashboardQuery, BusinessMonth } from '@jaring/contracts';
import { invalidField } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { today } from '../subscriptions/service.ts';
import { addDays } from '../billing/periods.ts';
import { arpuOf, churnRateBp, monthSpans, mrrOf, rateBp, uptimePercent } from './metrics.ts';
import {
  selectCollectedMonths,
  selectGatewayMonths,
  selectInvoiceMonths,
  selectSubscriberMonths,
  withoutJit,
  type DashboardWindow,
} from './queries.ts';
import { networkUptimeByMonth } from './uptime.ts';

function byMonth<T extends { month: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.month, r]));
}

/** Subscribers, MRR, money, online payments and network uptime per month, up to `asOf`. */
export async function businessDashboard(
  deps: AppDeps,
  q: BusinessDashboardQuery,
): Promise<BusinessDashboard> {
  const now = today(deps);
  const asOf = q.asOf ?? now;
  if (asOf > now) throw invalidField('asOf', 'must not be after today', 'future');
  const tz = deps.config.timezone;
  const spans = monthSpans(asOf, q.months);
  const endDay = addDays(asOf, 1);
  const w: DashboardWindow = { bounds: [...spans.map((s) => s.from), endDay], tz };
  // One read-only snapshot: a payment landing mid-way cannot show as collected but still owed.
  const [subs, invoices, collected, gateway, uptime] = await deps.db.transaction(
    async (tx) => {
      await withoutJit(tx);
      return [
        await selectSubscriberMonths(tx, w),
        await selectInvoiceMonths(tx, w),
        await selectCollectedMonths(tx, w),
        await selectGatewayMonths(tx, w),
        await networkUptimeByMonth(tx, spans[0]!.from, endDay, tz),
      ] as const;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  const subsBy = byMonth(subs);
  const invoicesBy = byMonth(invoices);
  const collectedBy = byMonth(collected);
  const gatewayBy = byMonth(gateway);

  const trend = spans.map((span): BusinessMonth => {
    const s = subsBy.get(span.month);
    const i = invoicesBy.get(span.month);
    const g = gatewayBy.get(span.month);
    const active = s?.active ?? 0;
    const added = s?.newSubscriptions ?? 0;
    const churned = s?.churned ?? 0;
    const annual = s?.annualRunRate ?? 0n;
    const invoiced = i?.invoiced ?? 0n;
    const cash = collectedBy.get(span.month)?.collected ?? 0n;
    const paid = g?.paid ?? 0;
    const failed = g?.failed ?? 0;
    const expired = g?.expired ?? 0;
    const arpu = arpuOf(annual, active);
    return {
      ...span,
      activeSubscribers: active,
      newSubscriptions: added,
      churnedSubscriptions: churned,
      churnRateBp: churnRateBp(active, added, churned),
      mrr: mrrOf(annual).toString(),
      arpu: arpu === null ? null : arpu.toString(),
      invoiceCount: i?.invoiceCount ?? 0,
      invoiced: invoiced.toString(),
      collected: cash.toString(),
      collectionRateBp: rateBp(cash, invoiced),
      outstanding: (i?.outstanding ?? 0n).toString(),
      gatewayTransactions: { paid, failed, expired, pending: g?.pending ?? 0 },
      paymentSuccessRateBp: rateBp(paid, paid + failed + expired),
      networkUptimePercent: uptimePercent(uptime.get(span.month)),
    };
  });
  return {
    asOf,
    timezone: tz,
    currency: 'IDR',
    current: trend[trend.length - 1]!,
    previous: trend.length > 1 ? trend[trend.length - 2]! : null,
    trend,
  };
}
