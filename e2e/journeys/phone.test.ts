import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { heading, login, logout, navigate } from '../support/app.ts';
import { PHONE, launchBrowser, newContext, screenshot } from '../support/browser.ts';
import { OWNER_EMAIL, OWNER_PASSWORD } from '../support/env.ts';

let browser: Browser;
let page: Page;

async function pageWidth(): Promise<number> {
  return Number(await page.evaluate('document.documentElement.scrollWidth'));
}

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await newContext(browser, PHONE)).newPage();
});

afterAll(async () => {
  await browser?.close();
});

describe('owner on a 375 px phone', () => {
  test('the login page fits the screen', async () => {
    await page.goto('/login');
    await page.locator('input[name="email"]').waitFor();
    expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-login');
  });

  test('every page is reachable through the drawer and fits without sideways scrolling', async () => {
    await login(page, OWNER_EMAIL, OWNER_PASSWORD);
    expect(await page.locator('aside').isVisible()).toBe(false);
    await screenshot(page, 'phone-dashboard');

    await page.locator('button[aria-controls="nav-drawer"]').click();
    await page.locator('dialog#nav-drawer a[href="/users"]').waitFor();
    await screenshot(page, 'phone-nav-drawer');
    await page.keyboard.press('Escape');
    await page.locator('dialog#nav-drawer').waitFor({ state: 'hidden' });

    const pages: [string, string][] = [
      ['/users', 'Pengguna'],
      ['/tokens', 'Token API'],
      ['/sessions', 'Sesi'],
      ['/audit', 'Log audit'],
    ];
    for (const [path, title] of pages) {
      await navigate(page, path);
      await expect.poll(() => heading(page)).toBe(title);
      await page.locator('main [role="status"]').first().waitFor({ state: 'detached' });
      expect(await pageWidth(), path).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, `phone${path.replace('/', '-')}`);
    }
  });

  test('dialogs and the user menu fit the phone', async () => {
    await navigate(page, '/users');
    await page.getByRole('button', { name: 'Pengguna baru' }).click();
    await page.locator('dialog[open] input[name="name"]').waitFor();
    await screenshot(page, 'phone-users-create');
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });

    await page.locator('button[aria-controls="user-menu"]').click();
    await page.locator('#user-menu').waitFor();
    await screenshot(page, 'phone-user-menu');
    await page.keyboard.press('Escape');
  });

  test('dark theme and logout on the phone', async () => {
    await page.locator('header button[data-value="dark"]').click();
    await navigate(page, '/dashboard');
    await screenshot(page, 'phone-dashboard-dark');
    await page.locator('header button[data-value="system"]').click();
    await logout(page);
  });
});
