/** One row of any report: plain values as the API sends them. */
export type ReportRow = Record<string, unknown>;

/** Reports answer `{ rows }` (sometimes also `totals`); older shapes `{ data }` or a bare array. */
export function reportRows(body: unknown): { rows: ReportRow[]; totals: ReportRow | null } {
  if (Array.isArray(body)) return { rows: body as ReportRow[], totals: null };
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const list = record['rows'] ?? record['data'] ?? record['buckets'] ?? [];
    const totals = record['totals'] ?? record['total'];
    return {
      rows: Array.isArray(list) ? (list as ReportRow[]) : [],
      totals:
        totals && typeof totals === 'object' && !Array.isArray(totals)
          ? (totals as ReportRow)
          : null,
    };
  }
  return { rows: [], totals: null };
}

/** The columns of a report: every key of its rows, in first-seen order. */
export function reportColumns(rows: readonly ReportRow[]): string[] {
  const keys: string[] = [];
  for (const row of rows)
    for (const key of Object.keys(row)) if (!keys.includes(key)) keys.push(key);
  return keys.filter((key) => !key.endsWith('Id') && key !== 'id' && key !== 'key');
}

/** Money travels as digit strings (never numbers), so a digit string is rupiah. */
export function isRupiah(value: unknown): value is string {
  return typeof value === 'string' && /^-?\d+$/.test(value);
}

/** Rates come as basis points (`collectionRateBp`) or as a 0–1 fraction (`rate`). */
export function percentText(key: string, value: unknown): string | null {
  if (typeof value !== 'number') return null;
  if (key.endsWith('Bp')) return `${(value / 100).toLocaleString('id-ID')}%`;
  if (/rate|ratio/i.test(key) && value <= 1)
    return `${(value * 100).toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`;
  return null;
}
