import type { BillingSettings, DocumentLocale } from '@jaring/contracts';
import { formatDate, formatRate, formatRupiah, LABELS, type DocumentLabels } from './format.ts';
import { dataUrlImage, newPdf, pdfBuffer, pdfSafeDeep, type Pdf, type PdfOptions } from './pdf.ts';
import type { InvoiceDocumentRows } from './queries.ts';

const LEFT = 50;
const RIGHT = 545;
const WIDTH = RIGHT - LEFT;
const BOTTOM = 780;

/** Columns of the lines table: description, quantity, unit price, amount. */
const COLS = {
  description: { x: LEFT, w: 250 },
  qty: { x: 305, w: 35 },
  unit: { x: 345, w: 95 },
  amount: { x: 445, w: 100 },
} as const;

interface Stamp {
  text: string;
  color: string;
}

/** The mark across the invoice: what a reader must see first. */
function stampFor(rows: InvoiceDocumentRows, today: string, l: DocumentLabels): Stamp | undefined {
  const { status, dueDate } = rows.invoice;
  if (status === 'draft') return { text: l.stampDraft, color: '#888888' };
  if (status === 'void') return { text: l.stampVoid, color: '#b00020' };
  if (status === 'paid') return { text: l.stampPaid, color: '#1b7f3b' };
  // The dunning pass may not have marked it yet: the date decides what the reader sees.
  if (status === 'overdue' || dueDate < today) return { text: l.stampOverdue, color: '#b00020' };
  if (status === 'partially_paid') return { text: l.stampPartial, color: '#b26a00' };
  return undefined;
}

function drawStamp(doc: Pdf, stamp: Stamp): void {
  doc.save();
  doc.rotate(-18, { origin: [400, 330] });
  doc.lineWidth(3).strokeColor(stamp.color).opacity(0.75);
  doc.font('Helvetica-Bold').fontSize(34).fillColor(stamp.color);
  const w = doc.widthOfString(stamp.text) + 24;
  doc.roundedRect(400 - w / 2, 310, w, 46, 6).stroke();
  doc.text(stamp.text, 400 - w / 2, 318, { width: w, align: 'center', lineBreak: false });
  doc.restore();
  doc.opacity(1).fillColor('#000000').strokeColor('#000000').lineWidth(1);
}

function ensureRoom(doc: Pdf, y: number, needed: number): number {
  if (y + needed <= BOTTOM) return y;
  doc.addPage();
  return 50;
}

function taxLabel(rows: InvoiceDocumentRows, l: DocumentLabels, locale: DocumentLocale): string {
  const rates = new Set(rows.lines.filter((x) => x.tax !== 0n).map((x) => x.taxRateBp));
  const [only] = [...rates];
  return rates.size === 1 && only !== undefined ? `${l.tax} ${formatRate(only, locale)}` : l.tax;
}

