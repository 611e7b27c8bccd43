import type { UsageReportRow } from '@jaring/contracts';

/** One CSV field, quoted when it holds a separator, quote or line break (RFC 4180). */
export function csvField(value: string | number): string {
  const text = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet; an apostrophe in front stops it.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const USAGE_CSV_HEADER = [
  'month',
  'customer_number',
  'customer_name',
  'username',
  'download_bytes',
  'upload_bytes',
  'total_bytes',
] as const;

/** The monthly usage report as CSV: bytes as whole numbers, so a spreadsheet can sum them. */
export function usageCsv(month: string, rows: readonly UsageReportRow[]): string {
  const lines = [USAGE_CSV_HEADER.join(',')];
  for (const row of rows) {
    lines.push(
      [
        month,
        row.customerNumber,
        row.customerName,
        row.username,
        Math.round(row.down),
        Math.round(row.up),
        Math.round(row.down + row.up),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
