import type { Locale } from '@jaring/contracts';

export const TIME_ZONE = 'Asia/Jakarta';

/** The Intl locale of each UI language. */
export const INTL_LOCALE: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let found = cache.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: TIME_ZONE, ...options });
    cache.set(key, found);
  }
  return found;
}

/** A timestamp in Jakarta time, e.g. `24 Nov 2026, 17.41.53`. */
export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(locale, { dateStyle: 'medium' }).format(date);
}

export function isFuture(iso: string | null | undefined, now: number = Date.now()): boolean {
  return !!iso && Date.parse(iso) > now;
}
