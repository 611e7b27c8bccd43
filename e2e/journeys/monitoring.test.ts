import type { MonitoringSettings } from '@jaring/contracts';
import { RouterOSClient } from '@jaring/routeros';
import { startSimulator, type Simulator } from '@jaring/routeros/sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiSession, createSubscriber, type BillingFixture } from '../support/api.ts';
import { login, navigate } from '../support/app.ts';
import {
  DESKTOP,
  launchBrowser,
  newContext,
  screenshot,
  watchForErrors,
} from '../support/browser.ts';
import { OWNER_EMAIL, OWNER_PASSWORD } from '../support/env.ts';

const ROUTER = { name: 'POP Sentul', username: 'jaring', password: 'router-monitor-1' };
const USERNAME = 'wahyu.monitor';
/** Down is seen at the next health poll (10 s) and pushed live; up again once the pool's breaker lets a poll through. */
const DOWN_MS = 40_000;
const UP_MS = 60_000;

let sim: Simulator;
let routerClient: RouterOSClient;
let owner: ApiSession;
let fixture: BillingFixture;
let browser: Browser;
let page: Page;
let errors: string[];

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  sim = await startSimulator({ user: ROUTER.username, password: ROUTER.password });
  routerClient = new RouterOSClient({
    addresses: [{ host: sim.host, port: sim.port }],
    user: ROUTER.username,
    password: ROUTER.password,
  });
  owner = await ApiSession.login(OWNER_EMAIL, OWNER_PASSWORD);
  fixture = await createSubscriber(owner, {
    router: { ...ROUTER, host: sim.host, port: sim.port },
    plan: { name: 'Rumah 20M Monitor', price: '175000', downloadKbps: 20_000, uploadKbps: 10_000 },
    customer: { name: 'Wahyu Hidayat', phone: '0812 7777 0303', portalPassword: 'portal-wahyu-26' },
    username: USERNAME,
  });
  // The reconciler puts the secret on the router and the subscriber dials in.
  await until(async () => {
    const active = await routerClient.exec('/ppp/active/print');
    return active.rows.some((r) => r['name'] === USERNAME);
  }, 30_000);
  const settings = await owner.call<MonitoringSettings>('GET', '/monitoring/settings');
  settings.rules.routerDown.forMinutes = 0;
  settings.clearMinutes = 0;
  await owner.call('PUT', '/monitoring/settings', settings);
  await owner.call('PATCH', `/monitoring/routers/${fixture.routerId}`, { healthIntervalS: 10 });
  // Two polls a moment apart: the first takes the counters' baseline, the second counts traffic.
  await owner.call('POST', `/monitoring/routers/${fixture.routerId}/poll`);
  await new Promise((r) => setTimeout(r, 1500));
  await owner.call('POST', `/monitoring/routers/${fixture.routerId}/poll`);

  browser = await launchBrowser();
  const context = await newContext(browser, DESKTOP);
  page = await context.newPage();
  await login(page, OWNER_EMAIL, OWNER_PASSWORD);
  errors = watchForErrors(page);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await routerClient?.close();
  await sim?.setFaults({ refuse: false });
  await sim?.close();
});

describe('network monitoring', () => {
  test('the dashboard shows a router going down and coming back, live', async () => {
    await navigate(page, '/monitoring');
    const status = page.getByTestId(`router-status-${fixture.routerId}`).first();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('up');
    // Marks this page load: a reload would lose it.
    await page.evaluate(() => {
      (globalThis as unknown as { journeyMark: number }).journeyMark = 1;
    });

    await sim.setFaults({ refuse: true });
    sim.dropConnections();
    const alert = page.getByTestId('live-alert').filter({ hasText: ROUTER.name });
    await expect.poll(() => alert.count(), { timeout: DOWN_MS }).toBeGreaterThan(0);
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('down');
    await screenshot(page, 'monitoring-router-down');

    await sim.setFaults({ refuse: false });
    await expect.poll(() => status.textContent(), { timeout: UP_MS }).toBe('up');
    expect(
      await page.evaluate(() => (globalThis as unknown as { journeyMark?: number }).journeyMark),
    ).toBe(1);
    const alerts = await owner.call<{ data: { rule: string; status: string; routerId: string }[] }>(
      'GET',
      `/alerts?status=all&routerId=${fixture.routerId}`,
    );
    expect(alerts.data.filter((a) => a.rule === 'router_down')).toEqual([
      expect.objectContaining({ status: 'resolved' }),
    ]);
    await screenshot(page, 'monitoring-router-back');
  }, 150_000);

  test("the customer page charts the subscriber's traffic", async () => {
    await page.goto(`/customers/${fixture.customerId}`);
    await page.locator(`main[data-path="/customers/${fixture.customerId}"] h1`).waitFor();
    const chart = page.getByTestId('subscriber-traffic-chart').first();
    await expect
      .poll(async () => Number((await chart.getAttribute('data-points')) ?? 0), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    const traffic = await owner.call<{ points: { down: number }[] }>(
      'GET',
      `/monitoring/subscriptions/${fixture.subscriptionId}/traffic?range=24h`,
    );
    expect(traffic.points.reduce((s, p) => s + p.down, 0)).toBeGreaterThan(0);
    await screenshot(page, 'monitoring-subscriber-chart');
    expect(errors).toEqual([]);
  }, 60_000);
});
