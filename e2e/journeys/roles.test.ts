import { ROLE_ABILITIES } from '@jaring/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiSession, loginStatus } from '../support/api.ts';
import { heading, login, logout, navHrefs, navigate, openDialog } from '../support/app.ts';
import { DESKTOP, launchBrowser, newContext, screenshot } from '../support/browser.ts';
import { OWNER_EMAIL, OWNER_PASSWORD } from '../support/env.ts';

const TECHNICIAN = {
  email: 'teknisi@example.test',
  name: 'Teknisi Lapangan',
  password: 'tang-kabel-fiber-77',
  role: 'technician',
  locale: 'en',
} as const;

const LOCKED = {
  email: 'lupa@example.test',
  name: 'Pelupa Sandi',
  password: 'benar-sekali-2026',
  role: 'support',
  locale: 'id',
} as const;

let browser: Browser;
let owner: ApiSession;

async function freshPage(): Promise<Page> {
  const context = await newContext(browser, DESKTOP);
  return context.newPage();
}

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await ApiSession.login(OWNER_EMAIL, OWNER_PASSWORD);
  await owner.createUser(TECHNICIAN);
  await owner.createUser(LOCKED);
});

afterAll(async () => {
  await browser?.close();
});

describe('a technician', () => {
  test('sees neither Users nor Audit log, in the language saved on the account', async () => {
    const page = await freshPage();
    await login(page, TECHNICIAN.email, TECHNICIAN.password);
    await expect.poll(() => heading(page)).toBe('Dashboard');
    expect(await navHrefs(page)).toEqual([
      '/dashboard',
      '/customers',
      '/routers',
      '/plans',
      '/devices',
      '/monitoring',
      '/alerts',
      '/topology',
      '/settings/monitoring',
      '/tokens',
      '/sessions',
    ]);
    expect(await page.locator('main').textContent()).toContain('Technician');
    await screenshot(page, 'technician-dashboard');

    await page.goto('/users');
    await page.locator('main [role="alert"]').waitFor();
    expect(await page.locator('main').textContent()).toContain('You do not have access');
    await screenshot(page, 'technician-users-forbidden');

    await navigate(page, '/tokens');
    await page.getByRole('button', { name: 'New token' }).click();
    const boxes = openDialog(page).locator('input[type="checkbox"]');
    await boxes.first().waitFor();
    expect(await boxes.count()).toBe(ROLE_ABILITIES.technician.length);
    expect(await openDialog(page).locator('input[value="users:read"]').count()).toBe(0);
    await screenshot(page, 'technician-token-create');
    await openDialog(page).getByRole('button', { name: 'Close' }).click();

    await logout(page);
    await page.context().close();
  });
});

describe('sessions', () => {
  test('revoking a session from another browser sends that browser to the login page', async () => {
    const laptop = await freshPage();
    const phone = await freshPage();
    await login(laptop, TECHNICIAN.email, TECHNICIAN.password);
    await login(phone, TECHNICIAN.email, TECHNICIAN.password);

    await navigate(phone, '/sessions');
    const others = phone.locator('main tbody tr', { hasNotText: 'Current' });
    await expect.poll(() => phone.locator('main tbody tr').count()).toBeGreaterThanOrEqual(2);
    await screenshot(phone, 'technician-sessions');
    await others.first().getByRole('button', { name: 'Sign out' }).click();
    await openDialog(phone).getByRole('button', { name: 'Sign out' }).click();
    await openDialog(phone).waitFor({ state: 'detached' });

    // The laptop's next request is refused, and it lands on the login page.
    await laptop.locator('aside a[href="/tokens"]').click();
    await laptop.waitForURL('**/login?next=%2Ftokens');
    await laptop.locator('input[name="email"]').waitFor();
    await laptop.context().close();
    await phone.context().close();
  });
});

describe('a locked account', () => {
  test('shows the lockout with its retry time, and an owner can unlock it', async () => {
    // Wrong passwords until the account locks (401s, then 423 on the attempt that locks it).
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      statuses.push(await loginStatus(LOCKED.email, 'wrong-password-123'));
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect([401, 423]).toContain(statuses[4]);
    const page = await freshPage();
    await page.goto('/login');
    await page.locator('input[name="email"]').fill(LOCKED.email);
    await page.locator('input[name="password"]').fill(LOCKED.password);
    await page.locator('form button[type="submit"]').click();
    const alert = page.locator('form [role="alert"]');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Akun dikunci sementara');
    expect(text).toMatch(/dalam \d+ menit/);
    await screenshot(page, 'desktop-login-locked');

    await login(page, OWNER_EMAIL, OWNER_PASSWORD);
    await navigate(page, '/users');
    const row = page.locator('main tbody tr', { hasText: LOCKED.email });
    expect(await row.textContent()).toContain('Terkunci');
    await page.getByRole('button', { name: `Ubah ${LOCKED.name}` }).click();
    await screenshot(page, 'desktop-user-edit-locked');
    await openDialog(page).getByRole('button', { name: 'Buka kunci' }).click();
    await openDialog(page).waitFor({ state: 'detached' });
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('Aktif');

    expect(await loginStatus(LOCKED.email, LOCKED.password)).toBe(200);
    await page.context().close();
  });
});
