import { RouterOSClient, type Row } from '@jaring/routeros';
import { startSimulator, type Simulator } from '@jaring/routeros/sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

const ROUTER_USER = 'jaring';
const ROUTER_PASSWORD = 'router-rahasia-1';
const ROUTER_NAME = 'POP Cibubur';
const PLAN_NAME = 'Rumah 10M';
const PLAN_2_NAME = 'Rumah 20M';
const CUSTOMER_NAME = 'Budi Santoso';
const USERNAME = 'budi.santoso';
/** The worker reconciles within seconds; leave room for a slow CI machine. */
const CONVERGE_MS = 45_000;

let sim: Simulator;
let client: RouterOSClient;
let browser: Browser;
let page: Page;
let errors: string[];
let routerPath = '';
let customerPath = '';
let profileName = '';
let profile2Name = '';

async function secret(name: string): Promise<Row | undefined> {
  return (await client.exec('/ppp/secret/print')).rows.find((row) => row.name === name);
}

async function pageWidth(p: Page): Promise<number> {
  return Number(await p.evaluate('document.documentElement.scrollWidth'));
}

/** Waits until the subscription card shows this status and the router has caught up. */
async function waitForSubscription(status: string): Promise<void> {
  const card = page.locator(`article[data-subscription="${USERNAME}"]`);
  await card.locator(`[data-status="${status}"]`).waitFor({ timeout: CONVERGE_MS });
  await card.locator('[data-router-sync="synced"]').waitFor({ timeout: CONVERGE_MS });
}

async function confirmAction(action: string): Promise<void> {
  await page.locator(`article[data-subscription="${USERNAME}"] [data-action="${action}"]`).click();
  const dialog = openDialog(page);
  await dialog.waitFor();
  await screenshot(page, `desktop-subscription-confirm-${action}`);
  await dialog.locator('footer button').last().click();
  await dialog.waitFor({ state: 'detached' });
}

beforeAll(async () => {
  sim = await startSimulator({ user: ROUTER_USER, password: ROUTER_PASSWORD });
  client = new RouterOSClient({
    addresses: [{ host: sim.host, port: sim.port }],
    user: ROUTER_USER,
    password: ROUTER_PASSWORD,
  });
  browser = await launchBrowser();
  page = await (await newContext(browser, DESKTOP)).newPage();
  errors = watchForErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await client?.close();
  await sim?.close();
});

