import type { GatewayId } from '@jaring/contracts';
import { startMidtransSimulator, type MidtransSimulator } from '@jaring/midtrans/sim';
import { RouterOSClient, type Row } from '@jaring/routeros';
import { startSimulator, type Simulator } from '@jaring/routeros/sim';
import { startTripaySimulator, type TripaySimulator } from '@jaring/tripay/sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiSession } from '../support/api.ts';
import { heading, login, navigate } from '../support/app.ts';
import {
  DESKTOP,
  launchBrowser,
  newContext,
  screenshot,
  watchForErrors,
} from '../support/browser.ts';
import { BASE_URL, OWNER_EMAIL, OWNER_PASSWORD } from '../support/env.ts';

const ROUTER_USER = 'jaring';
const ROUTER_PASSWORD = 'router-online-1';
const MIDTRANS_KEY = 'SB-Mid-server-e2e-journey-key';
const TRIPAY = {
  apiKey: 'DEV-e2e-journey-api-key',
  privateKey: 'e2e-journey-private-key-01',
  merchantCode: 'T0001',
} as const;
const FINANCE = {
  email: 'keuangan@example.test',
  name: 'Dewi Keuangan',
  password: 'buku-kas-harian-2026',
  role: 'finance',
  locale: 'id',
} as const;
/** The router's isolation, and its lifting, reach the simulated router within this. */
const ROUTER_MS = 30_000;
/** From the gateway's payment page back to a paid checkout with its receipt. */
const PAID_MS = 30_000;

/** A customer whose service dunning cut off over one overdue invoice, paying through a gateway. */
interface Payer {
  gateway: GatewayId;
  channel: string;
  name: string;
  phone: string;
  username: string;
  portalPassword: string;
  /** Before tax; the manual invoice adds PPN 11%. */
  price: string;
  /** What the portal shows: the invoice's total, and what the chosen channel makes of it. */
  invoiceTotal: string;
  checkoutTotal: string;
  customerNumber: string;
  invoiceId: string;
  invoiceNumber: string;
  /** The checkout's order id, as the portal shows it after paying. */
  orderId: string;
}

/** Midtrans with the fee carried by the operator: the customer pays the invoice exactly. */
const MIDTRANS_PAYER: Payer = {
  gateway: 'midtrans',
  channel: 'bca_va',
  name: 'Rina Wulandari',
  phone: '0813 5555 0101',
  username: 'rina.wulandari',
  portalPassword: 'portal-rina-2026',
  price: '150000',
  invoiceTotal: 'Rp 166.500',
  checkoutTotal: 'Rp 166.500',
  customerNumber: '',
  invoiceId: '',
  invoiceNumber: '',
  orderId: '',
};

/** Tripay BRIVA with the customer carrying Tripay's Rp 4.250 fee. */
const TRIPAY_PAYER: Payer = {
  gateway: 'tripay',
  channel: 'BRIVA',
  name: 'Agus Prasetyo',
  phone: '0813 5555 0202',
  username: 'agus.prasetyo',
  portalPassword: 'portal-agus-2026',
  price: '100000',
  invoiceTotal: 'Rp 111.000',
  checkoutTotal: 'Rp 115.250',
  customerNumber: '',
  invoiceId: '',
  invoiceNumber: '',
  orderId: '',
};

let routerSim: Simulator;
let router: RouterOSClient;
let midtrans: MidtransSimulator;
let tripay: TripaySimulator;
let browser: Browser;
let staff: Page;
let staffErrors: string[];
const portalErrors: string[] = [];

async function secret(name: string): Promise<Row | undefined> {
  return (await router.exec('/ppp/secret/print')).rows.find((row) => row.name === name);
}

/** Polls the simulated router until the secret is there with `disabled` as wanted; the time it took. */
async function waitForSecret(name: string, disabled: 'true' | 'false'): Promise<number> {
  const started = Date.now();
  let seen: string | undefined;
  // A plain loop: this also runs in beforeAll, where expect.poll is not available.
  while (Date.now() - started < ROUTER_MS) {
    seen = (await secret(name))?.disabled;
    if (seen === disabled) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`secret ${name}: disabled=${seen ?? '(missing)'} after ${ROUTER_MS} ms`);
}

