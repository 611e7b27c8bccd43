/** UTF-8 byte order mark: Excel reads the file as UTF-8 only when it starts with one. */
export const CSV_BOM = '\uFEFF';

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
/** What a spreadsheet may take for the start of a formula (or a DDE payload). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | bigint | null | undefined;

/**
 * One RFC 4180 field. Text that a spreadsheet would run as a formula is defused with a leading
 * `'` (plain numbers such as `-5000` are left alone so amounts stay numbers).
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : value.toString();
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 says. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** A whole (small) CSV document: BOM, header, rows. */
export function csvDocument(
  header: readonly string[],
  rows: readonly (readonly CsvValue[])[],
): string {
  return CSV_BOM + csvRow(header) + rows.map(csvRow).join('');
}
