import { TIME_ZONE } from '../lib/format';

const ISO_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today as `YYYY-MM-DD` in the operator's time zone (what date inputs and the API use). */
export function todayIso(now: Date = new Date()): string {
  return ISO_DAY.format(now);
}