/** Today in the server's time zone (APP_TIMEZONE defaults to Asia/Jakarta). */
function jakartaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
}

function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** A customer with a PPPoE subscription (no grace days) and one issued manual invoice due today. */
async function createPayer(
  owner: ApiSession,
  payer: Payer,
  ids: { routerId: string; planId: string },
): Promise<{ issueDate: string }> {
  const customer = await owner.call<{ id: string; number: string }>('POST', '/customers', {
    name: payer.name,
    phone: payer.phone,
    portalPassword: payer.portalPassword,
  });
  await owner.call('POST', '/subscriptions', {
    customerId: customer.id,
    planId: ids.planId,
    routerId: ids.routerId,
    username: payer.username,
    graceDays: 0,
  });
  const draft = await owner.call<{ id: string }>('POST', '/invoices', {
    customerId: customer.id,
    lines: [{ description: 'Internet Rumah 30M', unitAmount: payer.price }],
    dueDate: jakartaToday(),
  });
  const issued = await owner.call<{ id: string; number: string; issueDate: string }>(
    'POST',
    `/invoices/${draft.id}/issue`,
  );
  payer.customerNumber = customer.number;
  payer.invoiceId = issued.id;
  payer.invoiceNumber = issued.number;
  return { issueDate: issued.issueDate };
}

beforeAll(async () => {
  routerSim = await startSimulator({ user: ROUTER_USER, password: ROUTER_PASSWORD });
  router = new RouterOSClient({
    addresses: [{ host: routerSim.host, port: routerSim.port }],
    user: ROUTER_USER,
    password: ROUTER_PASSWORD,
  });
  // The gateways' own simulators, in this process: Jaring reaches their APIs, they POST their
  // notifications to the server's APP_URL, and the browser is sent to their payment pages.
  midtrans = await startMidtransSimulator({ serverKey: MIDTRANS_KEY });
  tripay = await startTripaySimulator({ ...TRIPAY });

  const owner = await ApiSession.login(OWNER_EMAIL, OWNER_PASSWORD);
  await owner.createUser(FINANCE);
  const { id: routerId } = await owner.call<{ id: string }>('POST', '/routers', {
    name: 'POP Online',
    addresses: [routerSim.host],
    port: routerSim.port,
    transport: 'api',
    username: ROUTER_USER,
    password: ROUTER_PASSWORD,
    // Isolation disables the PPPoE secret (instead of moving it to an isolation profile).
    isolationMode: 'disable',
    verify: true,
  });
  const { id: planId } = await owner.call<{ id: string }>('POST', '/plans', {
    name: 'Rumah 30M',
    type: 'pppoe',
    downloadKbps: 30_000,
    uploadKbps: 15_000,
    price: '150000',
    routerIds: [routerId],
  });
  let issueDate = '';
  for (const payer of [MIDTRANS_PAYER, TRIPAY_PAYER]) {
    ({ issueDate } = await createPayer(owner, payer, { routerId, planId }));
  }
  // Both services are up on the router before dunning runs.
  for (const payer of [MIDTRANS_PAYER, TRIPAY_PAYER]) await waitForSecret(payer.username, 'false');

  // Tomorrow's dunning pass: the invoices due today are overdue, and without grace days the
  // services are isolated (by dunning, so a payment lifts it).
  const run = await owner.call<{ isolated: number; preview: { username: string }[] }>(
    'POST',
    '/dunning/run',
    { asOf: nextDay(issueDate), dryRun: false },
  );
  expect(run.preview.map((p) => p.username)).toEqual(
    expect.arrayContaining([MIDTRANS_PAYER.username, TRIPAY_PAYER.username]),
  );
  for (const payer of [MIDTRANS_PAYER, TRIPAY_PAYER]) await waitForSecret(payer.username, 'true');

  browser = await launchBrowser();
  staff = await (await newContext(browser, DESKTOP)).newPage();
  staffErrors = watchForErrors(staff);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await router?.close();
  await routerSim?.close();
  await midtrans?.close();
  await tripay?.close();
});

/**
 * Errors worth failing for. Expected: the portal's signed-out probe (401) before its login, and
 * Chromium asking the gateway simulators for a /favicon.ico they do not serve (their pages are
 * stand-ins for Midtrans' and Tripay's, not Jaring's).
 */
