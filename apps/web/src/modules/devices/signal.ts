/**
 * Optical receive power of an ONT, in dBm. A GPON class B+ receiver works between about -8 and
 * -28 dBm; operators alarm a little above the floor (the monitoring rule's threshold, -27 dBm by
 * default). Above -8 dBm the receiver is overloaded, which is as bad as too little light.
 */

/** The monitoring rule's default "weak signal" threshold. */
export const DEFAULT_WEAK_DBM = -27;
/** Within this many dB above the threshold a reading is marginal: still fine, worth a look. */
export const MARGIN_DB = 3;
/** Above this the receiver saturates. */
export const OVERLOAD_DBM = -8;

export type RxPowerClass = 'unknown' | 'good' | 'marginal' | 'weak' | 'overload';

export function classifyRxPower(
  dbm: number | null | undefined,
  weakBelowDbm: number = DEFAULT_WEAK_DBM,
): RxPowerClass {
  if (dbm === null || dbm === undefined || !Number.isFinite(dbm)) return 'unknown';
  if (dbm < weakBelowDbm) return 'weak';
  if (dbm > OVERLOAD_DBM) return 'overload';
  if (dbm < weakBelowDbm + MARGIN_DB) return 'marginal';
  return 'good';
}

/**
 * A device's reading as shown in lists: the server's `weakSignal` (the operator's configured
 * threshold) decides weak; the default threshold only shades the rest.
 */
export function deviceRxClass(dbm: number | null | undefined, weakSignal: boolean): RxPowerClass {
  if (weakSignal) return 'weak';
  const found = classifyRxPower(dbm);
  return found === 'weak' ? 'marginal' : found;
}

/** `-21.4 dBm`, with the locale's decimal mark. */
export function formatDbm(dbm: number | null | undefined, intlLocale = 'en-GB'): string {
  if (dbm === null || dbm === undefined || !Number.isFinite(dbm)) return '—';
  const number = new Intl.NumberFormat(intlLocale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(dbm);
  return `${number} dBm`;
}

export const RX_CLASS_TEXT: Record<RxPowerClass, string> = {
  unknown: 'text-zinc-500 dark:text-zinc-400',
  good: 'text-emerald-700 dark:text-emerald-300',
  marginal: 'text-amber-700 dark:text-amber-300',
  weak: 'text-red-700 dark:text-red-400',
  overload: 'text-amber-700 dark:text-amber-300',
};
