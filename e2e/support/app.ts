import type { Page } from 'playwright-core';

/** Signs in through the login form and waits for the dashboard. */
export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL('**/dashboard');
  await page.locator('main h1').waitFor();
}

/** Goes to a page through the sidebar (or the drawer on a phone) and waits for its heading. */
export async function navigate(page: Page, path: string): Promise<void> {
  const drawerButton = page.locator('button[aria-controls="nav-drawer"]');
  if (await drawerButton.isVisible()) {
    await drawerButton.click();
    await page.locator(`dialog#nav-drawer a[href="${path}"]`).click();
    await page.locator('dialog#nav-drawer').waitFor({ state: 'hidden' });
  } else {
    await page.locator(`aside a[href="${path}"]`).click();
  }
  await page.waitForURL(`**${path}`);
  // The URL changes before a suspending page commits; until then the old page (and its h1) stays.
  await page.locator(`main[data-path="${path}"] h1`).waitFor();
}

export async function navHrefs(page: Page): Promise<string[]> {
  const links = await page.locator('aside nav a').all();
  return Promise.all(links.map(async (link) => (await link.getAttribute('href')) ?? ''));
}

export async function logout(page: Page): Promise<void> {
  await page.locator('button[aria-controls="user-menu"]').click();
  await page.locator('#user-menu [role="menuitem"]').last().click();
  await page.waitForURL('**/login');
}

export async function heading(page: Page): Promise<string> {
  return (await page.locator('main h1').textContent())?.trim() ?? '';
}

/** The open modal dialog (native <dialog> opened with showModal). */
export function openDialog(page: Page): ReturnType<Page['locator']> {
  return page.locator('dialog[open]');
}
