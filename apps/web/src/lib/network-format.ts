/** Rupiah as operators write it: `Rp 150.000` (dot thousands, no decimals). */
export function formatRupiah(amount: string | number | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const digits = String(amount).replace(/^-/, '');
  if (!/^\d+$/.test(digits)) return String(amount);
  const grouped = digits.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${String(amount).startsWith('-') ? '-' : ''}Rp ${grouped}`;
}

/** Keeps only the digits of a typed amount (`150.000` or `Rp 150,000` -> `150000`). */
export function rupiahDigits(input: string): string {
  return input
    .replace(/\D/g, '')
    .replace(/^0+(?=\d)/, '')
    .slice(0, 15);
}

export type RateUnit = 'mbps' | 'kbps';

/** A rate in kbps shown the way plans are sold: `10 Mbps`, `512 kbps`, `1.5 Mbps`. */
export function formatRate(kbps: number): string {
  if (kbps >= 1000 && kbps % 100 === 0) {
    const mbps = kbps / 1000;
    return `${Number.isInteger(mbps) ? mbps : mbps.toFixed(1)} Mbps`;
  }
  return `${kbps} kbps`;
}

/** The unit and value a rate is best edited in. */
export function splitRate(kbps: number): { value: string; unit: RateUnit } {
  if (kbps >= 1000 && kbps % 1000 === 0) return { value: String(kbps / 1000), unit: 'mbps' };
  return { value: String(kbps), unit: 'kbps' };
}

/** A typed rate back to kbps; NaN when it is not a number. */
export function toKbps(value: string, unit: RateUnit): number {
  const trimmed = value.trim().replace(',', '.');
  if (trimmed === '' || !/^\d+(\.\d+)?$/.test(trimmed)) return Number.NaN;
  const number = Number(trimmed);
  return Math.round(unit === 'mbps' ? number * 1000 : number);
}

/** Basis points to a percentage for display: 1100 -> `11`, 1250 -> `12,5` style left to Intl. */
export function bpToPercent(bp: number): string {
  return String(bp / 100);
}

export function percentToBp(value: string): number {
  const trimmed = value.trim().replace(',', '.');
  if (trimmed === '' || !/^\d+(\.\d{1,2})?$/.test(trimmed)) return Number.NaN;
  return Math.round(Number(trimmed) * 100);
}

/** A typed coordinate: empty is null, anything else a number (NaN when malformed). */
export function parseCoordinate(value: string): number | null {
  const trimmed = value.trim().replace(',', '.');
  if (trimmed === '') return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function coordinateText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function routerRate(kbps: number): string {
  if (kbps % 1000 === 0) return `${kbps / 1000}M`;
  return `${kbps}k`;
}

/**
 * A preview of the RouterOS rate-limit Jaring writes (client upload first, as RouterOS reads
 * `rx/tx`); the server's `rateLimit` is authoritative once saved.
 */
export function rateLimitPreview(
  downloadKbps: number,
  uploadKbps: number,
  burst?: {
    downloadKbps: number;
    uploadKbps: number;
    thresholdDownloadKbps: number;
    thresholdUploadKbps: number;
    seconds: number;
  } | null,
): string {
  const base = `${routerRate(uploadKbps)}/${routerRate(downloadKbps)}`;
  if (!burst) return base;
  return [
    base,
    `${routerRate(burst.uploadKbps)}/${routerRate(burst.downloadKbps)}`,
    `${routerRate(burst.thresholdUploadKbps)}/${routerRate(burst.thresholdDownloadKbps)}`,
    `${burst.seconds}/${burst.seconds}`,
  ].join(' ');
}

/** A normalised `62812…` number as people read it: `+62 812-3456-7890`. */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '—';
  const match = /^62(\d{3})(\d{3,4})(\d{3,5})$/.exec(phone);
  if (!match) return phone;
  return `+62 ${match[1]}-${match[2]}-${match[3]}`;
}
