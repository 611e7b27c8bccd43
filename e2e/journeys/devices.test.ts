import type { AcsServer, Device, DeviceDetail, DeviceTask, Page } from '@jaring/contracts';
import { buildDeviceId, readParam, type DeviceDocument } from '@jaring/genieacs';
import { MODELS, startNbiSimulator, type NbiSimulator } from '@jaring/genieacs/sim';
import { startSimulator, type Simulator } from '@jaring/routeros/sim';
import type { Browser, Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiSession, createSubscriber, type BillingFixture } from '../support/api.ts';
import { login, openDialog } from '../support/app.ts';
import {
  DESKTOP,
  PHONE,
  launchBrowser,
  newContext,
  screenshot,
  watchForErrors,
} from '../support/browser.ts';
import { OWNER_EMAIL, OWNER_PASSWORD } from '../support/env.ts';

const ROUTER = { name: 'POP Cibinong', username: 'jaring', password: 'router-ont-1' };
const CUSTOMER = {
  name: 'Sari Kusumawati',
  phone: '0812 8888 0404',
  portalPassword: 'portal-sari-2026',
  username: 'sari.kusuma',
};
/** A neighbour on the same router with her own ONT: Sari's portal must not show it. */
const NEIGHBOUR = { name: 'Joko Santoso', phone: '0812 8888 0505', username: 'joko.santoso' };
const TECHNICIAN = {
  email: 'teknisi.ont@example.test',
  name: 'Bayu Teknisi',
  password: 'ganti-modem-fiber-88',
  role: 'technician',
  locale: 'id',
} as const;

/** Sari's Huawei HG8245H (TR-098, one 2.4 GHz network) and Joko's ZTE F660. */
const ONT = {
  serial: '48575443E2E0A001',
  model: 'HG8245H',
  pppoeUsername: CUSTOMER.username,
  ssid: 'HUAWEI-Sari',
  rxPowerDbm: -19.4,
  hosts: 3,
} as const;
const NEIGHBOUR_ONT = {
  serial: 'ZTEGE2E0A002',
  model: 'F660',
  pppoeUsername: NEIGHBOUR.username,
  rxPowerDbm: -20.1,
} as const;
const ACS_ID = buildDeviceId(MODELS.HG8245H.oui, MODELS.HG8245H.productClass, ONT.serial);

const WIFI = 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1';
/** Huawei keeps the WPA passphrase here (Jaring writes the vendor's path). */
const PASSPHRASE = `${WIFI}.PreSharedKey.1.KeyPassphrase`;
const UPTIME = 'InternetGatewayDevice.DeviceInfo.UpTime';

/** The first change: the ONT is online, so it is applied within the request. */
const FIRST = { ssid: 'Rumah Sari', password: 'Kopi-Susu-Gula-Aren-7' };
/** The second: the ONT is off, so it waits at the ACS for the device's next session. */
const SECOND = { ssid: 'Rumah Sari Lt2', password: 'Teh-Manis-Es-Batu-42' };
/** Sync, match and a task checked after an inform: the job queue polls every 2 s. */
const SETTLE_MS = 30_000;

let routerSim: Simulator;
let acs: NbiSimulator;
let owner: ApiSession;
let fixture: BillingFixture;
let acsServerId: string;
let deviceId: string;
let customerNumber: string;
let browser: Browser;
const problems: string[] = [];

async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  // A plain loop: this also runs in beforeAll, where expect.poll is not available.
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not reached in ${timeoutMs} ms; last ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function simDocument(): DeviceDocument {
  return acs.state(ACS_ID).document as DeviceDocument;
}

async function device(): Promise<DeviceDetail> {
  return owner.call<DeviceDetail>('GET', `/devices/${deviceId}`);
}

/**
 * Errors worth failing for. Expected: the signed-out probe of who is signed in (`/me`, 401) that
 * the staff app and the portal make before their login forms.
 */
function unexpected(errors: readonly string[]): string[] {
  return errors.filter((line) => !/status of 401 .*\/api\/v1\/(portal\/)?me\]$/.test(line));
}