describe('owner provisions a subscriber on a simulated router', () => {
  test('adds a router after testing the connection', async () => {
    await login(page, OWNER_EMAIL, OWNER_PASSWORD);
    await navigate(page, '/routers');
    expect(await heading(page)).toBe('Router');
    await page.locator('main [role="status"]').first().waitFor({ state: 'detached' });
    await screenshot(page, 'desktop-routers-empty');

    await page.locator('main').getByRole('button', { name: 'Tambah router' }).click();
    const dialog = openDialog(page);
    await dialog.locator('input[name="name"]').fill(ROUTER_NAME);
    await dialog.locator('input[name="address-0"]').fill(sim.host);
    // The port follows the transport until the operator types one.
    expect(await dialog.locator('input[name="port"]').inputValue()).toBe('8728');
    await dialog.locator('select[name="transport"]').selectOption('api-ssl');
    expect(await dialog.locator('input[name="port"]').inputValue()).toBe('8729');
    await dialog.locator('select[name="transport"]').selectOption('api');
    await dialog.locator('input[name="port"]').fill(String(sim.port));
    await dialog.locator('input[name="username"]').fill(ROUTER_USER);
    await dialog.locator('input[name="latitude"]').fill('-6.3650');
    await dialog.locator('input[name="longitude"]').fill('106.8890');

    // A wrong password is reported clearly, before anything is saved.
    await dialog.locator('input[name="password"]').fill('salah');
    await dialog.getByRole('button', { name: 'Uji koneksi' }).click();
    await dialog.locator('[role="alert"]').waitFor();
    expect(await dialog.locator('[role="alert"]').textContent()).toContain('Router menolak');
    await screenshot(page, 'desktop-router-test-failed');

    await dialog.locator('input[name="password"]').fill(ROUTER_PASSWORD);
    await dialog.getByRole('button', { name: 'Uji koneksi' }).click();
    const result = dialog.locator('[data-testid="test-result"]');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/ms/);
    await screenshot(page, 'desktop-router-test-ok');

    await dialog.locator('button[type="submit"]').click();
    await page.waitForURL('**/routers/*');
    await expect.poll(() => heading(page)).toBe(ROUTER_NAME);
    routerPath = new URL(page.url()).pathname;
    await page.locator('main').getByText('Online').first().waitFor({ timeout: CONVERGE_MS });
    await screenshot(page, 'desktop-router-detail');
  });

  test('shows the drift report and the call log of the router', async () => {
    await page.locator('main').getByRole('button', { name: 'Tampilkan selisih' }).click();
    await page
      .locator('main table[aria-label="Selisih"], main [role="status"]:has-text("selisih")')
      .first()
      .waitFor();
    await page.locator('main').getByRole('button', { name: 'Sinkronkan sekarang' }).click();
    await page.locator('main').getByText('Sinkronisasi diantrekan').waitFor();
    await page.locator('main table[aria-label="Log panggilan"] tbody tr').first().waitFor({
      timeout: CONVERGE_MS,
    });
    await screenshot(page, 'desktop-router-drift');
  });

  test('adds a PPPoE plan carried by the router', async () => {
    await navigate(page, '/plans');
    expect(await heading(page)).toBe('Paket');
    await page.locator('main').getByRole('button', { name: 'Paket baru' }).click();
    const dialog = openDialog(page);
    await dialog.locator('input[name="name"]').fill(PLAN_NAME);
    await dialog.locator('input[name="download"]').fill('10');
    await dialog.locator('input[name="upload"]').fill('5');
    await dialog.locator('input[name="price"]').fill('150000');
    expect(await dialog.locator('input[name="price"]').inputValue()).toBe('Rp 150.000');
    expect(await dialog.locator('[data-testid="rate-limit-preview"]').textContent()).toBe('5M/10M');
    await dialog.locator('label', { hasText: ROUTER_NAME }).locator('input').check();
    await screenshot(page, 'desktop-plan-form');
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.locator(`main tr[data-plan="${PLAN_NAME}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Rp 150.000');
    expect(await row.locator('[data-testid="rate-limit"]').textContent()).toBe('5M/10M');
    profileName = ((await row.locator('[data-testid="profile-name"]').textContent()) ?? '').trim();
    expect(profileName).not.toBe('');

    // A faster plan on the same router, for the plan change later.
    await page.locator('main').getByRole('button', { name: 'Paket baru' }).click();
    await dialog.locator('input[name="name"]').fill(PLAN_2_NAME);
    await dialog.locator('input[name="download"]').fill('20');
    await dialog.locator('input[name="upload"]').fill('10');
    await dialog.locator('input[name="price"]').fill('250000');
    await dialog.locator('label', { hasText: ROUTER_NAME }).locator('input').check();
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached' });
    const row2 = page.locator(`main tr[data-plan="${PLAN_2_NAME}"]`);
    await row2.waitFor();
    profile2Name = (
      (await row2.locator('[data-testid="profile-name"]').textContent()) ?? ''
    ).trim();
    expect(profile2Name).not.toBe(profileName);
    await screenshot(page, 'desktop-plans');
  });

  test('adds a customer with a subscription and sees it active on the router', async () => {
    await navigate(page, '/customers');
    expect(await heading(page)).toBe('Pelanggan');
    await page.locator('main').getByRole('button', { name: 'Pelanggan baru' }).click();
    const dialog = openDialog(page);
    await dialog.locator('input[name="name"]').fill(CUSTOMER_NAME);
    await dialog.locator('input[name="phone"]').fill('0812 3456 7890');
    await dialog.locator('input[name="address"]').fill('Jl. Melati No. 5, Cibubur');
    await dialog.locator('input[name="nationalId"]').fill('3201234567890123');
    await dialog.locator('input[name="latitude"]').fill('-6.3702');
    await dialog.locator('input[name="longitude"]').fill('106.8955');
    await screenshot(page, 'desktop-customer-form');
    await dialog.locator('button[type="submit"]').click();
    await page.waitForURL('**/customers/*');
    await expect.poll(() => heading(page)).toBe(CUSTOMER_NAME);
    customerPath = new URL(page.url()).pathname;

    await page.locator('main').getByRole('button', { name: 'Tambah langganan' }).click();
    const sub = openDialog(page);
    await sub.locator('select[name="planId"]').selectOption({ label: `${PLAN_NAME} — Rp 150.000` });
    expect(await sub.locator('input[name="username"]').inputValue()).toBe(USERNAME);
    await sub.locator('input[name="password"]').fill('pppoe-rahasia');
    await screenshot(page, 'desktop-subscription-form');
    await sub.locator('button[type="submit"]').click();
    await sub.waitFor({ state: 'detached' });

    await waitForSubscription('active');
    await screenshot(page, 'desktop-customer-detail');

    await expect
      .poll(async () => (await secret(USERNAME))?.profile, { timeout: CONVERGE_MS })
      .toBe(profileName);
    expect((await secret(USERNAME))?.disabled).toBe('false');
  });

  test('isolates the subscription and restores it', async () => {
    await confirmAction('isolate');
    await waitForSubscription('isolated');
    await expect
      .poll(
        async () => {
          const row = await secret(USERNAME);
          return row?.profile === 'jaring-isolir' || row?.disabled === 'true';
        },
        { timeout: CONVERGE_MS },
      )
      .toBe(true);
    await screenshot(page, 'desktop-customer-isolated');

    await confirmAction('restore');
    await waitForSubscription('active');
    await expect
      .poll(async () => (await secret(USERNAME))?.profile, { timeout: CONVERGE_MS })
      .toBe(profileName);
    expect((await secret(USERNAME))?.disabled).toBe('false');

    await page.locator('main ol[aria-label="Linimasa"] li').first().waitFor();
    await screenshot(page, 'desktop-customer-restored');
  });

  test('changes the plan now and the router follows', async () => {
    await page
      .locator(`article[data-subscription="${USERNAME}"] [data-action="change-plan"]`)
      .click();
    const dialog = openDialog(page);
    await dialog.locator('select[name="planId"]').waitFor();
    await screenshot(page, 'desktop-subscription-change-plan');
    await dialog.locator('footer button').last().click();
    await dialog.waitFor({ state: 'detached' });
    const card = page.locator(`article[data-subscription="${USERNAME}"]`);
    await card.getByText(PLAN_2_NAME).waitFor();
    await card.locator('[data-router-sync="synced"]').waitFor({ timeout: CONVERGE_MS });
    await expect
      .poll(async () => (await secret(USERNAME))?.profile, { timeout: CONVERGE_MS })
      .toBe(profile2Name);
  });

  test('reveals the service credentials for the technician', async () => {
    await page
      .locator(`article[data-subscription="${USERNAME}"] [data-action="credentials"]`)
      .click();
    const dialog = openDialog(page);
    await dialog.getByRole('button', { name: 'Tampilkan kata sandi' }).click();
    await dialog.getByText('pppoe-rahasia').waitFor();
    await screenshot(page, 'desktop-subscription-credentials');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  test('shows drift when someone edits the secret on the router, and sync repairs it', async () => {
    const before = await secret(USERNAME);
    await client.exec({
      command: '/ppp/secret/set',
      attributes: { '.id': before?.['.id'] ?? '', disabled: 'true' },
    });
    await page.goto(routerPath);
    await page.locator('main').getByRole('button', { name: 'Tampilkan selisih' }).click();
    const rows = page.locator('main table[aria-label="Selisih"] tbody tr');
    await rows.first().waitFor();
    expect(await rows.first().textContent()).toContain(USERNAME);
    await screenshot(page, 'desktop-router-drift-changes');

    await page.locator('main').getByRole('button', { name: 'Sinkronkan sekarang' }).click();
    await expect
      .poll(async () => (await secret(USERNAME))?.disabled, { timeout: CONVERGE_MS })
      .toBe('false');
    await page.locator('main').getByRole('button', { name: 'Tampilkan selisih' }).click();
    await page.locator('main').getByText('tidak ada selisih').waitFor();
  });

  test('finds the customer through the search and shows the router list', async () => {
    await navigate(page, '/customers');
    await page.locator('main input[name="q"]').fill('budi');
    await page.locator('main tr[data-customer]').first().waitFor();
    expect(await page.locator('main tbody').textContent()).toContain(CUSTOMER_NAME);
    await screenshot(page, 'desktop-customers');

    await navigate(page, '/routers');
    const row = page.locator(`main tr[data-router="${ROUTER_NAME}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Online');
    await screenshot(page, 'desktop-routers');
    // Only the expected failures: the session check before login and the wrong router password.
    expect(errors.filter((e) => !/status of (401|422)/.test(e))).toEqual([]);
  });

  test('adds an ODP, attaches the customer, and shows the tree and the offline map', async () => {
    await navigate(page, '/topology');
    expect(await heading(page)).toBe('Topologi');
    await page.locator('main [role="tab"][data-view="odps"]').click();
    await page.locator('main').getByRole('button', { name: 'ODC/ODP baru' }).click();
    const dialog = openDialog(page);
    await dialog.locator('input[name="name"]').fill('ODP-CBB-01');
    await dialog.locator('input[name="latitude"]').fill('-6.3680');
    await dialog.locator('input[name="longitude"]').fill('106.8930');
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('main tbody').getByText('ODP-CBB-01').waitFor();
    await screenshot(page, 'desktop-topology-odps');

    // Attach the customer to port 3 of the new ODP.
    await page.goto(customerPath);
    await page.locator('main').getByRole('button', { name: 'Ubah', exact: true }).first().click();
    const edit = openDialog(page);
    await edit.locator('select[name="odpId"]').selectOption({ label: 'ODP-CBB-01 (0/16)' });
    await edit.locator('input[name="odpPort"]').fill('3');
    await edit.locator('button[type="submit"]').click();
    await edit.waitFor({ state: 'detached' });
    await page.locator('main').getByText('ODP-CBB-01 · port 3').waitFor();

    await navigate(page, '/topology');
    const tree = page.locator('main [data-testid="topology-tree"]');
    await tree.waitFor();
    // Customer names load when a router is opened; with more than three routers (earlier
    // journeys add theirs) the tree starts closed, so open this one by its chevron.
    const routerNode = tree.locator(`li[data-router="${ROUTER_NAME}"] > details`);
    if ((await routerNode.getAttribute('open')) === null) {
      await routerNode.locator('summary').click({ position: { x: 6, y: 8 } });
    }
    await expect.poll(async () => (await tree.textContent()) ?? '').toContain(CUSTOMER_NAME);
    expect(await tree.textContent()).toContain('ODP-CBB-01');
    expect(await tree.textContent()).toContain(ROUTER_NAME);
    await screenshot(page, 'desktop-topology-tree');

    await page.locator('main [role="tab"][data-view="map"]').click();
    const map = page.locator('main svg[data-testid="topology-map"]');
    await map.waitFor();
    for (const kind of ['router', 'odp', 'customer']) {
      expect(await map.locator(`g[data-kind="${kind}"]`).count(), kind).toBeGreaterThan(0);
    }
    await map.locator(`g[data-kind="customer"][data-name="${CUSTOMER_NAME}"]`).hover();
    expect(await map.textContent()).toContain(`Pelanggan · ${CUSTOMER_NAME}`);
    await screenshot(page, 'desktop-topology-map');
  });

  test('the new pages fit a 375 px phone', async () => {
    const phone = await (await newContext(browser, PHONE)).newPage();
    await login(phone, OWNER_EMAIL, OWNER_PASSWORD);
    const pages: [string, string][] = [
      ['/routers', 'phone-routers'],
      [routerPath, 'phone-router-detail'],
      ['/plans', 'phone-plans'],
      ['/customers', 'phone-customers'],
      [customerPath, 'phone-customer-detail'],
      ['/topology', 'phone-topology'],
      ['/topology?view=map', 'phone-topology-map'],
    ];
    for (const [path, name] of pages) {
      await phone.goto(path);
      await phone.locator('main h1').waitFor();
      await phone.locator('main [role="status"]').first().waitFor({ state: 'detached' });
      expect(await pageWidth(phone), path).toBeLessThanOrEqual(PHONE.width);
      await screenshot(phone, name);
    }
    await phone.context().close();
  });
});
