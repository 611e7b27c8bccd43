import { startSimulator, type Simulator } from '@jaring/routeros/sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiSession, createSubscriber, type BillingFixture } from '../support/api.ts';
import { heading, login, navigate, openDialog } from '../support/app.ts';
import {
  DESKTOP,
  PHONE,
  launchBrowser,
  newContext,
  screenshot,
  watchForErrors,
} from '../support/browser.ts';
import { OWNER_EMAIL, OWNER_PASSWORD } from '../support/env.ts';
import { clickForFile, type FetchedFile } from '../support/files.ts';

const ROUTER_USER = 'jaring';
const ROUTER_PASSWORD = 'router-tagihan-1';
const CUSTOMER_NAME = 'Siti Aminah';
const PORTAL_PASSWORD = 'portal-siti-2026';
/** Plan price 150.000 + PPN 11% = 166.500. */
const TOTAL = 'Rp 166.500';

let sim: Simulator;
let browser: Browser;
let page: Page;
let errors: string[];
let fixture: BillingFixture;
let invoiceNumber = '';
let invoicePath = '';

/** What a PDF answer looks like, for one readable assertion. */
function pdfSignature(file: FetchedFile): object {
  return {
    status: file.status,
    contentType: file.contentType.split(';')[0],
    head: file.bytes.subarray(0, 4).toString('latin1'),
  };
}
const PDF = { status: 200, contentType: 'application/pdf', head: '%PDF' };

