import type { Router } from '@jaring/contracts';
import { startSimulator, type Simulator } from '@jaring/routeros/sim';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { heading, login } from '../support/app.ts';
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
const ROUTER_PASSWORD = 'pw';
const ROUTER_NAME = 'POP Cileungsi';
/** `seed: 30` generates 30 PPPoE secrets on four profiles (and a few hotspot vouchers). */
const SECRETS = 30;

let sim: Simulator;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let routerId = '';

/**
 * Registers the simulator as a router through the API with the browser's owner session (one
 * sign-in for the whole journey: the login rate limit is shared by every journey).
 */
async function createRouter(context: BrowserContext): Promise<Router> {
  const me = await context.request.get('/api/v1/me');
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await context.request.post('/api/v1/routers', {
    headers: { 'x-csrf-token': csrfToken },
    data: {
      name: ROUTER_NAME,
      addresses: [sim.host],
      port: sim.port,
      username: ROUTER_USER,
      password: ROUTER_PASSWORD,
    },
  });
  if (response.status() !== 201) {
    throw new Error(`create router failed: ${response.status()} ${await response.text()}`);
  }
  return (await response.json()) as Router;
}

async function count(p: Page, key: string): Promise<string> {
  return ((await p.locator(`main [data-count="${key}"]`).textContent()) ?? '').trim();
}

async function pageWidth(p: Page): Promise<number> {
  return Number(await p.evaluate('document.documentElement.scrollWidth'));
}

beforeAll(async () => {
  sim = await startSimulator({ user: ROUTER_USER, password: ROUTER_PASSWORD, seed: SECRETS });
  browser = await launchBrowser();
  context = await newContext(browser, DESKTOP);
  page = await context.newPage();
  errors = watchForErrors(page);
  await login(page, OWNER_EMAIL, OWNER_PASSWORD);
  routerId = (await createRouter(context)).id;
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

describe('owner adopts a router that already serves customers', () => {
  test('opens the import wizard from the router and previews what it will import', async () => {
    await page.goto(`/routers/${routerId}`);
    await expect.poll(() => heading(page)).toBe(ROUTER_NAME);
    await page.locator('main a[data-action="import"]').click();
    await page.waitForURL(`**/routers/${routerId}/import`);
    await expect.poll(() => heading(page)).toBe('Impor dari router');

    await page.locator('main [data-count="found"]').waitFor();
    expect(await count(page, 'importable')).toBe(String(SECRETS));
    expect(Number(await count(page, 'found'))).toBeGreaterThanOrEqual(SECRETS);
    for (const profile of ['home-10M', 'home-20M', 'home-50M', 'biz-100M']) {
      expect(
        await page.locator(`main tr[data-profile="${profile}"]`).getAttribute('data-outcome'),
      ).toBe('new');
    }
    expect(await page.locator('main tr[data-user]').count()).toBeGreaterThan(0);
    await screenshot(page, 'desktop-router-import-preview');

    // Only the skipped users, each with its reason.
    await page.locator('main input[name="skipped-only"]').check();
    const skipped = page.locator('main tr[data-user]');
    const skippedCount = await skipped.count();
    expect(skippedCount).toBe(Number(await count(page, 'skipped')));
    expect(await page.locator('main tr[data-user][data-action="import"]').count()).toBe(0);
    // Reasons are shown in the operator's language.
    expect(await skipped.first().textContent()).toContain('tidak bisa diimpor');
    await page.locator('main input[name="skipped-only"]').uncheck();
  });

  test('asks for prices of the new plans, then confirms and runs the import', async () => {
    const price = page.locator('main input[name="price:home-10M"]');
    await price.fill('150000');
    expect(await price.inputValue()).toBe('Rp 150.000');

    // Three new plans have no price yet and there is no default price.
    await page.locator('main button[data-action="next"]').click();
    await page.getByText('Isi harga setiap paket baru, atau isi harga default.').waitFor();

    await page.locator('main input[name="defaultPrice"]').fill('Rp 200.000');
    expect(await page.locator('main input[name="defaultPrice"]').inputValue()).toBe('Rp 200.000');
    await page.locator('main input[name="taxPercent"]').fill('11');
    await page.locator('main button[data-action="next"]').click();

    await page.locator('main [data-step="confirm"][aria-current="step"]').waitFor();
    const home10 = page.locator('main tr[data-profile="home-10M"]');
    expect(await home10.textContent()).toContain('Rp 150.000');
    expect(await page.locator('main tr[data-profile="biz-100M"]').textContent()).toContain(
      'Rp 200.000',
    );
    await screenshot(page, 'desktop-router-import-confirm');

    await page.locator('main button[data-action="run"]').click();
    await page.locator('main [data-import-result="done"]').waitFor({ timeout: 30_000 });
    expect(await count(page, 'plans')).toBe('4');
    expect(await count(page, 'customers')).toBe(String(SECRETS));
    expect(await count(page, 'subscriptions')).toBe(String(SECRETS));
    await screenshot(page, 'desktop-router-import-result');
  });

  test('the imported customers are in the customer list', async () => {
    await page.locator('main a[data-link="customers"]').click();
    await page.waitForURL('**/customers');
    await expect.poll(() => heading(page)).toBe('Pelanggan');
    await page.locator('main input[name="q"]').fill('customer 7');
    await page.locator('main tr[data-customer]', { hasText: 'customer 7' }).first().waitFor();
    await screenshot(page, 'desktop-customers-imported');
    // The login page's session probe answers 401 before signing in.
    expect(errors.filter((line) => !/status of 401/.test(line))).toEqual([]);
  });

  test('on a phone, a second import finds nothing new and fits the screen', async () => {
    const phoneContext = await newContext(browser, PHONE);
    await phoneContext.addCookies(await context.cookies());
    const phone = await phoneContext.newPage();
    const phoneErrors = watchForErrors(phone);
    await phone.goto(`/routers/${routerId}/import`);
    await phone.locator('main [data-count="found"]').waitFor();
    expect(await count(phone, 'importable')).toBe('0');
    expect(await phone.locator('main button[data-action="next"]').isDisabled()).toBe(true);
    // Taken by the import, and once the reconciler has adopted it, managed by Jaring.
    expect(await phone.locator('main tr[data-user="cust00001"]').textContent()).toMatch(
      /Username ini sudah dipakai langganan Jaring|Sudah dikelola Jaring/,
    );
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone, 'phone-router-import');
    expect(phoneErrors).toEqual([]);
  });
});
