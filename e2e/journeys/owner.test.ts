import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiSession, meStatusWithToken } from '../support/api.ts';
import { heading, login, logout, navHrefs, navigate, openDialog } from '../support/app.ts';
import {
  DESKTOP,
  launchBrowser,
  newContext,
  screenshot,
  watchForErrors,
} from '../support/browser.ts';
import { OWNER_EMAIL, OWNER_PASSWORD } from '../support/env.ts';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newContext(browser, DESKTOP);
  page = await context.newPage();
  errors = watchForErrors(page);
});

afterAll(async () => {
  await browser?.close();
});

describe('owner on a desktop', () => {
  test('a wrong password shows the problem on the login page', async () => {
    await page.goto('/users');
    await page.waitForURL('**/login?next=%2Fusers');
    await screenshot(page, 'desktop-login');
    await page.locator('input[name="email"]').fill(OWNER_EMAIL);
    await page.locator('input[name="password"]').fill('definitely-not-the-password');
    await page.locator('form button[type="submit"]').click();
    const alert = page.locator('form [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Email atau kata sandi salah');
    await screenshot(page, 'desktop-login-error');
  });

  test('signs in and sees every section in Bahasa Indonesia by default', async () => {
    await login(page, OWNER_EMAIL, OWNER_PASSWORD);
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    expect(await heading(page)).toBe('Dasbor');
    expect(await page.locator('main').textContent()).toContain('Pemilik');
    expect(await navHrefs(page)).toEqual([
      '/dashboard',
      '/customers',
      '/invoices',
      '/payments',
      '/payments/online',
      '/reports',
      '/reports/business',
      '/routers',
      '/plans',
      '/devices',
      '/monitoring',
      '/alerts',
      '/topology',
      '/users',
      '/audit',
      '/settings/billing',
      '/settings/notifications',
      '/settings/monitoring',
      '/settings/acs-servers',
      '/settings/payment-gateways',
      '/tokens',
      '/sessions',
    ]);
    await screenshot(page, 'desktop-dashboard');
  });

  test('navigates to every page', async () => {
    const pages: [string, string][] = [
      ['/users', 'Pengguna'],
      ['/tokens', 'Token API'],
      ['/sessions', 'Sesi'],
      ['/audit', 'Log audit'],
      ['/dashboard', 'Dasbor'],
    ];
    for (const [path, title] of pages) {
      await navigate(page, path);
      await expect.poll(() => heading(page)).toBe(title);
      await page.locator('main [role="status"]').first().waitFor({ state: 'detached' });
      await screenshot(page, `desktop${path.replace('/', '-')}`);
    }
    await navigate(page, '/sessions');
    await expect.poll(() => page.locator('main tbody').textContent()).toContain('Saat ini');
  });

  test('creates a user, with client-side validation first', async () => {
    await navigate(page, '/users');
    await page.locator('main header, main').getByRole('button', { name: 'Pengguna baru' }).click();
    const dialog = openDialog(page);
    await dialog.waitFor();
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('input[name="email"][aria-invalid="true"]').waitFor();
    expect(await dialog.locator('input[name="password"]').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await screenshot(page, 'desktop-users-create-invalid');

    await dialog.locator('input[name="name"]').fill('Siti Rahma');
    await dialog.locator('input[name="email"]').fill('siti@example.test');
    await dialog.locator('input[name="password"]').fill('kuat-sekali-123');
    await dialog.locator('select[name="role"]').selectOption('finance');
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator('main tbody tr', { hasText: 'siti@example.test' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Keuangan');

    // The same email again: the server's problem is shown on the email field.
    await page.getByRole('button', { name: 'Pengguna baru' }).click();
    await dialog.waitFor();
    await dialog.locator('input[name="name"]').fill('Siti Lagi');
    await dialog.locator('input[name="email"]').fill('siti@example.test');
    await dialog.locator('input[name="password"]').fill('kuat-sekali-123');
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('input[name="email"][aria-invalid="true"]').waitFor();
    expect(await dialog.textContent()).toContain('sudah dipakai');
    await dialog.getByRole('button', { name: 'Tutup' }).click();
    await dialog.waitFor({ state: 'detached' });
    await screenshot(page, 'desktop-users-after-create');
  });

  test('searches and edits a user', async () => {
    await page.locator('main input[type="search"]').fill('siti');
    await page.locator('main tbody tr').first().waitFor();
    await expect.poll(() => page.locator('main tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Ubah Siti Rahma' }).click();
    const dialog = openDialog(page);
    await dialog.locator('input[name="name"]').fill('Siti Rahmawati');
    await dialog.locator('form button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator('main tbody tr', { hasText: 'Siti Rahmawati' });
    await row.waitFor();

    // Disable, then enable again.
    await page.getByRole('button', { name: 'Ubah Siti Rahmawati' }).click();
    await dialog.getByRole('button', { name: 'Nonaktifkan akun' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('Nonaktif');
    await page.getByRole('button', { name: 'Ubah Siti Rahmawati' }).click();
    await dialog.getByRole('button', { name: 'Aktifkan akun' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('Aktif');
    await page.locator('main input[type="search"]').fill('');
  });

  test('deletes a user after confirmation', async () => {
    const api = await ApiSession.login(OWNER_EMAIL, OWNER_PASSWORD);
    await api.createUser({
      email: 'sementara@example.test',
      name: 'Akun Sementara',
      password: 'sementara-saja-1',
      role: 'support',
      locale: 'id',
    });
    await page.reload();
    const row = page.locator('main tbody tr', { hasText: 'sementara@example.test' });
    await row.waitFor();
    await page.getByRole('button', { name: 'Hapus Akun Sementara' }).click();
    const dialog = openDialog(page);
    expect(await dialog.textContent()).toContain('tidak dapat dibatalkan');
    await screenshot(page, 'desktop-users-delete-confirm');
    await dialog.getByRole('button', { name: 'Hapus' }).click();
    await row.waitFor({ state: 'detached' });
  });

  test('creates an API token, shows it once, and revokes it', async () => {
    await navigate(page, '/tokens');
    await page.getByRole('button', { name: 'Token baru' }).click();
    const dialog = openDialog(page);
    await dialog.locator('input[name="name"]').fill('Skrip monitoring');
    await dialog.locator('input[type="checkbox"][value="profile:read"]').check();
    await dialog.locator('input[type="checkbox"][value="routers:read"]').check();
    await dialog.locator('button[type="submit"]').click();
    const plain = dialog.locator('[data-testid="plain-token"]');
    await plain.waitFor();
    const token = (await plain.textContent())?.trim() ?? '';
    expect(token.length).toBeGreaterThan(20);
    expect(await dialog.textContent()).toContain('hanya ditampilkan sekali');
    await screenshot(page, 'desktop-token-created');
    expect(await meStatusWithToken(token)).toBe(200);

    await dialog.getByRole('button', { name: 'Sudah saya salin' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator('main tbody tr', { hasText: 'Skrip monitoring' });
    await row.waitFor();
    expect(await page.locator('main').textContent()).not.toContain(token);
    await screenshot(page, 'desktop-tokens-list');

    await page.getByRole('button', { name: 'Cabut Skrip monitoring' }).click();
    await openDialog(page).getByRole('button', { name: 'Cabut' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await meStatusWithToken(token)).toBe(401);
  });

  test('shows the audit trail with an expandable before/after diff', async () => {
    await navigate(page, '/audit');
    await expect
      .poll(async () => (await page.locator('main tbody').textContent()) ?? '')
      .toContain('token.revoked');
    // The oldest update of the user is the rename; later ones toggled the account.
    const updated = page.locator('main tbody tr', { hasText: 'user.updated' }).last();
    await updated.locator('button[aria-expanded]').click();
    const diff = page.locator('main table[aria-label="Perubahan"]');
    await diff.waitFor();
    const nameRow = diff.locator('tr', { hasText: 'name' }).first();
    expect(await nameRow.textContent()).toContain('"Siti Rahma"');
    expect(await nameRow.textContent()).toContain('"Siti Rahmawati"');
    await screenshot(page, 'desktop-audit-expanded');

    await page.locator('main input').first().fill('token.created');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect
      .poll(async () => (await page.locator('main tbody').textContent()) ?? '')
      .not.toContain('user.created');
    expect(await page.locator('main tbody').textContent()).toContain('token.created');
  });

  test('switches the language to English and back, saved to the profile', async () => {
    await navigate(page, '/users');
    expect(await page.locator('aside a[href="/users"]').textContent()).toBe('Pengguna');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH',
    );
    await page.locator('header [role="group"] button[data-value="en"]').click();
    expect((await saved).status()).toBe(200);
    await expect.poll(() => page.locator('aside a[href="/users"]').textContent()).toBe('Users');
    expect(await heading(page)).toBe('Users');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'desktop-users-en');

    // The choice is stored on the account: a reload keeps English.
    await page.reload();
    await page.locator('main h1').waitFor();
    expect(await heading(page)).toBe('Users');

    await page.locator('header [role="group"] button[data-value="id"]').click();
    await expect.poll(() => heading(page)).toBe('Pengguna');
  });

  test('toggles the dark theme and keeps it after a reload', async () => {
    await page.locator('header button[data-value="dark"]').click();
    expect(await page.locator('html').getAttribute('class')).toContain('dark');
    await screenshot(page, 'desktop-users-dark');
    await page.reload();
    await page.locator('main h1').waitFor();
    expect(await page.locator('html').getAttribute('class')).toContain('dark');
    await navigate(page, '/dashboard');
    await screenshot(page, 'desktop-dashboard-dark');
    await page.locator('header button[data-value="light"]').click();
    expect((await page.locator('html').getAttribute('class')) ?? '').not.toContain('dark');
  });

  test('edits the profile name from the user menu', async () => {
    await page.locator('button[aria-controls="user-menu"]').click();
    await page.locator('#user-menu [role="menuitem"]').first().click();
    const dialog = openDialog(page);
    await dialog.locator('input[name="name"]').fill('Budi Pemilik');
    await screenshot(page, 'desktop-profile');
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached' });
    // The welcome card comes first; the online payments card below has a heading of its own.
    await expect.poll(() => page.locator('main h2').first().textContent()).toBe('Budi Pemilik');
  });

  test('logs out and is sent back to the login page', async () => {
    await logout(page);
    expect(new URL(page.url()).search).toBe('');
    await page.goto('/dashboard');
    await page.waitForURL('**/login');
    await page.locator('input[name="email"]').waitFor();
  });

  test('no script errors along the way', () => {
    // The wrong password (401) and the duplicate email (409) are logged by the browser as failed
    // requests; nothing else is expected.
    const unexpected = errors.filter((line) => !/status of (401|409)/.test(line));
    expect(unexpected, unexpected.join('\n')).toEqual([]);
  });
});
