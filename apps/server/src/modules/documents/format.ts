import type { DocumentLocale } from '@jaring/contracts';

const MONTHS: Readonly<Record<DocumentLocale, readonly string[]>> = {
  id: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** `Rp 1.234.567`, `-Rp 10.000`: Indonesian digit grouping in both languages, as printed on bills. */
export function formatRupiah(amount: bigint): string {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}Rp ${grouped}`;
}

/** `2026-03-05` -> `5 Maret 2026` / `5 March 2026`. */
export function formatDate(isoDate: string, locale: DocumentLocale): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${Number(d)} ${MONTHS[locale][Number(m) - 1] ?? m} ${y}`;
}

/** The calendar date and time of an instant in the operator's timezone: `5 Maret 2026 14:05`. */
export function formatDateTime(at: Date, locale: DocumentLocale, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${formatDate(`${get('year')}-${get('month')}-${get('day')}`, locale)} ${get('hour')}:${get('minute')}`;
}

export interface DocumentLabels {
  invoice: string;
  draftInvoice: string;
  number: string;
  issueDate: string;
  dueDate: string;
  period: string;
  billTo: string;
  customerNumber: string;
  description: string;
  qty: string;
  unitPrice: string;
  amount: string;
  subtotal: string;
  tax: string;
  total: string;
  paid: string;
  balanceDue: string;
  payTo: string;
  taxId: string;
  phone: string;
  notes: string;
  voidReason: string;
  stampPaid: string;
  stampVoid: string;
  stampOverdue: string;
  stampDraft: string;
  stampPartial: string;
  receipt: string;
  receiptNumber: string;
  date: string;
  cashier: string;
  customer: string;
  method: string;
  reference: string;
  allocations: string;
  credited: string;
  reversed: string;
  reversalReason: string;
  thankYou: string;
  methods: Readonly<Record<string, string>>;
}

export const LABELS: Readonly<Record<DocumentLocale, DocumentLabels>> = {
  id: {
    invoice: 'INVOICE / TAGIHAN',
    draftInvoice: 'DRAF INVOICE',
    number: 'No. Invoice',
    issueDate: 'Tanggal',
    dueDate: 'Jatuh tempo',
    period: 'Periode',
    billTo: 'Ditagihkan kepada',
    customerNumber: 'No. Pelanggan',
    description: 'Keterangan',
    qty: 'Jml',
    unitPrice: 'Harga',
    amount: 'Jumlah',
    subtotal: 'Subtotal',
    tax: 'PPN',
    total: 'Total',
    paid: 'Dibayar',
    balanceDue: 'Sisa tagihan',
    payTo: 'Pembayaran melalui transfer ke',
    taxId: 'NPWP',
    phone: 'Telp',
    notes: 'Catatan',
    voidReason: 'Alasan pembatalan',
    stampPaid: 'LUNAS',
    stampVoid: 'BATAL',
    stampOverdue: 'JATUH TEMPO',
    stampDraft: 'DRAFT',
    stampPartial: 'DIBAYAR SEBAGIAN',
    receipt: 'KWITANSI / BUKTI PEMBAYARAN',
    receiptNumber: 'No. Kwitansi',
    date: 'Tanggal',
    cashier: 'Kasir',
    customer: 'Pelanggan',
    method: 'Metode',
    reference: 'Referensi',
    allocations: 'Untuk pembayaran',
    credited: 'Masuk saldo',
    reversed: 'DIBATALKAN',
    reversalReason: 'Alasan',
    thankYou: 'Terima kasih atas pembayaran Anda',
    methods: { cash: 'Tunai', transfer: 'Transfer', gateway: 'Pembayaran online' },
  },
  en: {
    invoice: 'INVOICE',
    draftInvoice: 'DRAFT INVOICE',
    number: 'Invoice no.',
    issueDate: 'Date',
    dueDate: 'Due date',
    period: 'Period',
    billTo: 'Bill to',
    customerNumber: 'Customer no.',
    description: 'Description',
    qty: 'Qty',
    unitPrice: 'Unit price',
    amount: 'Amount',
    subtotal: 'Subtotal',
    tax: 'VAT (PPN)',
    total: 'Total',
    paid: 'Paid',
    balanceDue: 'Balance due',
    payTo: 'Please pay by bank transfer to',
    taxId: 'Tax ID (NPWP)',
    phone: 'Phone',
    notes: 'Notes',
    voidReason: 'Void reason',
    stampPaid: 'PAID',
    stampVoid: 'VOID',
    stampOverdue: 'OVERDUE',
    stampDraft: 'DRAFT',
    stampPartial: 'PARTIALLY PAID',
    receipt: 'PAYMENT RECEIPT',
    receiptNumber: 'Receipt no.',
    date: 'Date',
    cashier: 'Cashier',
    customer: 'Customer',
    method: 'Method',
    reference: 'Reference',
    allocations: 'Applied to',
    credited: 'Credited to balance',
    reversed: 'REVERSED',
    reversalReason: 'Reason',
    thankYou: 'Thank you for your payment',
    methods: { cash: 'Cash', transfer: 'Bank transfer', gateway: 'Online payment' },
  },
};

/** `1100` basis points -> `11%`, `1150` -> `11.5%` (`11,5%` in Indonesian). */
export function formatRate(bp: number, locale: DocumentLocale): string {
  const whole = Math.trunc(bp / 100);
  const frac = bp % 100;
  if (frac === 0) return `${whole}%`;
  const fracText = String(frac).padStart(2, '0').replace(/0$/, '');
  return `${whole}${locale === 'id' ? ',' : '.'}${fracText}%`;
}
