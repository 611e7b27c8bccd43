const UNIT_MS: Readonly<Record<string, number>> = {
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};

/** Midtrans's default validity of a payment when the request names none. */
export const DEFAULT_EXPIRY_MS = 24 * 3_600_000;

const START_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-])(\d{2})(\d{2})$/;

/** Parses Snap's `yyyy-MM-dd HH:mm:ss Z` (`2025-01-31 13:00:00 +0700`). */
export function parseStartTime(s: string): Date | undefined {
  const m = START_TIME.exec(s);
  if (!m) return undefined;
  const d = new Date(`${m[1]}T${m[2]}${m[3]}${m[4]}:${m[5]}`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function expiryFrom(start: Date, unit: string, duration: number): Date {
  return new Date(start.getTime() + duration * (UNIT_MS[unit] ?? UNIT_MS['minute'] ?? 60_000));
}