beforeAll(async () => {
  sim = await startSimulator({ user: ROUTER_USER, password: ROUTER_PASSWORD });
  const owner = await ApiSession.login(OWNER_EMAIL, OWNER_PASSWORD);
  fixture = await createSubscriber(owner, {
    router: {
      name: 'POP Tagihan',
      host: sim.host,
      port: sim.port,
      username: ROUTER_USER,
      password: ROUTER_PASSWORD,
    },
    plan: { name: 'Hemat 20M', price: '150000', downloadKbps: 20_000, uploadKbps: 10_000 },
    customer: { name: CUSTOMER_NAME, phone: '0813 1111 2222', portalPassword: PORTAL_PASSWORD },
    username: 'siti.aminah',
    // One full period from today: exactly one invoice of the plan's price, whatever the date.
    billing: { billingAnchor: 'anniversary', billingMode: 'prepaid' },
  });
  browser = await launchBrowser();
  page = await (await newContext(browser, DESKTOP)).newPage();
  errors = watchForErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

describe('billing: invoice run, cashier payment, portal PDF', () => {
  test('runs invoicing: preview first, then issue', async () => {
    await login(page, OWNER_EMAIL, OWNER_PASSWORD);
    await navigate(page, '/invoices');
    expect(await heading(page)).toBe('Tagihan');
    await page.locator('main [role="status"]').first().waitFor({ state: 'detached' });

    await page.locator('main').getByRole('button', { name: 'Jalankan penagihan' }).click();
    const dialog = openDialog(page);
    await dialog.locator('input[name="asOf"]').waitFor();
    // Issue stays disabled until the run has been previewed.
    expect(await dialog.locator('button[type="submit"]').isDisabled()).toBe(true);

    await dialog.locator('button[name="preview"]').click();
    const preview = dialog.locator('[data-testid="run-preview"]');
    await preview.waitFor();
    expect(await preview.locator('[data-testid="run-count"]').textContent()).toBe('1');
    expect(await preview.textContent()).toContain(TOTAL);
    const rows = dialog.locator('table[aria-label="Tagihan yang akan terbit"] tbody tr');
    await rows.first().waitFor();
    expect(await rows.first().textContent()).toContain(CUSTOMER_NAME);
    await screenshot(page, 'desktop-invoice-run-preview');

    await dialog.locator('button[type="submit"]').click();
    const result = dialog.locator('[data-testid="run-result"]');
    await result.waitFor();
    invoiceNumber = (
      (await result.locator('[data-testid="run-numbers"]').textContent()) ?? ''
    ).trim();
    expect(invoiceNumber).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(await dialog.getByText('1 tagihan terbit').count()).toBe(1);
    await screenshot(page, 'desktop-invoice-run-issued');
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.locator(`main tr[data-invoice="${invoiceNumber}"]`);
    await row.waitFor();
    await row.locator('[data-status="issued"]').waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain(CUSTOMER_NAME);
    expect(await row.textContent()).toContain(TOTAL);
    await screenshot(page, 'desktop-invoices');
  });

  test('opens the invoice: lines, PPN, total and its PDF', async () => {
    await page
      .locator(`main tr[data-invoice="${invoiceNumber}"] a`, { hasText: invoiceNumber })
      .click();
    await page.waitForURL('**/invoices/*');
    invoicePath = new URL(page.url()).pathname;
    await page.locator(`main[data-path="${invoicePath}"] h1`).waitFor();
    expect(await heading(page)).toBe(invoiceNumber);
    const totals = page.locator('main [data-testid="invoice-totals"]');
    await totals.waitFor();
    expect(await totals.locator('[data-total="tax"]').textContent()).toContain('Rp 16.500');
    expect(await totals.locator('[data-total="total"]').textContent()).toContain(TOTAL);
    expect(await totals.locator('[data-total="balance"]').textContent()).toContain(TOTAL);
    expect(await page.locator('main table[aria-label="Rincian"] tbody tr').count()).toBeGreaterThan(
      0,
    );
    await screenshot(page, 'desktop-invoice-detail');

    const pdf = await clickForFile(page, page.locator('main a[data-pdf="id"]'), '/pdf');
    expect(pdfSignature(pdf)).toEqual(PDF);
  });

  test('records a cash payment at the cashier and prints the receipt', async () => {
    await navigate(page, '/payments');
    expect(await heading(page)).toBe('Kasir');
    const form = page.locator('main form[name="record-payment"]');
    await form.locator('input[name="customer"]').fill('Siti');
    await form.locator(`button[data-customer="${fixture.customerNumber}"]`).click();
    await form.locator('[data-testid="picked-customer"]').waitFor();

    const invoice = form.locator(`label[data-open-invoice="${invoiceNumber}"]`);
    await invoice.waitFor();
    expect(await invoice.textContent()).toContain(TOTAL);
    await invoice.locator('input[type="checkbox"]').check();
    // The amount follows the ticked invoices' balance.
    await expect.poll(() => form.locator('input[name="amount"]').inputValue()).toBe(TOTAL);
    expect(await form.locator('select[name="method"]').inputValue()).toBe('cash');
    await form.locator('input[name="note"]').fill('Bayar di loket');
    await screenshot(page, 'desktop-cashier-form');
    await form.locator('button[type="submit"]').click();

    const receipt = page.locator('main [data-testid="receipt"]');
    await receipt.waitFor();
    expect(await receipt.getAttribute('data-payment')).toMatch(/^RCP-\d{4}-\d{6}$/);
    expect(await receipt.textContent()).toContain(TOTAL);
    expect(await receipt.textContent()).toContain(invoiceNumber);
    const thermal = page.locator('main a[data-receipt="thermal58"]');
    expect(await thermal.getAttribute('href')).toMatch(/\/receipt\?format=thermal58$/);
    expect(await page.locator('main a[data-receipt="a4"]').getAttribute('href')).toMatch(
      /format=a4$/,
    );
    await screenshot(page, 'desktop-cashier-receipt');

    const slip = await clickForFile(page, thermal, '/receipt');
    expect(pdfSignature(slip)).toEqual(PDF);

    // The day's cash report counts it for this cashier.
    await page.locator('main [role="tab"][data-tab="cash"]').click();
    const net = page.locator('main [data-testid="cash-net"]');
    await net.waitFor();
    expect(await net.textContent()).toContain(TOTAL);
    await screenshot(page, 'desktop-cash-report');
  });

  test('the invoice is now paid', async () => {
    await page.locator('main [data-testid="receipt"] a', { hasText: invoiceNumber }).click();
    await page.locator(`main[data-path="${invoicePath}"] h1`).waitFor();
    await page.locator('main [data-status="paid"]').first().waitFor();
    const totals = page.locator('main [data-testid="invoice-totals"]');
    expect(await totals.locator('[data-total="paid"]').textContent()).toContain(TOTAL);
    expect(await totals.locator('[data-total="balance"]').textContent()).toContain('Rp 0');
    await screenshot(page, 'desktop-invoice-paid');
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });

  test('the customer page shows the billing section and the dunning controls', async () => {
    await page.goto(`/customers/${fixture.customerId}`);
    await page.locator(`main[data-path="/customers/${fixture.customerId}"] h1`).waitFor();
    const row = page.locator(`main tr[data-invoice="${invoiceNumber}"]`);
    await row.locator('[data-status="paid"]').waitFor();
    await page.locator('main [data-testid="credit-balance"]').waitFor();
    expect(await page.locator('main [data-testid="credit-balance"]').textContent()).toContain(
      'Rp 0',
    );
    const dunning = page.locator('main form[name="dunning"]');
    await dunning.locator('input[name="exempt"]').check();
    await dunning.locator('button[type="submit"]').click();
    await dunning.getByText('Tersimpan.').waitFor();
    await screenshot(page, 'desktop-customer-billing');
  });

  test('adds a one-off charge, a discount and a manual invoice from the customer page', async () => {
    await page.locator('main').getByRole('button', { name: 'Tambah biaya' }).click();
    const charge = openDialog(page);
    await charge.locator('input[name="description-0"]').fill('Biaya instalasi');
    await charge.locator('input[name="unitAmount-0"]').fill('250.000');
    expect(await charge.locator('input[name="unitAmount-0"]').inputValue()).toBe('Rp 250.000');
    await charge.locator('button[type="submit"]').click();
    await charge.waitFor({ state: 'detached' });
    await page.locator('main tr[data-charge="Biaya instalasi"]').waitFor();

    // A 10% loyalty discount from next month on the subscription.
    await page.locator('main').getByRole('button', { name: 'Tambah diskon' }).click();
    const discount = openDialog(page);
    await discount.locator('input[name="description"]').fill('Diskon pelanggan setia');
    await discount.locator('select[name="kind"]').selectOption('percent');
    await discount.locator('input[name="percent"]').fill('10');
    await discount.locator('button[type="submit"]').click();
    await discount.waitFor({ state: 'detached' });
    const discountRow = page.locator('main tr[data-discount="Diskon pelanggan setia"]');
    await discountRow.waitFor();
    expect(await discountRow.textContent()).toContain('10%');

    await page.locator('main').getByRole('button', { name: 'Tagihan manual' }).click();
    const manual = openDialog(page);
    await manual.locator('input[name="description-0"]').fill('Router ONT');
    await manual.locator('input[name="unitAmount-0"]').fill('350000');
    await expect
      .poll(async () => (await manual.locator('[data-testid="line-totals"]').textContent()) ?? '')
      .toContain('Rp 388.500');
    await screenshot(page, 'desktop-manual-invoice');
    await manual.locator('button[type="submit"]').click();
    await page.waitForURL('**/invoices/*');
    await page.locator('main [data-status="draft"]').waitFor();
    await page.locator('main').getByRole('button', { name: 'Terbitkan' }).click();
    const confirm = openDialog(page);
    await confirm.getByRole('button', { name: 'Terbitkan' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.locator('main [data-status="issued"]').waitFor();
    await expect.poll(() => heading(page)).toMatch(/^INV-\d{4}-000002$/);
    await screenshot(page, 'desktop-manual-invoice-issued');
  });

  test('reports show the month and offer CSV', async () => {
    await navigate(page, '/reports');
    expect(await heading(page)).toBe('Laporan');
    const revenue = page.locator('main [data-report="revenue"] tbody tr').first();
    await revenue.waitFor();
    await expect
      .poll(async () => (await page.locator('main [data-report="revenue"]').textContent()) ?? '')
      .toContain(TOTAL);
    await page.locator('main [data-report="cashiers"] tbody tr').first().waitFor();
    const csv = await clickForFile(
      page,
      page.locator('main a[data-csv="revenue"]'),
      '/reports/revenue',
    );
    expect(csv.status).toBe(200);
    expect(csv.contentType).toMatch(/^text\/csv/);
    await screenshot(page, 'desktop-reports');
  });

  test('billing settings are saved with a bank account', async () => {
    await navigate(page, '/settings/billing');
    expect(await heading(page)).toBe('Pengaturan tagihan');
    const form = page.locator('main form[name="billing-settings"]');
    await form.locator('input[name="name"]').fill('Jaring Net Cibubur');
    await form.getByRole('button', { name: 'Tambah rekening' }).click();
    await form.locator('input[name="bank-0"]').fill('BCA');
    await form.locator('input[name="accountNumber-0"]').fill('1234567890');
    await form.locator('input[name="accountName-0"]').fill('PT Jaring Net');
    await form.locator('input[name="reminderDays"]').fill('-3, 0, 5');
    await form.locator('button[type="submit"]').click();
    await form.getByText('Pengaturan tersimpan.').waitFor();
    await page.reload();
    await page.locator('main input[name="bank-0"]').waitFor();
    expect(await page.locator('main input[name="reminderDays"]').inputValue()).toBe('-3, 0, 5');
    await screenshot(page, 'desktop-billing-settings');
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });

  test('the billing pages fit a 375 px phone', async () => {
    const phone = await (await newContext(browser, PHONE)).newPage();
    await login(phone, OWNER_EMAIL, OWNER_PASSWORD);
    const pages: [string, string][] = [
      ['/invoices', 'phone-invoices'],
      [invoicePath, 'phone-invoice-detail'],
      ['/payments', 'phone-cashier'],
      ['/reports', 'phone-reports'],
      ['/settings/billing', 'phone-billing-settings'],
    ];
    for (const [path, name] of pages) {
      await phone.goto(path);
      await phone.locator(`main[data-path="${path}"] h1`).waitFor();
      await phone.locator('main .animate-spin').first().waitFor({ state: 'detached' });
      const width = Number(await phone.evaluate('document.documentElement.scrollWidth'));
      expect(width, path).toBeLessThanOrEqual(PHONE.width);
      await screenshot(phone, name);
    }
    await phone.context().close();
  });

  test('the customer signs in to the portal and downloads the invoice PDF', async () => {
    const portal = await (await newContext(browser, DESKTOP)).newPage();
    const portalErrors = watchForErrors(portal);
    await portal.goto('/portal');
    await portal.locator('input[name="login"]').fill(fixture.customerNumber);
    await portal.locator('input[name="password"]').fill(PORTAL_PASSWORD);
    await portal.locator('form button[type="submit"]').click();
    await portal.locator('a[href="/portal/invoices"]').first().click();
    const row = portal.locator(`tr[data-invoice="${invoiceNumber}"]`);
    await row.waitFor();
    await screenshot(portal, 'desktop-portal-invoices');
    await row.locator('a[href^="/portal/invoices/"]').first().click();
    const link = portal.locator('a[data-action="download-pdf"]');
    await link.waitFor();
    await screenshot(portal, 'desktop-portal-invoice');

    const pdf = await clickForFile(portal, link, '/pdf');
    expect(pdfSignature(pdf)).toEqual(PDF);
    expect(pdf.downloaded).toBe(true);
    expect(portalErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await portal.context().close();
  });
});