beforeAll(async () => {
  routerSim = await startSimulator({ user: ROUTER.username, password: ROUTER.password });
  owner = await ApiSession.login(OWNER_EMAIL, OWNER_PASSWORD);
  fixture = await createSubscriber(owner, {
    router: { ...ROUTER, host: routerSim.host, port: routerSim.port },
    plan: { name: 'Rumah 50M ONT', price: '250000', downloadKbps: 50_000, uploadKbps: 25_000 },
    customer: {
      name: CUSTOMER.name,
      phone: CUSTOMER.phone,
      portalPassword: CUSTOMER.portalPassword,
    },
    username: CUSTOMER.username,
  });
  customerNumber = fixture.customerNumber;
  const neighbour = await owner.call<{ id: string }>('POST', '/customers', {
    name: NEIGHBOUR.name,
    phone: NEIGHBOUR.phone,
  });
  await owner.call('POST', '/subscriptions', {
    customerId: neighbour.id,
    planId: fixture.planId,
    routerId: fixture.routerId,
    username: NEIGHBOUR.username,
  });
  await owner.createUser(TECHNICIAN);

  // GenieACS's NBI with the two ONTs. No periodic informs: the journey decides when the ONT
  // talks to the ACS.
  acs = await startNbiSimulator({ devices: [ONT, NEIGHBOUR_ONT], informIntervalMs: 0 });
  const server = await owner.call<AcsServer>('POST', '/acs-servers', {
    name: 'GenieACS Cibinong',
    baseUrl: acs.url,
    verify: true,
  });
  acsServerId = server.id;
  // Creating the server queues its first full sync; asking again is the operator's "sync now".
  await owner.call('POST', `/acs-servers/${acsServerId}/sync`, { mode: 'full' });
  const found = await until(
    'ONT synced and matched to the subscription',
    () => owner.call<Page<Device>>('GET', `/devices?q=${encodeURIComponent(ONT.serial)}`),
    (p) => p.data[0]?.link?.subscriptionId === fixture.subscriptionId,
    SETTLE_MS,
  );
  const synced = found.data[0];
  if (!synced) throw new Error('no device');
  expect(synced).toMatchObject({
    acsDeviceId: ACS_ID,
    matchState: 'matched',
    online: true,
    pppoeUsername: CUSTOMER.username,
    dataModel: 'tr098',
    ssids: [{ index: 1, ssid: ONT.ssid, band: '2.4GHz' }],
  });
  deviceId = synced.id;
  await until(
    "the neighbour's ONT matched too",
    () => owner.call<Page<Device>>('GET', `/devices?q=${encodeURIComponent(NEIGHBOUR_ONT.serial)}`),
    (p) => p.data[0]?.matchState === 'matched',
    SETTLE_MS,
  );

  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  // Later journeys share the server: stop it syncing an ACS that is about to disappear.
  if (acsServerId) {
    await owner.call('PATCH', `/acs-servers/${acsServerId}`, { enabled: false }).catch(() => {});
  }
  await acs?.close();
  await routerSim?.close();
});

/** Signs the customer in to the portal on a phone and opens "My WiFi". */
async function openMyWifi(): Promise<{ portal: BrowserPage; errors: string[] }> {
  const portal = await (await newContext(browser, PHONE)).newPage();
  const errors = watchForErrors(portal);
  await portal.goto('/portal');
  await portal.locator('input[name="login"]').fill(customerNumber);
  await portal.locator('input[name="password"]').fill(CUSTOMER.portalPassword);
  await portal.locator('form button[type="submit"]').click();
  await portal.locator(`[data-subscription="${CUSTOMER.username}"]`).waitFor();
  await portal.locator('nav a[href="/portal/wifi"]').click();
  await portal.waitForURL('**/portal/wifi');
  await portal.getByTestId('wifi-form').waitFor();
  return { portal, errors };
}

