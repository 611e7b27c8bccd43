/**
 * RouterOS rate-limit strings:
 * `rx[/tx] [burst-rx[/tx] [threshold-rx[/tx] [burst-time-rx[/tx] [priority [min-rx[/tx]]]]]]`.
 * `rx` is what the router receives from the client, i.e. the client's upload; `512k/2M` is
 * 2 Mbit/s down and 512 kbit/s up. Rates are bits per second.
 */

/** A parsed rate limit; rates in bit/s, burst time in seconds. */
export interface RateLimit {
  /** Client upload (router receive), bit/s. */
  readonly rx: number;
  /** Client download (router transmit), bit/s. */
  readonly tx: number;
  readonly burstRx?: number;
  readonly burstTx?: number;
  readonly thresholdRx?: number;
  readonly thresholdTx?: number;
  readonly burstTimeRx?: number;
  readonly burstTimeTx?: number;
  /** 1 (highest) .. 8. */
  readonly priority?: number;
  readonly minRx?: number;
  readonly minTx?: number;
}

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  k: 1e3,
  K: 1e3,
  m: 1e6,
  M: 1e6,
  g: 1e9,
  G: 1e9,
};

/** Parses `512k`, `2M`, `1.5M`, `1000000` to bit/s. */
export function parseRate(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmMgG]?)(?:bps)?$/.exec(text.trim());
  if (!m) throw new RangeError(`invalid rate: '${text}'`);
  return Math.round(Number(m[1]) * (UNITS[m[2] ?? ''] ?? 1));
}

/** Formats bit/s with the largest unit that keeps it an integer (`2000000` -> `2M`). */
export function formatRate(bits: number): string {
  if (!Number.isFinite(bits) || bits < 0) throw new RangeError(`invalid rate: ${bits}`);
  const n = Math.round(bits);
  if (n !== 0 && n % 1e9 === 0) return `${n / 1e9}G`;
  if (n !== 0 && n % 1e6 === 0) return `${n / 1e6}M`;
  if (n !== 0 && n % 1e3 === 0) return `${n / 1e3}k`;
  return String(n);
}

function parsePair(text: string, parse: (s: string) => number): [number, number] {
  const parts = text.split('/');
  if (parts.length > 2 || parts.some((p) => p === ''))
    throw new RangeError(`invalid pair: '${text}'`);
  const a = parse(parts[0] as string);
  return [a, parts[1] === undefined ? a : parse(parts[1])];
}

function parseSeconds(text: string): number {
  const m = /^(\d+(?:\.\d+)?)s?$/.exec(text.trim());
  if (!m) throw new RangeError(`invalid burst time: '${text}'`);
  return Number(m[1]);
}

/** Parses a rate-limit string; throws `RangeError` on malformed input. */
export function parseRateLimit(text: string): RateLimit {
  const fields = text.trim().split(/\s+/);
  if (fields.length === 0 || fields[0] === '' || fields.length > 6) {
    throw new RangeError(`invalid rate-limit: '${text}'`);
  }
  const [rx, tx] = parsePair(fields[0] as string, parseRate);
  let out: RateLimit = { rx, tx };
  if (fields[1] !== undefined) {
    const [burstRx, burstTx] = parsePair(fields[1], parseRate);
    out = { ...out, burstRx, burstTx };
  }
  if (fields[2] !== undefined) {
    const [thresholdRx, thresholdTx] = parsePair(fields[2], parseRate);
    out = { ...out, thresholdRx, thresholdTx };
  }
  if (fields[3] !== undefined) {
    const [burstTimeRx, burstTimeTx] = parsePair(fields[3], parseSeconds);
    out = { ...out, burstTimeRx, burstTimeTx };
  }
  if (fields[4] !== undefined) {
    const priority = Number(fields[4]);
    if (!Number.isInteger(priority) || priority < 1 || priority > 8) {
      throw new RangeError(`invalid priority: '${fields[4]}'`);
    }
    out = { ...out, priority };
  }
  if (fields[5] !== undefined) {
    const [minRx, minTx] = parsePair(fields[5], parseRate);
    out = { ...out, minRx, minTx };
  }
  return out;
}

function pair(a: number | undefined, b: number | undefined, fmt: (n: number) => string): string {
  const x = fmt(a ?? 0);
  const y = fmt(b ?? a ?? 0);
  return `${x}/${y}`;
}

/** Formats a rate limit, omitting trailing parts that are not set. */
export function formatRateLimit(limit: RateLimit): string {
  const parts = [pair(limit.rx, limit.tx, formatRate)];
  const burst = limit.burstRx !== undefined || limit.burstTx !== undefined;
  const threshold = limit.thresholdRx !== undefined || limit.thresholdTx !== undefined;
  const time = limit.burstTimeRx !== undefined || limit.burstTimeTx !== undefined;
  const min = limit.minRx !== undefined || limit.minTx !== undefined;
  const needs = [burst, threshold, time, limit.priority !== undefined, min];
  const last = needs.lastIndexOf(true);
  if (last >= 0) parts.push(pair(limit.burstRx, limit.burstTx, formatRate));
  if (last >= 1) parts.push(pair(limit.thresholdRx, limit.thresholdTx, formatRate));
  if (last >= 2) parts.push(pair(limit.burstTimeRx, limit.burstTimeTx, (n) => String(n)));
  if (last >= 3) parts.push(String(limit.priority ?? 8));
  if (last >= 4) parts.push(pair(limit.minRx, limit.minTx, formatRate));
  return parts.join(' ');
}

/** Convenience: download/upload view of a rate limit, in bit/s. */
export function downUp(limit: RateLimit): { download: number; upload: number } {
  return { download: limit.tx, upload: limit.rx };
}
