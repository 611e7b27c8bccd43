import { daysInclusive, type Period } from './periods.ts';
import { divRoundHalfUp } from './tax.ts';

/**
 * price × days_used / days_in_period, integer rupiah rounded half-up, in bigint. `from`..`to`
 * (inclusive) is the part of `period` being charged; the whole period gives the full price.
 */
export function prorate(
  price: bigint,
  period: Period,
  from: string = period.start,
  to: string = period.end,
): bigint {
  if (price < 0n) throw new RangeError('price must not be negative');
  if (from < period.start || to > period.end || from > to) {
    throw new RangeError('the charged days must lie inside the period');
  }
  const used = BigInt(daysInclusive(from, to));
  const total = BigInt(daysInclusive(period.start, period.end));
  return used === total ? price : divRoundHalfUp(price * used, total);
}

export interface ProrationLine {
  kind: 'proration' | 'credit';
  description: string;
  amount: bigint;
}

/**
 * A plan change on `changeDate` (the new plan applies from that day) inside a period already
 * billed at the old price: a credit for the unused days of the old plan and a charge for the
 * same days on the new plan.
 */
export function planChangeLines(
  period: Period,
  changeDate: string,
  oldPlan: { name: string; price: bigint },
  newPlan: { name: string; price: bigint },
): ProrationLine[] {
  const credit = prorate(oldPlan.price, period, changeDate);
  const charge = prorate(newPlan.price, period, changeDate);
  return [
    {
      kind: 'credit',
      description: `Unused ${oldPlan.name} ${changeDate} – ${period.end}`,
      amount: -credit,
    },
    {
      kind: 'proration',
      description: `${newPlan.name} ${changeDate} – ${period.end}`,
      amount: charge,
    },
  ];
}