/** Types a new name and password and sends them; answers the task the server recorded. */
async function changeWifi(
  portal: BrowserPage,
  change: { ssid: string; password: string },
): Promise<{ id: string; status: string; httpStatus: number }> {
  const form = portal.getByTestId('wifi-form');
  await form.getByTestId('wifi-ssid').fill(change.ssid);
  await form.getByTestId('wifi-password').fill(change.password);
  const answered = portal.waitForResponse(
    (r) => r.request().method() === 'POST' && /\/portal\/devices\/[^/]+\/wifi$/.test(r.url()),
  );
  await form.getByTestId('wifi-submit').click();
  const response = await answered;
  const task = (await response.json()) as { id: string; status: string };
  return { ...task, httpStatus: response.status() };
}

describe('ONTs through GenieACS: the customer changes the WiFi, a technician reboots', () => {
  test('the customer changes the WiFi name and password in the portal and sees it applied', async () => {
    const { portal, errors } = await openMyWifi();
    try {
      // Only her own modem, with its current network, and the form starts from its name.
      const cards = portal.locator('[data-portal-device]');
      expect(await cards.count()).toBe(1);
      expect(await cards.first().getAttribute('data-portal-device')).toBe(deviceId);
      expect(await cards.first().locator('[data-online]').getAttribute('data-online')).toBe('true');
      expect(await cards.first().locator('[data-ssids]').textContent()).toContain(ONT.ssid);
      expect(await portal.getByTestId('wifi-ssid').inputValue()).toBe(ONT.ssid);
      await screenshot(portal, 'phone-portal-wifi');

      // The browser refuses a passphrase WPA2 would not take, before anything is sent.
      await portal.getByTestId('wifi-password').fill('pendek');
      await portal.getByTestId('wifi-submit').click();
      await portal.locator('[data-testid="wifi-password"][aria-invalid="true"]').waitFor();
      expect(await portal.getByTestId('wifi-status').count()).toBe(0);

      const task = await changeWifi(portal, FIRST);
      // The ONT is online: the ACS ran the task within the request.
      expect(task.httpStatus).toBe(200);
      const status = portal.getByTestId('wifi-status');
      await expect.poll(() => status.getAttribute('data-status')).toBe('done');
      expect(await status.textContent()).toContain('done');
      // The card shows the new name once the change is through; the password field is cleared.
      await expect
        .poll(async () => (await portal.locator('[data-ssids]').textContent()) ?? '')
        .toContain(FIRST.ssid);
      expect(await portal.getByTestId('wifi-password').inputValue()).toBe('');
      await screenshot(portal, 'phone-portal-wifi-applied');

      // On the ONT itself: the new name, and the passphrase written where Huawei keeps it.
      expect(readParam(simDocument(), `${WIFI}.SSID`)).toBe(FIRST.ssid);
      expect(acs.state(ACS_ID).secrets[PASSPHRASE]).toBe(FIRST.password);
      // Staff see the new name; the password is nowhere in what the API says about the task.
      const seen = await device();
      expect(seen.ssids.map((s) => s.ssid)).toEqual([FIRST.ssid]);
      const wifiTask = seen.tasks.find((t) => t.id === task.id);
      expect(wifiTask).toMatchObject({
        kind: 'wifi',
        status: 'done',
        params: { ssid: FIRST.ssid, passwordChanged: true },
        requestedBy: { type: 'customer' },
      });
      expect(JSON.stringify(seen)).not.toContain(FIRST.password);
    } finally {
      problems.push(...unexpected(errors));
      await portal.context().close();
    }
  }, 90_000);

  test('a change made while the ONT is off waits for it and is applied when it comes back', async () => {
    const { portal, errors } = await openMyWifi();
    try {
      expect(await portal.getByTestId('wifi-ssid').inputValue()).toBe(FIRST.ssid);
      // The ONT loses power: connection requests go unanswered.
      acs.setOnline(ACS_ID, false);
      const task = await changeWifi(portal, SECOND);
      expect(task.httpStatus).toBe(202);
      const status = portal.getByTestId('wifi-status');
      await expect.poll(() => status.getAttribute('data-status')).toBe('sent');
      expect(await status.textContent()).toContain('sent');
      // Held at the ACS; nothing changed on the ONT yet.
      expect(acs.state(ACS_ID).queuedTasks).toBe(1);
      expect(readParam(simDocument(), `${WIFI}.SSID`)).toBe(FIRST.ssid);
      await screenshot(portal, 'phone-portal-wifi-waiting');

      // Power back: the ONT informs and runs what waited for it. The next sync sees the inform
      // and settles the task (the minutely check would too, a little later).
      acs.setOnline(ACS_ID, true);
      acs.inform(ACS_ID);
      expect(acs.state(ACS_ID).queuedTasks).toBe(0);
      expect(readParam(simDocument(), `${WIFI}.SSID`)).toBe(SECOND.ssid);
      expect(acs.state(ACS_ID).secrets[PASSPHRASE]).toBe(SECOND.password);
      await owner.call('POST', `/acs-servers/${acsServerId}/sync`, { mode: 'incremental' });
      await expect
        .poll(() => status.getAttribute('data-status'), { timeout: SETTLE_MS })
        .toBe('done');
      await expect
        .poll(async () => (await portal.locator('[data-ssids]').textContent()) ?? '')
        .toContain(SECOND.ssid);
      await screenshot(portal, 'phone-portal-wifi-applied-later');
      const seen = await device();
      expect(seen.ssids.map((s) => s.ssid)).toEqual([SECOND.ssid]);
      expect(seen.tasks.find((t) => t.id === task.id)?.status).toBe('done');
    } finally {
      problems.push(...unexpected(errors));
      await portal.context().close();
    }
  }, 90_000);

  test('a technician reboots the ONT from the customer page', async () => {
    const bootedBefore = Date.parse(simDocument()._lastBoot ?? '');
    const page = await (await newContext(browser, DESKTOP)).newPage();
    const errors = watchForErrors(page);
    try {
      await login(page, TECHNICIAN.email, TECHNICIAN.password);
      await page.goto(`/customers/${fixture.customerId}`);
      const card = page.getByTestId(`device-card-${deviceId}`);
      await card.waitFor();
      // The technician sees the network the customer named, and the customer's change.
      expect(await card.getAttribute('data-device')).toBe(ONT.serial);
      expect(await card.locator('[data-ssids]').textContent()).toContain(SECOND.ssid);
      expect(await card.locator('[data-online]').first().getAttribute('data-online')).toBe('true');
      await screenshot(page, 'desktop-customer-ont');

      await card.getByTestId('device-action-reboot').click();
      const dialog = openDialog(page);
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain(ONT.serial);
      await screenshot(page, 'desktop-customer-ont-reboot-confirm');
      const answered = page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith(`/actions/reboot`),
      );
      await dialog.getByRole('button', { name: 'Reboot', exact: true }).click();
      const task = (await (await answered).json()) as DeviceTask;
      await dialog.waitFor({ state: 'hidden' });
      const status = card.getByTestId(`device-task-status-${task.id}`);
      await expect.poll(() => status.getAttribute('data-status')).toBe('done');
      await screenshot(page, 'desktop-customer-ont-rebooted');

      // The ONT booted: a new boot time and its uptime started again.
      const doc = simDocument();
      expect(Date.parse(doc._lastBoot ?? '')).toBeGreaterThan(bootedBefore);
      expect(Number(readParam(doc, UPTIME))).toBeLessThan(60);
      const tasks = await owner.call<Page<DeviceTask>>('GET', `/devices/${deviceId}/tasks`);
      expect(tasks.data.find((t) => t.id === task.id)).toMatchObject({
        kind: 'reboot',
        status: 'done',
        requestedBy: { type: 'user', name: TECHNICIAN.name },
      });
    } finally {
      problems.push(...unexpected(errors));
      await page.context().close();
    }
  }, 90_000);

  test('no script errors on any page', () => {
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