function unexpected(errors: readonly string[]): string[] {
  const favicons = [midtrans.url, tripay.url].map((origin) => `[${origin}/favicon.ico]`);
  return errors.filter(
    (line) =>
      !/status of 401/.test(line) &&
      !(/status of 404/.test(line) && favicons.some((icon) => line.endsWith(icon))),
  );
}

/**
 * The customer signs in to the portal, sees the cut-off service, opens the overdue invoice,
 * pays it online through `payer`'s gateway page and comes back to Jaring's checkout page.
 */
async function payOnline(
  payer: Payer,
  payOnGatewayPage: (page: Page) => Promise<void>,
): Promise<void> {
  const portal = await (await newContext(browser, DESKTOP)).newPage();
  const errors = watchForErrors(portal);
  try {
    await portal.goto('/portal');
    await portal.locator('input[name="login"]').fill(payer.customerNumber);
    await portal.locator('input[name="password"]').fill(payer.portalPassword);
    await portal.locator('form button[type="submit"]').click();
    // The dashboard says why the service is off and offers the way back.
    await portal.locator(`[data-isolated="${payer.username}"]`).waitFor();
    await screenshot(portal, `desktop-portal-isolated-${payer.gateway}`);

    await portal.locator('a[href="/portal/invoices"]').first().click();
    const row = portal.locator(`tr[data-invoice="${payer.invoiceNumber}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(payer.invoiceTotal);
    await row.locator('a[href^="/portal/invoices/"]').first().click();
    await portal.locator(`[data-invoice-detail="${payer.invoiceNumber}"]`).waitFor();
    expect(await portal.locator('[data-amount="balance-due"]').textContent()).toContain(
      payer.invoiceTotal,
    );

    await portal.locator('button[data-action="pay"]').click();
    const chooser = portal.locator('[data-testid="channel-chooser"]');
    await chooser.waitFor();
    const channel = chooser.locator(`button[data-channel="${payer.gateway}:${payer.channel}"]`);
    expect(await channel.textContent()).toContain(payer.checkoutTotal);
    await screenshot(portal, `desktop-portal-chooser-${payer.gateway}`);
    const gatewayOrigin = payer.gateway === 'midtrans' ? midtrans.url : tripay.url;
    await channel.click();
    // The browser leaves Jaring for the gateway's payment page...
    await portal.waitForURL(`${gatewayOrigin}/**`);
    await screenshot(portal, `desktop-gateway-page-${payer.gateway}`);
    await payOnGatewayPage(portal);
    // ...and the gateway sends it back to the checkout page, which learns it was paid.
    await portal.waitForURL(`${BASE_URL}/portal/checkouts/**`);
    const checkout = portal.locator('[data-checkout-status="paid"]');
    await checkout.waitFor({ timeout: PAID_MS });
    // From here the router must follow: watch it while the customer looks around.
    const restored = waitForSecret(payer.username, 'false');
    restored.catch(() => undefined);
    const receipt = checkout.locator('[data-receipt-number]');
    await expect
      .poll(async () => ((await receipt.textContent()) ?? '').trim(), { timeout: PAID_MS })
      .toMatch(/^RCP-\d{4}-\d{6}$/);
    payer.orderId = (await checkout.getAttribute('data-checkout')) ?? '';
    expect(payer.orderId).toContain(payer.invoiceNumber);
    expect(await checkout.locator('[data-amount="total"]').textContent()).toContain(
      payer.checkoutTotal,
    );
    await screenshot(portal, `desktop-portal-checkout-paid-${payer.gateway}`);

    // The invoice is paid in full.
    await portal.locator('a[data-action="back-to-invoices"]').click();
    const paidRow = portal.locator(`tr[data-invoice="${payer.invoiceNumber}"]`);
    await expect.poll(async () => (await paidRow.textContent()) ?? '').toContain('Lunas');
    await paidRow.locator('a[href^="/portal/invoices/"]').first().click();
    await portal.locator(`[data-invoice-detail="${payer.invoiceNumber}"]`).waitFor();
    expect(await portal.locator('[data-amount="balance-due"]').textContent()).toContain('Rp 0');
    expect(await portal.locator('button[data-action="pay"]').count()).toBe(0);
    await screenshot(portal, `desktop-portal-invoice-paid-${payer.gateway}`);

    // The service is back on the router, and the portal no longer says it is cut off.
    const restoredIn = await restored;
    console.log(`e2e: ${payer.gateway}: router secret re-enabled ${restoredIn} ms after paid`);
    await portal.locator('a[href="/portal"]').first().click();
    await portal.locator(`[data-subscription="${payer.username}"]`).waitFor();
    await expect.poll(() => portal.locator('[data-isolated]').count()).toBe(0);
  } finally {
    portalErrors.push(...errors);
    await portal.context().close();
  }
}

describe('online payments: a cut-off customer pays through Midtrans and Tripay', () => {
  test('finance connects both gateways to their simulators on the settings page', async () => {
    await login(staff, FINANCE.email, FINANCE.password);
    await navigate(staff, '/settings/payment-gateways');
    expect(await heading(staff)).toBe('Gateway pembayaran');

    // Midtrans: the server key, the simulator as the API address, one channel, fee on us.
    const m = staff.locator('main form[name="gateway-midtrans"]');
    await m.locator('input[name="serverKey"]').waitFor();
    expect(await m.locator('[data-webhook-url]').textContent()).toBe(
      `${BASE_URL}/api/v1/webhooks/midtrans`,
    );
    await m.locator('input[name="enabled"]').check();
    await m.locator('select[name="feeBearer"]').selectOption('operator');
    await m.locator('input[name="serverKey"]').fill(MIDTRANS_KEY);
    await m.locator('input[name="channel.bca_va"]').check();
    await m.locator('input[name="channel.other_qris"]').check();
    await m.locator('details summary').click();
    await m.locator('input[name="apiBaseUrl"]').fill(midtrans.url);
    await m.locator('button[type="submit"]').click();
    await m.getByText('Pengaturan gateway tersimpan.').waitFor();
    await m.locator('[data-ready="ready"]').waitFor();
    await screenshot(staff, 'desktop-gateway-settings-midtrans');

    // Tripay lists its channels from its own API: save the keys first, then pick channels.
    const t = staff.locator('main form[name="gateway-tripay"]');
    expect(await t.locator('[data-webhook-url]').textContent()).toBe(
      `${BASE_URL}/api/v1/webhooks/tripay`,
    );
    await t.locator('input[name="merchantCode"]').fill(TRIPAY.merchantCode);
    await t.locator('input[name="apiKey"]').fill(TRIPAY.apiKey);
    await t.locator('input[name="privateKey"]').fill(TRIPAY.privateKey);
    await t.locator('details summary').click();
    await t.locator('input[name="apiBaseUrl"]').fill(tripay.baseUrl);
    await t.locator('button[type="submit"]').click();
    await t.getByText('Pengaturan gateway tersimpan.').waitFor();
    const briva = t.locator('input[name="channel.BRIVA"]');
    await briva.waitFor();
    await t.locator('input[name="enabled"]').check();
    await briva.check();
    await t.locator('input[name="channel.QRIS"]').check();
    await t.locator('button[type="submit"]').click();
    await t.locator('[data-ready="ready"]').waitFor();
    await screenshot(staff, 'desktop-gateway-settings-tripay');

    // What was saved is what the page shows after a reload; keys are write-only.
    await staff.reload();
    await staff.locator('main form[name="gateway-tripay"] [data-ready="ready"]').waitFor();
    await staff.locator('main form[name="gateway-midtrans"] [data-ready="ready"]').waitFor();
    expect(await m.locator('input[name="serverKey"]').inputValue()).toBe('');
    expect(await m.locator('input[name="channel.bca_va"]').isChecked()).toBe(true);
    expect(await t.locator('input[name="channel.BRIVA"]').isChecked()).toBe(true);
    expect(await t.locator('input[name="apiBaseUrl"]').inputValue()).toBe(tripay.baseUrl);
  });

  test('pays the overdue invoice on the Midtrans payment page and gets the service back', async () => {
    await payOnline(MIDTRANS_PAYER, async (page) => {
      expect(await page.title()).toBe('Midtrans Simulator');
      expect(await page.locator('#order-id').textContent()).toContain(MIDTRANS_PAYER.invoiceNumber);
      await page.getByRole('button', { name: 'Pay', exact: true }).click();
    });
  }, 120_000);

  test('pays the overdue invoice on the Tripay checkout page and gets the service back', async () => {
    await payOnline(TRIPAY_PAYER, async (page) => {
      expect(await page.locator('body').textContent()).toContain(TRIPAY_PAYER.invoiceNumber);
      await page.getByRole('button', { name: 'Pay', exact: true }).click();
    });
  }, 120_000);

  test('finance sees both payments, their events, and the review queue', async () => {
    await navigate(staff, '/payments/online');
    expect(await heading(staff)).toBe('Pembayaran online');
    for (const payer of [MIDTRANS_PAYER, TRIPAY_PAYER]) {
      const row = staff.locator(`main tr[data-transaction="${payer.orderId}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('paid');
      expect(await row.textContent()).toContain(payer.name);
      expect(await row.textContent()).toContain(payer.checkoutTotal);
    }
    await screenshot(staff, 'desktop-online-payments');

    // The Tripay payment: the signed callback was verified and the payment applied once.
    await staff
      .locator(`main tr[data-transaction="${TRIPAY_PAYER.orderId}"] a`, {
        hasText: TRIPAY_PAYER.orderId,
      })
      .click();
    await staff.waitForURL('**/payments/online/*');
    const detailPath = new URL(staff.url()).pathname;
    await staff.locator(`main[data-path="${detailPath}"] h1`).waitFor();
    // The page is titled with the order id once the transaction has loaded.
    await expect.poll(() => heading(staff)).toBe(TRIPAY_PAYER.orderId);
    const detail = staff.locator(`main [data-transaction="${TRIPAY_PAYER.orderId}"]`);
    await detail.waitFor();
    expect(await detail.getAttribute('data-status')).toBe('paid');
    expect(await detail.locator('a[data-payment-link]').textContent()).toMatch(/^RCP-\d{4}-\d{6}$/);
    const timeline = detail.locator('[data-testid="event-timeline"]');
    await timeline.locator('li[data-event="create"]').first().waitFor();
    const notifications = timeline.locator('li[data-event="notification"]');
    expect(await notifications.count()).toBeGreaterThan(0);
    expect(await notifications.locator('[data-verified="true"]').count()).toBe(
      await notifications.count(),
    );
    // Applied exactly once, whether the callback or the check on the way back got there first.
    expect(await timeline.locator('li[data-outcome="applied"]').count()).toBe(1);
    await screenshot(staff, 'desktop-online-payment-detail');

    // The Midtrans one has its verified notifications too.
    await staff.goBack();
    await staff
      .locator(`main tr[data-transaction="${MIDTRANS_PAYER.orderId}"] a`, {
        hasText: MIDTRANS_PAYER.orderId,
      })
      .click();
    const midtransDetail = staff.locator(`main [data-transaction="${MIDTRANS_PAYER.orderId}"]`);
    await midtransDetail.waitFor();
    const midtransEvents = midtransDetail.locator('[data-testid="event-timeline"]');
    await midtransEvents
      .locator('li[data-event="notification"] [data-verified="true"]')
      .first()
      .waitFor();
    expect(await midtransEvents.locator('li[data-outcome="applied"]').count()).toBe(1);

    // The review queue opens, and neither payment is waiting in it.
    await staff.goBack();
    await staff.locator('main [role="tab"][data-tab="review"]').click();
    await staff.waitForURL('**/payments/online?tab=review');
    const review = staff.locator('main [role="tabpanel"][data-panel="review"]');
    await review.waitFor();
    // Loaded: its table, or (nothing to review in this run) the empty state.
    await review
      .locator('table')
      .or(review.getByText('Tidak ada yang menunggu tinjauan'))
      .first()
      .waitFor();
    for (const payer of [MIDTRANS_PAYER, TRIPAY_PAYER]) {
      expect(await review.locator(`tr[data-transaction="${payer.orderId}"]`).count()).toBe(0);
    }
    await screenshot(staff, 'desktop-online-payments-review');
  });

  test('no script errors on any page', () => {
    const all = [...unexpected(staffErrors), ...unexpected(portalErrors)];
    expect(all, all.join('\n')).toEqual([]);
  });
});
