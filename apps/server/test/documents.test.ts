import { eq, sql } from 'drizzle-orm';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customers,
  invoiceAllocations,
  invoiceLines,
  invoices,
  payments,
} from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { csvCell, csvRow } from '../src/modules/documents/csv.ts';
import { formatDate, formatRupiah } from '../src/modules/documents/format.ts';
import { renderInvoicePdf } from '../src/modules/documents/service.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';

// 2026-03-10 09:00 in Jakarta.
const clock = new ManualClock('2026-03-10T02:00:00Z');
let env: TestEnv;
let admin: Agent;
let resellerA: Agent;
let resellerB: Agent;
let cashierId = '';

/** A 2x2 red PNG, built here so the test needs no binary fixture. */
function tinyPng(): string {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
  const raw = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0]);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

/**
 * The text a PDF shows: every content stream (inflated when compressed), every string of its
 * text operators decoded. Pieces of one TJ array are joined; each operator is a line.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const bytes = Buffer.from(m[1] ?? '', 'latin1');
    let content: string;
    try {
      content = inflateSync(bytes).toString('latin1');
    } catch {
      content = bytes.toString('latin1');
    }
    for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const parts =
        op[1] !== undefined
          ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((p) => p[1] ?? '')
          : [op[2] ?? ''];
      out.push(parts.map((h) => Buffer.from(h, 'hex').toString('latin1')).join(''));
    }
  }
  return out.join('\n');
}

let customerA = '';
let customerB = '';

async function insertCustomer(values: Partial<typeof customers.$inferInsert>): Promise<string> {
  const [row] = await env.deps.db
    .insert(customers)
    .values({ number: `C${Math.random().toString().slice(2, 9)}`, name: 'Someone', ...values })
    .returning({ id: customers.id });
  return row!.id;
}

async function insertInvoice(
  values: Partial<typeof invoices.$inferInsert> & { customerId: string },
  lines: { description: string; amount: bigint; quantity?: number; kind?: string }[] = [
    { description: 'Internet 20 Mbps', amount: 1_000_000n },
  ],
): Promise<string> {
  const subtotal = lines.reduce((s, l) => s + l.amount, 0n);
  const tax = (subtotal * 11n + 50n) / 100n;
  const [row] = await env.deps.db
    .insert(invoices)
    .values({
      kind: 'manual',
      issueDate: '2026-03-01',
      dueDate: '2026-03-08',
      status: 'issued',
      subtotal,
      tax,
      total: subtotal + tax,
      ...values,
    })
    .returning({ id: invoices.id });
  await env.deps.db.insert(invoiceLines).values(
    lines.map((l, i) => ({
      invoiceId: row!.id,
      position: i + 1,
      kind: l.kind ?? 'one_off',
      description: l.description,
      quantity: l.quantity ?? 1,
      unitAmount: l.amount / BigInt(l.quantity ?? 1),
      amount: l.amount,
      taxRateBp: 1100,
      tax: (l.amount * 11n + 50n) / 100n,
    })),
  );
  return row!.id;
}

let mainInvoice = '';

beforeAll(async () => {
  env = await createTestEnv({ clock });
  admin = await env.agentFor('admin');
  resellerA = await env.agentFor('reseller');
  resellerB = await env.agentFor('reseller');
  cashierId = (await env.createUser('finance')).id;
  const res = await admin.request({
    method: 'PUT',
    url: '/api/v1/settings/billing',
    payload: {
      company: {
        name: 'PT Jaring Nusantara',
        address: 'Jl. Merdeka No. 1, Bandung',
        phone: '022-123456',
        email: 'billing@jaring.example',
        taxId: '01.234.567.8-901.000',
        logoDataUrl: tinyPng(),
        bankAccounts: [
          { bank: 'BCA', accountNumber: '1234567890', accountName: 'PT Jaring Nusantara' },
          { bank: 'Mandiri', accountNumber: '9876543210', accountName: 'PT Jaring Nusantara' },
        ],
      },
      invoice: { prefix: 'INV', footer: 'Terima kasih telah berlangganan.' },
      dunning: { reminderDays: [-3], suspendAfterDays: null, terminateAfterDays: null },
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  customerA = await insertCustomer({
    number: 'C000001',
    name: 'Budi Santoso',
    address: 'Jl. Melati 7, Cimahi',
    phone: '0812-1111-2222',
    resellerId: resellerA.userId,
  });
  customerB = await insertCustomer({ number: 'C000002', name: 'Siti', locale: 'en' });
  mainInvoice = await insertInvoice(
    {
      customerId: customerA,
      number: 'INV-2026-000001',
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      status: 'partially_paid',
      dueDate: '2026-03-15',
      paid: 387_500n,
      createdAt: new Date('2026-03-01T00:00:00Z'),
    },
    [
      { description: 'Internet 20 Mbps, Maret 2026', amount: 1_000_000n, kind: 'plan' },
      { description: 'Instalasi', amount: 250_000n, quantity: 2 },
    ],
  );
}, 60_000);

afterAll(async () => {
  await env.close();
});

describe('formatting', () => {
  it('writes rupiah with dots and dates with month names', () => {
    expect(formatRupiah(1_234_567n)).toBe('Rp 1.234.567');
    expect(formatRupiah(0n)).toBe('Rp 0');
    expect(formatRupiah(-10_000n)).toBe('-Rp 10.000');
    expect(formatRupiah(999n)).toBe('Rp 999');
    expect(formatDate('2026-03-05', 'id')).toBe('5 Maret 2026');
    expect(formatDate('2026-08-17', 'en')).toBe('17 August 2026');
  });
});

describe('invoice PDF', () => {
  it('prints the operator, customer, lines and totals in Indonesian', async () => {
    const res = await admin.request({
      method: 'GET',
      url: `/api/v1/invoices/${mainInvoice}/pdf?lang=id`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('inline; filename="INV-2026-000001.pdf"');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(res.rawPayload);
    for (const expected of [
      'PT Jaring Nusantara',
      'Jl. Merdeka No. 1, Bandung',
      'Telp: 022-123456',
      'NPWP: 01.234.567.8-901.000',
      'INVOICE / TAGIHAN',
      'INV-2026-000001',
      '1 Maret 2026',
      '15 Maret 2026',
      '1 Maret 2026 - 31 Maret 2026',
      'Budi Santoso',
      'No. Pelanggan: C000001',
      'Jl. Melati 7, Cimahi',
      'Internet 20 Mbps, Maret 2026',
      'Instalasi',
      'Rp 125.000',
      'Rp 250.000',
      'Rp 1.250.000',
      'PPN 11%',
      'Rp 137.500',
      'Rp 1.387.500',
      'Rp 387.500',
      'Sisa tagihan',
      'Rp 1.000.000',
      'DIBAYAR SEBAGIAN',
      'BCA  1234567890  a.n. PT Jaring Nusantara',
      'Mandiri  9876543210  a.n. PT Jaring Nusantara',
      'Terima kasih telah berlangganan.',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The logo is embedded as an image.
    expect(res.rawPayload.toString('latin1')).toContain('/Subtype /Image');
  });

  it('prints English labels and month names, and the same bytes on every request', async () => {
    const a = await admin.request({
      method: 'GET',
      url: `/api/v1/invoices/${mainInvoice}/pdf?lang=en`,
    });
    const b = await admin.request({
      method: 'GET',
      url: `/api/v1/invoices/${mainInvoice}/pdf?lang=en`,
    });
    expect(a.statusCode).toBe(200);
    expect(Buffer.compare(a.rawPayload, b.rawPayload)).toBe(0);
    const text = pdfText(a.rawPayload);
    for (const expected of [
      '1 March 2026',
      'Balance due',
      'VAT (PPN) 11%',
      'PARTIALLY PAID',
      'Bill to',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain('1 Maret 2026');
    // The exported renderer (the portal's entry point) gives the same document.
    const direct = await renderInvoicePdf(env.deps, mainInvoice, 'en');
    expect(Buffer.compare(direct, a.rawPayload)).toBe(0);
    // Uncompressed output shows the same text.
    const plain = await renderInvoicePdf(env.deps, mainInvoice, 'en', { compress: false });
    expect(plain.toString('latin1')).not.toContain('/FlateDecode\n>>\nstream');
    expect(pdfText(plain)).toBe(text);
  });

  it('defaults to the customer language', async () => {
    const id = await insertInvoice({ customerId: customerB, number: 'INV-2026-000002' });
    const res = await admin.request({ method: 'GET', url: `/api/v1/invoices/${id}/pdf` });
    expect(res.statusCode).toBe(200);
    expect(pdfText(res.rawPayload)).toContain('Balance due');
  });

  it('stamps paid, void, overdue and draft invoices', async () => {
    const cases: [Partial<typeof invoices.$inferInsert>, string, string][] = [
      [{ status: 'paid', paid: 1_110_000n, number: 'INV-2026-000010' }, 'LUNAS', 'PAID'],
      [
        {
          status: 'void',
          voidReason: 'Salah paket',
          voidedAt: new Date(),
          number: 'INV-2026-000011',
        },
        'BATAL',
        'VOID',
      ],
      [
        { status: 'overdue', dueDate: '2026-03-05', number: 'INV-2026-000012' },
        'JATUH TEMPO',
        'OVERDUE',
      ],
      // Past its due date but not yet marked by the dunning pass.
      [
        { status: 'issued', dueDate: '2026-03-09', number: 'INV-2026-000013' },
        'JATUH TEMPO',
        'OVERDUE',
      ],
      [{ status: 'draft', number: null }, 'DRAFT', 'DRAFT'],
    ];
    for (const [values, id, en] of cases) {
      const invoiceId = await insertInvoice({ customerId: customerA, ...values });
      const resId = await admin.request({
        method: 'GET',
        url: `/api/v1/invoices/${invoiceId}/pdf?lang=id`,
      });
      expect(resId.statusCode).toBe(200);
      const textId = pdfText(resId.rawPayload);
      expect(textId, `${values.status} id`).toContain(id);
      const textEn = pdfText(
        (await admin.request({ method: 'GET', url: `/api/v1/invoices/${invoiceId}/pdf?lang=en` }))
          .rawPayload,
      );
      expect(textEn, `${values.status} en`).toContain(en);
      if (values.status === 'void') {
        expect(textId).toContain('Salah paket');
        expect(textId).toContain('Sisa tagihan');
        // Nothing to transfer on a void invoice.
        expect(textId).not.toContain('1234567890');
      }
      if (values.status === 'draft') {
        expect(textId).toContain('DRAF INVOICE');
        expect(resId.headers['content-disposition']).toBe(
          `inline; filename="DRAFT-${invoiceId.slice(0, 8)}.pdf"`,
        );
      }
    }
    // A plain issued invoice, not yet due, carries no stamp.
    const open = await insertInvoice({
      customerId: customerA,
      number: 'INV-2026-000014',
      dueDate: '2026-03-20',
    });
    const text = pdfText(
      (await admin.request({ method: 'GET', url: `/api/v1/invoices/${open}/pdf?lang=id` }))
        .rawPayload,
    );
    for (const stamp of ['LUNAS', 'BATAL', 'JATUH TEMPO', 'DRAFT'])
      expect(text).not.toContain(stamp);
  });

  it('keeps resellers to their own customers, 404s unknown ids and refuses bad languages', async () => {
    const own = await resellerA.request({
      method: 'GET',
      url: `/api/v1/invoices/${mainInvoice}/pdf`,
    });
    expect(own.statusCode).toBe(200);
    const other = await resellerB.request({
      method: 'GET',
      url: `/api/v1/invoices/${mainInvoice}/pdf`,
    });
    expect(other.statusCode).toBe(404);
    expect(other.json<{ code: string }>().code).toBe('not_found');
    const unknown = await admin.request({
      method: 'GET',
      url: '/api/v1/invoices/00000000-0000-4000-8000-000000000000/pdf',
    });
    expect(unknown.statusCode).toBe(404);
    await expect(
      renderInvoicePdf(env.deps, '00000000-0000-4000-8000-000000000000', 'id'),
    ).rejects.toThrow('Invoice not found');
    const bad = await admin.request({
      method: 'GET',
      url: `/api/v1/invoices/${mainInvoice}/pdf?lang=fr`,
    });
    expect(bad.statusCode).toBe(400);
    const notUuid = await admin.request({ method: 'GET', url: '/api/v1/invoices/nope/pdf' });
    expect(notUuid.statusCode).toBe(400);
  });

  it('draws names outside the standard fonts with their base letters, never a wrong glyph', async () => {
    const customerId = await insertCustomer({ number: 'C000777', name: 'Zoë Đặng 日本 😀' });
    const id = await insertInvoice({ customerId, number: 'INV-2026-000777' });
    const res = await admin.request({ method: 'GET', url: `/api/v1/invoices/${id}/pdf` });
    expect(res.statusCode).toBe(200);
    expect(pdfText(res.rawPayload)).toContain('Zoë Dang ?? ?');
  });

  it('starts a new page when the lines do not fit on one', async () => {
    const lines = Array.from({ length: 80 }, (_, i) => ({
      description: `Item ${i + 1}`,
      amount: 1_000n,
    }));
    const id = await insertInvoice({ customerId: customerA, number: 'INV-2026-000020' }, lines);
    const res = await admin.request({ method: 'GET', url: `/api/v1/invoices/${id}/pdf` });
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload);
    expect(text).toContain('Item 80');
    expect(text).toContain('Rp 80.000');
    expect(res.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)?.length).toBeGreaterThan(1);
  });
});

describe('receipts', () => {
  let paymentId = '';

  beforeAll(async () => {
    const [p] = await env.deps.db
      .insert(payments)
      .values({
        number: 'RCP-2026-000001',
        customerId: customerA,
        method: 'cash',
        amount: 500_000n,
        credited: 112_500n,
        receivedAt: new Date('2026-03-10T02:05:00Z'),
        cashierId,
        reference: 'Loket 1',
        createdAt: new Date('2026-03-10T02:05:00Z'),
      })
      .returning({ id: payments.id });
    paymentId = p!.id;
    await env.deps.db
      .insert(invoiceAllocations)
      .values({ invoiceId: mainInvoice, paymentId, source: 'payment', amount: 387_500n });
  });

  it('prints an A4 receipt with allocations and credit', async () => {
    const res = await admin.request({
      method: 'GET',
      url: `/api/v1/payments/${paymentId}/receipt?lang=id`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('inline; filename="RCP-2026-000001.pdf"');
    const text = pdfText(res.rawPayload);
    for (const expected of [
      'KWITANSI / BUKTI PEMBAYARAN',
      'RCP-2026-000001',
      '10 Maret 2026 09:05',
      'finance',
      'C000001',
      'Budi Santoso',
      'Tunai',
      'Loket 1',
      'INV-2026-000001',
      'Rp 387.500',
      'Masuk saldo',
      'Rp 112.500',
      'Rp 500.000',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain('DIBATALKAN');
  });

  it('prints thermal receipts as narrow monospace pages, and plain text in 32 or 48 columns', async () => {
    for (const [format, width, columns] of [
      ['thermal58', 164.41, 32],
      ['thermal80', 226.77, 48],
    ] as const) {
      const res = await admin.request({
        method: 'GET',
        url: `/api/v1/payments/${paymentId}/receipt?format=${format}&lang=en`,
      });
      expect(res.statusCode).toBe(200);
      const raw = res.rawPayload.toString('latin1');
      const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(raw);
      expect(Number(box?.[1])).toBeCloseTo(width, 1);
      expect(Number(box?.[2])).toBeLessThan(842);
      expect(raw).toContain('/BaseFont /Courier');
      const text = pdfText(res.rawPayload);
      expect(text).toContain('PAYMENT RECEIPT');
      expect(text).toContain('Credited to balance');
      for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
    }
    for (const columns of [32, 48]) {
      const res = await admin.request({
        method: 'GET',
        url: `/api/v1/payments/${paymentId}/receipt?format=text&width=${columns}&lang=id`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      const lines = res.body.split('\n');
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
      expect(lines).toContain('-'.repeat(columns));
      expect(res.body).toMatch(/INV-2026-000001 +Rp 387\.500/);
      expect(res.body).toMatch(/TOTAL +Rp 500\.000/);
      expect(res.body).toContain('Kasir');
    }
  });

  it('marks a reversed payment', async () => {
    await env.deps.db
      .update(payments)
      .set({
        status: 'reversed',
        reversedAt: new Date('2026-03-10T03:00:00Z'),
        reversalReason: 'Uang palsu',
      })
      .where(eq(payments.id, paymentId));
    const text = await admin.request({
      method: 'GET',
      url: `/api/v1/payments/${paymentId}/receipt?format=text&lang=id`,
    });
    expect(text.body).toContain('*** DIBATALKAN ***');
    expect(text.body).toContain('Alasan: Uang palsu');
    const pdf = await admin.request({
      method: 'GET',
      url: `/api/v1/payments/${paymentId}/receipt?format=a4&lang=en`,
    });
    expect(pdfText(pdf.rawPayload)).toContain('REVERSED');
  });

  it('keeps resellers to their own customers, 404s unknown ids, refuses bad formats', async () => {
    expect(
      (await resellerA.request({ method: 'GET', url: `/api/v1/payments/${paymentId}/receipt` }))
        .statusCode,
    ).toBe(200);
    expect(
      (await resellerB.request({ method: 'GET', url: `/api/v1/payments/${paymentId}/receipt` }))
        .statusCode,
    ).toBe(404);
    const unknown = await admin.request({
      method: 'GET',
      url: '/api/v1/payments/00000000-0000-4000-8000-000000000000/receipt',
    });
    expect(unknown.statusCode).toBe(404);
    for (const q of ['format=a5', 'lang=de', 'width=40', 'extra=1']) {
      const res = await admin.request({
        method: 'GET',
        url: `/api/v1/payments/${paymentId}/receipt?${q}`,
      });
      expect(res.statusCode, q).toBe(400);
    }
  });
});

/** Rows of a CSV body, parsed by the RFC 4180 rules (quotes, doubled quotes, CRLF). */
function parseCsv(body: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('CSV', () => {
  it('quotes by RFC 4180 and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+62812')).toBe("'+62812");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('-5000')).toBe('-5000');
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell(-10_000n)).toBe('-10000');
    expect(csvCell(null)).toBe('');
    expect(csvRow(['a', 1, null])).toBe('a,1,\r\n');
  });

  it('exports invoices with a BOM, hostile names defused, filters and reseller scope', async () => {
    const hostile = await insertCustomer({
      number: 'C000099',
      name: '=HYPERLINK("http://evil","klik"), Jr.',
    });
    await insertInvoice({
      customerId: hostile,
      number: 'INV-2026-000099',
      issueDate: '2026-02-20',
      dueDate: '2026-02-27',
    });
    const res = await admin.request({
      method: 'GET',
      url: `/api/v1/invoices/export.csv?customerId=${hostile}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="invoices-2026-03-10.csv"',
    );
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(res.body.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual([
      'number',
      'status',
      'kind',
      'customer_number',
      'customer_name',
      'period_start',
      'period_end',
      'issue_date',
      'due_date',
      'subtotal',
      'tax',
      'total',
      'paid',
      'balance_due',
      'void_reason',
      'id',
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(0, 15)).toEqual([
      'INV-2026-000099',
      'issued',
      'manual',
      'C000099',
      '\'=HYPERLINK("http://evil","klik"), Jr.',
      '',
      '',
      '2026-02-20',
      '2026-02-27',
      '1000000',
      '110000',
      '1110000',
      '0',
      '1110000',
      '',
    ]);

    const byFilter = async (q: string, agent: Agent = admin): Promise<string[]> => {
      const r = await agent.request({ method: 'GET', url: `/api/v1/invoices/export.csv?${q}` });
      expect(r.statusCode, `${q}: ${r.body}`).toBe(200);
      return parseCsv(r.body.replace(/^\uFEFF/, ''))
        .slice(1)
        .map((x) => x[0] ?? '');
    };
    expect(await byFilter('from=2026-02-01&to=2026-02-28')).toEqual(['INV-2026-000099']);
    expect(await byFilter('status=partially_paid')).toEqual(['INV-2026-000001']);
    expect(await byFilter('period=2026-03')).toEqual(['INV-2026-000001']);
    expect(await byFilter('status=paid', resellerB)).toEqual([]);
    expect(await byFilter('status=partially_paid', resellerA)).toEqual(['INV-2026-000001']);
    expect(await byFilter('customerId=' + hostile, resellerA)).toEqual([]);

    for (const q of [
      'period=2026-13',
      'from=2026-03-10&to=2026-03-01',
      'status=unpaid',
      'customerId=x',
      'from=2026-02-30',
      'limit=5',
    ]) {
      const r = await admin.request({ method: 'GET', url: `/api/v1/invoices/export.csv?${q}` });
      expect(r.statusCode, q).toBe(400);
    }
  });

  it('streams every row of a large export once, page after page', async () => {
    const bulk = await insertCustomer({ number: 'C000500', name: 'Bulk' });
    // 2,345 invoices, many sharing one created_at so the keyset must break ties by id.
    await env.deps.db.execute(sql`
      insert into invoices (number, customer_id, kind, issue_date, due_date, status, subtotal, tax, total, created_at)
      select 'BULK-' || lpad(g::text, 6, '0'), ${bulk}, 'manual', '2026-01-05', '2026-01-12', 'issued', g, 0, g,
             timestamptz '2026-01-05 00:00:00+00' + ((g / 7) * interval '1 microsecond')
      from generate_series(1, 2345) g`);
    const res = await admin.request({
      method: 'GET',
      url: `/api/v1/invoices/export.csv?customerId=${bulk}`,
    });
    expect(res.statusCode).toBe(200);
    const rows = parseCsv(res.body.replace(/^\uFEFF/, '')).slice(1);
    expect(rows).toHaveLength(2345);
    expect(new Set(rows.map((r) => r[0])).size).toBe(2345);
    expect(rows.reduce((s, r) => s + BigInt(r[11] ?? '0'), 0n)).toBe((2345n * 2346n) / 2n);
  });

  it('exports payments with local times, allocation split and filters', async () => {
    const res = await admin.request({
      method: 'GET',
      url: '/api/v1/payments/export.csv?from=2026-03-10&to=2026-03-10',
    });
    expect(res.statusCode, res.body).toBe(200);
    const rows = parseCsv(res.body.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual([
      'number',
      'received_at',
      'customer_number',
      'customer_name',
      'method',
      'channel',
      'amount',
      'allocated',
      'credited',
      'status',
      'reference',
      'cashier',
      'reversed_at',
      'reversal_reason',
      'id',
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(0, 14)).toEqual([
      'RCP-2026-000001',
      '2026-03-10 09:05:00',
      'C000001',
      'Budi Santoso',
      'cash',
      '',
      '500000',
      '387500',
      '112500',
      'reversed',
      'Loket 1',
      expect.stringMatching(/^finance/),
      '2026-03-10 10:00:00',
      'Uang palsu',
    ]);
    const none = await admin.request({
      method: 'GET',
      url: '/api/v1/payments/export.csv?from=2026-03-11',
    });
    expect(parseCsv(none.body.replace(/^\uFEFF/, ''))).toHaveLength(1);
    const scoped = await resellerB.request({ method: 'GET', url: '/api/v1/payments/export.csv' });
    expect(parseCsv(scoped.body.replace(/^\uFEFF/, ''))).toHaveLength(1);
    const bad = await admin.request({
      method: 'GET',
      url: '/api/v1/payments/export.csv?method=cheque',
    });
    expect(bad.statusCode).toBe(400);
  });
});
