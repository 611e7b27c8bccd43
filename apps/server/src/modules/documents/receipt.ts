import type { BillingSettings, DocumentLocale } from '@jaring/contracts';
import { formatDateTime, formatRupiah, LABELS } from './format.ts';
import { newPdf, pdfBuffer, pdfSafe, type PdfOptions } from './pdf.ts';
import type { ReceiptRows } from './queries.ts';

/** Thermal paper widths in points (1 mm = 72 / 25.4 pt) and their ESC/POS column counts. */
export const THERMAL = {
  thermal58: { widthPt: (58 * 72) / 25.4, columns: 32 },
  thermal80: { widthPt: (80 * 72) / 25.4, columns: 48 },
} as const;

export interface ReceiptInput {
  rows: ReceiptRows;
  settings: BillingSettings;
  locale: DocumentLocale;
  timezone: string;
}

/** Words wrapped to `width` columns; a word longer than a line is cut. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (let word of paragraph.split(/\s+/).filter(Boolean)) {
      while (word.length > width) {
        if (line) out.push(line);
        out.push(word.slice(0, width));
        word = word.slice(width);
        line = '';
      }
      if (!word) continue;
      if (!line) line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else {
        out.push(line);
        line = word;
      }
    }
    if (line) out.push(line);
  }
  return out;
}

function center(text: string, width: number): string[] {
  return wrap(text, width).map((l) => ' '.repeat(Math.floor((width - l.length) / 2)) + l);
}

/** `label ..... value` on one line, or the value right-aligned below when both do not fit. */
function pair(label: string, value: string, width: number): string[] {
  if (label.length + 1 + value.length <= width) {
    return [label + ' '.repeat(width - label.length - value.length) + value];
  }
  return [...wrap(label, width), ...wrap(value, width).map((v) => v.padStart(width))];
}

/**
 * The receipt as monospace lines of `columns` characters: the text format prints them as they are,
 * the thermal PDFs set them in Courier, so both look the same on a roll printer.
 */
export function receiptLines(input: ReceiptInput, columns: number): string[] {
  const { rows, settings, locale, timezone } = input;
  const l = LABELS[locale];
  const { payment, customer } = rows;
  const rule = '-'.repeat(columns);
  const out: string[] = [];
  const company = settings.company;
  out.push(...center(company.name, columns));
  if (company.address) out.push(...center(company.address, columns));
  if (company.phone) out.push(...center(`${l.phone}: ${company.phone}`, columns));
  if (company.taxId) out.push(...center(`${l.taxId}: ${company.taxId}`, columns));
  out.push(rule, ...center(l.receipt, columns), rule);
  out.push(...pair(l.receiptNumber, payment.number, columns));
  out.push(...pair(l.date, formatDateTime(payment.receivedAt, locale, timezone), columns));
  if (rows.cashierName) out.push(...pair(l.cashier, rows.cashierName, columns));
  out.push(...pair(l.customer, customer.number, columns));
  out.push(...wrap(customer.name, columns).map((v) => v.padStart(columns)));
  const method = l.methods[payment.method] ?? payment.method;
  out.push(...pair(l.method, payment.channel ? `${method} (${payment.channel})` : method, columns));
  if (payment.reference) out.push(...pair(l.reference, payment.reference, columns));
  out.push(rule);
  if (rows.allocations.length > 0) {
    out.push(`${l.allocations}:`);
    for (const a of rows.allocations) {
      out.push(
        ...pair(a.invoiceNumber ?? a.invoiceId.slice(0, 8), formatRupiah(a.amount), columns),
      );
    }
  }
  if (payment.credited > 0n) out.push(...pair(l.credited, formatRupiah(payment.credited), columns));
  out.push(rule);
  out.push(...pair(l.total.toUpperCase(), formatRupiah(payment.amount), columns));
  out.push(rule);
  if (payment.status === 'reversed') {
    out.push(...center(`*** ${l.reversed} ***`, columns));
    if (payment.reversedAt) {
      out.push(...center(formatDateTime(payment.reversedAt, locale, timezone), columns));
    }
    if (payment.reversalReason) {
      out.push(...wrap(`${l.reversalReason}: ${payment.reversalReason}`, columns));
    }
    out.push(rule);
  }
  out.push(...center(l.thankYou, columns));
  return out;
}

/** Plain text for ESC/POS printers: LF line ends and a few blank lines to tear off. */
export function buildReceiptText(input: ReceiptInput, columns: number): string {
  return `${receiptLines(input, columns).join('\n')}\n\n\n`;
}

/** A roll-paper PDF: as wide as the paper, as long as the receipt. */
export async function buildThermalReceiptPdf(
  input: ReceiptInput,
  format: keyof typeof THERMAL,
  options: PdfOptions = {},
): Promise<Buffer> {
  const { widthPt, columns } = THERMAL[format];
  const margin = 6;
  // Courier's advance is 0.6 em: the size that fits exactly `columns` characters.
  const fontSize = Math.floor(((widthPt - 2 * margin) / (columns * 0.6)) * 10) / 10;
  const lineHeight = fontSize * 1.2;
  const lines = receiptLines(input, columns).map(pdfSafe);
  const height = Math.ceil(2 * margin + lines.length * lineHeight + lineHeight);
  const doc = newPdf(
    input.rows.payment.createdAt,
    input.rows.payment.number,
    [widthPt, height],
    margin,
    options,
  );
  doc.font('Courier').fontSize(fontSize);
  let y = margin;
  for (const line of lines) {
    const strong = line.includes('***');
    doc.font(strong ? 'Courier-Bold' : 'Courier');
    doc.text(line, margin, y, { lineBreak: false });
    y += lineHeight;
  }
  return pdfBuffer(doc);
}

/** An A4 receipt: the same content, in a 64-column block centred on the page. */
export async function buildA4ReceiptPdf(
  input: ReceiptInput,
  options: PdfOptions = {},
): Promise<Buffer> {
  const lines = receiptLines(input, 64).map(pdfSafe);
  const doc = newPdf(input.rows.payment.createdAt, input.rows.payment.number, 'A4', 50, options);
  const fontSize = 10;
  const lineHeight = fontSize * 1.3;
  const x = (595.28 - 64 * 0.6 * fontSize) / 2;
  let y = 60;
  for (const line of lines) {
    if (y > 780) {
      doc.addPage();
      y = 60;
    }
    doc.font(line.includes('***') ? 'Courier-Bold' : 'Courier').fontSize(fontSize);
    doc.text(line, x, y, { lineBreak: false });
    y += lineHeight;
  }
  if (input.rows.payment.status === 'reversed') {
    const l = LABELS[input.locale];
    doc.save();
    doc.rotate(-20, { origin: [297, 300] });
    doc.font('Helvetica-Bold').fontSize(48).fillColor('#b00020').opacity(0.35);
    doc.text(l.reversed, 97, 280, { width: 400, align: 'center', lineBreak: false });
    doc.restore();
  }
  return pdfBuffer(doc);
}