/** Lays out one invoice on A4. Pure: everything it prints is in its arguments. */
export async function buildInvoicePdf(
  rawRows: InvoiceDocumentRows,
  rawSettings: BillingSettings,
  locale: DocumentLocale,
  today: string,
  options: PdfOptions = {},
): Promise<Buffer> {
  const l = LABELS[locale];
  const rows = pdfSafeDeep(rawRows);
  const settings = pdfSafeDeep(rawSettings);
  const { invoice, customer } = rows;
  const company = settings.company;
  const title = invoice.number ?? l.draftInvoice;
  const doc = newPdf(invoice.createdAt, title, 'A4', 50, options);

  // Operator block, with the logo on its left when there is one.
  let textX = LEFT;
  const logo = dataUrlImage(company.logoDataUrl);
  if (logo) {
    try {
      doc.image(logo, LEFT, 45, { fit: [110, 60] });
      textX = LEFT + 120;
    } catch {
      // A logo pdfkit cannot decode is left out rather than failing the invoice.
    }
  }
  doc.font('Helvetica-Bold').fontSize(15).text(company.name, textX, 45, { width: 260 });
  doc.font('Helvetica').fontSize(9);
  if (company.address) doc.text(company.address, { width: 260 });
  if (company.phone) doc.text(`${l.phone}: ${company.phone}`, { width: 260 });
  if (company.email) doc.text(company.email, { width: 260 });
  if (company.taxId) doc.text(`${l.taxId}: ${company.taxId}`, { width: 260 });
  const leftBottom = doc.y;

  // Title and the invoice's identity on the right.
  const title2 = invoice.status === 'draft' ? l.draftInvoice : l.invoice;
  doc.font('Helvetica-Bold').fontSize(16).text(title2, 330, 45, { width: 215, align: 'right' });
  doc.fontSize(9);
  const meta: [string, string][] = [
    [l.number, invoice.number ?? l.stampDraft],
    [l.issueDate, formatDate(invoice.issueDate, locale)],
    [l.dueDate, formatDate(invoice.dueDate, locale)],
  ];
  if (invoice.periodStart && invoice.periodEnd) {
    meta.push([
      l.period,
      `${formatDate(invoice.periodStart, locale)} - ${formatDate(invoice.periodEnd, locale)}`,
    ]);
  }
  let y = 70;
  for (const [k, v] of meta) {
    doc.font('Helvetica').text(k, 330, y, { width: 80 });
    doc.font('Helvetica-Bold').text(v, 410, y, { width: 135, align: 'right' });
    y = Math.max(doc.y, y + 12);
  }
  y = Math.max(y, leftBottom) + 18;

  // The customer.
  doc.font('Helvetica-Bold').fontSize(9).text(l.billTo, LEFT, y);
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(customer.name, LEFT, doc.y + 2, { width: 300 });
  doc.font('Helvetica').fontSize(9);
  doc.text(`${l.customerNumber}: ${customer.number}`, { width: 300 });
  if (customer.address) doc.text(customer.address, { width: 300 });
  if (customer.phone) doc.text(`${l.phone}: ${customer.phone}`, { width: 300 });
  y = doc.y + 18;

  const stamp = stampFor(rows, today, l);
  if (stamp) drawStamp(doc, stamp);

  // Lines.
  const header = (top: number): number => {
    doc.rect(LEFT, top, WIDTH, 18).fill('#eeeeee').fillColor('#000000');
    doc.font('Helvetica-Bold').fontSize(9);
    doc.text(l.description, COLS.description.x + 4, top + 5, { width: COLS.description.w - 4 });
    doc.text(l.qty, COLS.qty.x, top + 5, { width: COLS.qty.w, align: 'right' });
    doc.text(l.unitPrice, COLS.unit.x, top + 5, { width: COLS.unit.w, align: 'right' });
    doc.text(l.amount, COLS.amount.x, top + 5, { width: COLS.amount.w - 4, align: 'right' });
    return top + 24;
  };
  y = header(y);
  doc.font('Helvetica').fontSize(9);
  for (const line of rows.lines) {
    const h = doc.heightOfString(line.description, { width: COLS.description.w - 4 });
    const next = ensureRoom(doc, y, h + 8);
    if (next !== y) y = header(next);
    doc.font('Helvetica').fontSize(9);
    doc.text(line.description, COLS.description.x + 4, y, { width: COLS.description.w - 4 });
    doc.text(String(line.quantity), COLS.qty.x, y, { width: COLS.qty.w, align: 'right' });
    doc.text(formatRupiah(line.unitAmount), COLS.unit.x, y, { width: COLS.unit.w, align: 'right' });
    doc.text(formatRupiah(line.amount), COLS.amount.x, y, {
      width: COLS.amount.w - 4,
      align: 'right',
    });
    y += h + 6;
    doc
      .moveTo(LEFT, y - 2)
      .lineTo(RIGHT, y - 2)
      .lineWidth(0.5)
      .strokeColor('#cccccc')
      .stroke();
    doc.strokeColor('#000000').lineWidth(1);
  }

  // Totals.
  const balance = invoice.status === 'void' ? 0n : invoice.total - invoice.paid;
  const totals: [string, string, boolean][] = [
    [l.subtotal, formatRupiah(invoice.subtotal), false],
    [taxLabel(rows, l, locale), formatRupiah(invoice.tax), false],
    [l.total, formatRupiah(invoice.total), true],
    [l.paid, formatRupiah(invoice.paid), false],
    [l.balanceDue, formatRupiah(balance), true],
  ];
  y = ensureRoom(doc, y + 6, totals.length * 15);
  for (const [k, v, strong] of totals) {
    doc.font(strong ? 'Helvetica-Bold' : 'Helvetica').fontSize(strong ? 10 : 9);
    doc.text(k, 330, y, { width: 110 });
    doc.text(v, COLS.amount.x - 20, y, { width: COLS.amount.w + 16, align: 'right' });
    y += 15;
  }
  y += 10;

  if (invoice.status === 'void' && invoice.voidReason) {
    y = ensureRoom(doc, y, 30);
    doc.font('Helvetica-Bold').fontSize(9).text(`${l.voidReason}:`, LEFT, y);
    doc.font('Helvetica').text(invoice.voidReason, { width: WIDTH });
    y = doc.y + 10;
  }
  if (invoice.notes) {
    y = ensureRoom(doc, y, 30);
    doc.font('Helvetica-Bold').fontSize(9).text(`${l.notes}:`, LEFT, y);
    doc.font('Helvetica').text(invoice.notes, { width: WIDTH });
    y = doc.y + 10;
  }

  // Where to pay: only useful while something is owed.
  if (company.bankAccounts.length > 0 && balance > 0n && invoice.status !== 'draft') {
    y = ensureRoom(doc, y, 20 + company.bankAccounts.length * 13);
    doc.font('Helvetica-Bold').fontSize(9).text(`${l.payTo}:`, LEFT, y);
    doc.font('Helvetica');
    for (const a of company.bankAccounts) {
      doc.text(`${a.bank}  ${a.accountNumber}  a.n. ${a.accountName}`, { width: WIDTH });
    }
    y = doc.y + 10;
  }

  if (settings.invoice.footer) {
    const h = doc.font('Helvetica').fontSize(8).heightOfString(settings.invoice.footer, {
      width: WIDTH,
    });
    y = ensureRoom(doc, Math.max(y, BOTTOM - h), h);
    doc.fillColor('#555555').text(settings.invoice.footer, LEFT, y, {
      width: WIDTH,
      align: 'center',
    });
    doc.fillColor('#000000');
  }
  return pdfBuffer(doc);
}
