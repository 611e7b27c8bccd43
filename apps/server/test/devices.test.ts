import {
  DEFAULT_MONITORING_SETTINGS,
  type AcsServer,
  type Device,
  type DeviceTask,
} from '@jaring/contracts';
import { buildDeviceId } from '@jaring/genieacs';
import { startNbiSimulator, type NbiSimulator } from '@jaring/genieacs/sim';
import type { Simulator } from '@jaring/routeros/sim';
import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alerts,
  deviceTasks,
  devices,
  integrationLog,
  subscriptions,
} from '../src/db/schema/index.ts';
import { dropAcsClient } from '../src/modules/devices/acs-clients.ts';
import { checkSentTask, attemptTask } from '../src/modules/devices/actions.ts';
import { devicesCheckTasksJob, devicesTaskJob, runSync } from '../src/modules/devices/jobs.ts';
import { syncTags } from '../src/modules/devices/tags.ts';
import { rowsOf } from '../src/lib/sql-helpers.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import { portalLogin, type PortalCustomer } from './support/gateways.ts';
import { insertPlan, insertRouter, insertSubscription } from './support/network-fixtures.ts';

/**
 * ONT management against the GenieACS NBI simulator over real HTTP: sync, matching, actions and
 * their tasks, faults, an ACS that is down, alerts, tags, and who may do what.
 */

let env: TestEnv;
let sim: NbiSimulator;
let admin: Agent;
let technician: Agent;
let support: Agent;
let finance: Agent;
let acs: AcsServer;
let planId = '';
const subs = new Map<string, { id: string; customerId: string }>();

const DAY = 86_400_000;
const SPECS = {
  budi: {
    serial: 'HWTC00000001',
    model: 'HG8145V5' as const,
    pppoeUsername: 'budi',
    hosts: 3,
    rxPowerDbm: -19.5,
  },
  siti: { serial: 'ZTEG-0002', model: 'F670L' as const, pppoeUsername: 'siti', rxPowerDbm: -21 },
  // Matched by the serial recorded at installation; no PPPoE username on the device.
  andi: {
    serial: 'ALCL.0%3',
    model: 'G-2425G-A' as const,
    pppoeUsername: '',
    virtualParameters: false,
  },
  dewi: {
    serial: 'HWTC00000004',
    model: 'HG8245H' as const,
    pppoeUsername: 'dewi',
    online: false,
    lastInform: Date.now() - 2 * 3_600_000,
  },
  nobody: { serial: 'HWTC00000005', pppoeUsername: 'nobody-here' },
  // Username says eka, the serial was recorded on fajar's subscription: ambiguous.
  eka: { serial: 'ZTEG00000006', model: 'F660' as const, pppoeUsername: 'eka' },
  gita: { serial: 'HWTC00000007', pppoeUsername: 'gita', rxPowerDbm: -29.2 },
  hadi: {
    serial: 'HWTC00000008',
    pppoeUsername: 'hadi',
    online: false,
    lastInform: Date.now() - 3 * DAY,
  },
};
type Name = keyof typeof SPECS;
const acsIds = new Map<Name, string>();
const deviceIds = new Map<Name, string>();

function body<T>(res: LightMyRequestResponse): T {
  return res.json<T>();
}

async function deviceByName(name: Name): Promise<Device> {
  const res = await admin.request({
    method: 'GET',
    url: `/api/v1/devices?q=${encodeURIComponent(SPECS[name].serial)}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  const found = body<{ data: Device[] }>(res).data.find((d) => d.serial === SPECS[name].serial);
  if (!found) throw new Error(`device ${name} not synced`);
  return found;
}

async function sync(
  mode: 'incremental' | 'full' = 'incremental',
): Promise<NonNullable<Awaited<ReturnType<typeof runSync>>>> {
  const r = await runSync(env.deps, acs.id, mode);
  if (!r) throw new Error('sync did not run');
  return r;
}

async function taskRow(id: string): Promise<typeof deviceTasks.$inferSelect> {
  const [row] = await env.deps.db.select().from(deviceTasks).where(eq(deviceTasks.id, id));
  if (!row) throw new Error('no task');
  return row;
}

beforeAll(async () => {
  sim = await startNbiSimulator({
    devices: Object.values(SPECS),
    informIntervalMs: 0,
    sessionLatencyMs: 5,
    deviceOnlineThresholdMs: 1_000,
    requireAuth: { username: 'nbi', password: 'nbi-secret-pw' },
  });
  for (const [name, spec] of Object.entries(SPECS) as [Name, (typeof SPECS)[Name]][]) {
    const model = 'model' in spec ? spec.model : 'HG8245H';
    const oui = {
      HG8145V5: '00259E',
      HG8245H: '00259E',
      F670L: '4C09B4',
      F660: '4C09B4',
      'G-2425G-A': '00E0B8',
    }[model];
    acsIds.set(name, buildDeviceId(oui, model, spec.serial));
  }
  env = await createTestEnv({ jobs: true });
  admin = await env.agentFor('admin');
  technician = await env.agentFor('technician');
  support = await env.agentFor('support');
  finance = await env.agentFor('finance');
  const routerId = await insertRouter(env.deps, {
    host: '127.0.0.1',
    port: 1,
    user: 'x',
    password: 'y',
  } as Simulator);
  planId = await insertPlan(env.deps, [routerId], { name: 'Home 20M' });
  for (const username of ['budi', 'siti', 'andi', 'dewi', 'eka', 'fajar', 'gita', 'hadi']) {
    subs.set(username, await insertSubscription(env.deps, { routerId, planId, username }));
  }
  await env.deps.db
    .update(subscriptions)
    .set({ ontSerial: SPECS.eka.serial })
    .where(eq(subscriptions.id, subs.get('fajar')?.id ?? ''));
  // Alerts at once, so one sync can show them.
  const settings = structuredClone(DEFAULT_MONITORING_SETTINGS);
  settings.rules.deviceRxPower.forMinutes = 0;
  const put = await admin.request({
    method: 'PUT',
    url: '/api/v1/monitoring/settings',
    payload: settings,
  });
  expect(put.statusCode, put.body).toBe(200);
}, 60_000);

afterAll(async () => {
  await env?.close();
  await sim?.close();
});

describe('ACS servers', () => {
  it('only owners and admins manage ACS servers; the password is never returned', async () => {
    const payload = {
      name: 'GenieACS sim',
      baseUrl: sim.url,
      username: 'nbi',
      password: 'nbi-secret-pw',
      taskTimeoutMs: 2_000,
      verify: true,
    };
    const denied = await technician.request({
      method: 'POST',
      url: '/api/v1/acs-servers',
      payload,
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['content-type']).toContain('application/problem+json');
    const res = await admin.request({ method: 'POST', url: '/api/v1/acs-servers', payload });
    expect(res.statusCode, res.body).toBe(201);
    acs = body<AcsServer>(res);
    expect(acs).toMatchObject({
      name: 'GenieACS sim',
      hasPassword: true,
      enabled: true,
      deviceCount: 0,
    });
    expect(res.body).not.toContain('nbi-secret-pw');
    const dup = await admin.request({
      method: 'POST',
      url: '/api/v1/acs-servers',
      payload: { ...payload, verify: false },
    });
    expect(dup.statusCode).toBe(409);
    const test = await technician.request({
      method: 'POST',
      url: `/api/v1/acs-servers/${acs.id}/test`,
      payload: {},
    });
    expect(test.statusCode, test.body).toBe(200);
    expect(body<{ ok: boolean; deviceCount: number }>(test)).toMatchObject({
      ok: true,
      deviceCount: 8,
    });
    const unreachable = await admin.request({
      method: 'POST',
      url: '/api/v1/acs-servers',
      payload: { ...payload, name: 'nowhere', baseUrl: 'http://127.0.0.1:9', verify: true },
    });
    expect(unreachable.statusCode).toBe(422);
    expect(body<{ code: string }>(unreachable).code).toBe('acs_unavailable');
  });

  it('queues an on-demand sync (202)', async () => {
    const res = await technician.request({
      method: 'POST',
      url: `/api/v1/acs-servers/${acs.id}/sync`,
      payload: { mode: 'full' },
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(body<{ queued: boolean }>(res).queued).toBe(true);
  });
});

describe('sync and mapping', () => {
  it('syncs every device with its normalised facts', async () => {
    const r = await sync('full');
    expect(r.devices).toBe(8);
    const budi = await deviceByName('budi');
    expect(budi).toMatchObject({
      acsDeviceId: acsIds.get('budi'),
      oui: '00259E',
      productClass: 'HG8145V5',
      serial: 'HWTC00000001',
      manufacturer: 'Huawei Technologies Co., Ltd',
      model: 'HG8145V5',
      dataModel: 'tr098',
      online: true,
      pppoeUsername: 'budi',
      hostsCount: 3,
      rxPowerDbm: -19.5,
      weakSignal: false,
      matchState: 'matched',
    });
    expect(budi.firmware).toMatch(/^V5R/);
    expect(budi.wanIp).toMatch(/^100\./);
    expect(budi.uptimeS).toBeGreaterThanOrEqual(0);
    expect(budi.lastInformAt).not.toBeNull();
    expect(budi.ssids.map((s) => s.band)).toEqual(['2.4GHz', '5GHz']);
    const dewi = await deviceByName('dewi');
    expect(dewi.online).toBe(false);
    const andi = await deviceByName('andi');
    expect(andi).toMatchObject({ dataModel: 'tr181', productClass: 'G-2425G-A' });
    expect(andi.ssids).toHaveLength(2);
    for (const name of Object.keys(SPECS) as Name[])
      deviceIds.set(name, (await deviceByName(name)).id);
    const server = await admin.request({ method: 'GET', url: `/api/v1/acs-servers/${acs.id}` });
    expect(body<AcsServer>(server)).toMatchObject({
      deviceCount: 8,
      sync: { lastDevices: 8, lastError: null },
    });
  });

  it('keeps GenieACS ids escaped as the ACS makes them (-, ., %)', async () => {
    expect(acsIds.get('siti')).toBe('4C09B4-F670L-ZTEG%2D0002');
    expect(acsIds.get('andi')).toBe('00E0B8-G%2D2425G%2DA-ALCL%2E0%253');
    expect((await deviceByName('siti')).acsDeviceId).toBe(acsIds.get('siti'));
    expect((await deviceByName('andi')).serial).toBe('ALCL.0%3');
  });

  it('matches by PPPoE username and by the serial entered at installation', async () => {
    const budi = await deviceByName('budi');
    expect(budi.link).toMatchObject({ subscriptionId: subs.get('budi')?.id, username: 'budi' });
    const andi = await deviceByName('andi');
    expect(andi.matchState).toBe('unmatched');
    expect(andi.link).toBeNull();
    // The serial is recorded later: the next sync's review pass links it.
    const set = await technician.request({
      method: 'PUT',
      url: `/api/v1/subscriptions/${subs.get('andi')?.id}/ont-serial`,
      payload: { serial: 'alcl.0%3' },
    });
    expect(set.statusCode, set.body).toBe(200);
    await sync();
    expect((await deviceByName('andi')).link?.subscriptionId).toBe(subs.get('andi')?.id);
    const card = await support.request({
      method: 'GET',
      url: `/api/v1/customers/${subs.get('budi')?.customerId}/devices`,
    });
    expect(card.statusCode).toBe(200);
    expect(body<{ data: Device[] }>(card).data.map((d) => d.serial)).toEqual(['HWTC00000001']);
  });

  it('lists unmatched and ambiguous devices for review, with candidates', async () => {
    const res = await technician.request({ method: 'GET', url: '/api/v1/devices/review' });
    expect(res.statusCode, res.body).toBe(200);
    const items = body<{
      data: { device: Device; candidates: { username: string; reason: string }[] }[];
    }>(res).data;
    const bySerial = new Map(items.map((i) => [i.device.serial, i]));
    expect(bySerial.get(SPECS.nobody.serial)?.device.matchState).toBe('unmatched');
    const eka = bySerial.get(SPECS.eka.serial);
    expect(eka?.device.matchState).toBe('ambiguous');
    expect(eka?.candidates.map((c) => [c.username, c.reason]).sort()).toEqual([
      ['eka', 'pppoe_username'],
      ['fajar', 'ont_serial'],
    ]);
    expect(bySerial.has(SPECS.budi.serial)).toBe(false);
  });

  it('links and unlinks by hand; a sync never undoes a manual decision', async () => {
    const id = deviceIds.get('eka') ?? '';
    const link = await technician.request({
      method: 'POST',
      url: `/api/v1/devices/${id}/link`,
      payload: { subscriptionId: subs.get('fajar')?.id },
    });
    expect(link.statusCode, link.body).toBe(200);
    expect(body<Device>(link)).toMatchObject({ matchState: 'manual', link: { username: 'fajar' } });
    await sync('full');
    expect((await deviceByName('eka')).link?.username).toBe('fajar');
    const unlink = await technician.request({
      method: 'POST',
      url: `/api/v1/devices/${id}/unlink`,
      payload: {},
    });
    expect(body<Device>(unlink)).toMatchObject({ matchState: 'manual', link: null });
    await sync();
    expect((await deviceByName('eka')).link).toBeNull();
    const auto = await technician.request({
      method: 'POST',
      url: `/api/v1/devices/${id}/unlink`,
      payload: { automatic: true },
    });
    expect(body<Device>(auto).matchState).toBe('unmatched');
    await sync();
    expect((await deviceByName('eka')).matchState).toBe('ambiguous');
  });

  it('filters offline, weak-signal and unmatched devices', async () => {
    const q = async (query: string): Promise<string[]> => {
      const res = await admin.request({ method: 'GET', url: `/api/v1/devices?${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return body<{ data: Device[] }>(res)
        .data.map((d) => d.serial)
        .sort();
    };
    expect(await q('offline=true')).toEqual([SPECS.dewi.serial, SPECS.hadi.serial].sort());
    expect(await q('weakSignal=true')).toEqual([SPECS.gita.serial]);
    expect(await q('unmatched=true')).toEqual([SPECS.eka.serial, SPECS.nobody.serial].sort());
    expect(await q(`q=${encodeURIComponent('Customer')}&acsServerId=${acs.id}`)).toHaveLength(6);
    const page1 = await admin.request({ method: 'GET', url: '/api/v1/devices?limit=5' });
    const p1 = body<{ data: Device[]; nextCursor: string }>(page1);
    const page2 = await admin.request({
      method: 'GET',
      url: `/api/v1/devices?limit=5&cursor=${p1.nextCursor}`,
    });
    const p2 = body<{ data: Device[]; nextCursor: string | null }>(page2);
    expect(new Set([...p1.data, ...p2.data].map((d) => d.id)).size).toBe(8);
    expect(p2.nextCursor).toBeNull();
  });

  it('syncs incrementally: only devices that informed since the last sync are read', async () => {
    await new Promise((r) => setTimeout(r, 10));
    sim.setParam(acsIds.get('budi') ?? '', 'InternetGatewayDevice.DeviceInfo.UpTime', 12);
    const r = await sync();
    expect(r.mode).toBe('incremental');
    // The one that informed, plus any whose inform fell in the small overlap of the cursor.
    expect(r.devices).toBeGreaterThanOrEqual(1);
    expect(r.devices).toBeLessThan(8);
    expect((await deviceByName('budi')).uptimeS).toBe(12);
  });

  it('raises RX power and offline alerts naming the customer', async () => {
    const rows = await env.deps.db.select().from(alerts).where(eq(alerts.entityType, 'device'));
    const rx = rows.find((a) => a.rule === 'device_rx_power');
    expect(rx?.key).toBe(`device_rx_power:${deviceIds.get('gita')}`);
    expect(rx?.title).toMatch(/^Weak ONT signal -29\.20 dBm: Customer \d+ \(gita\)$/);
    const off = rows.find((a) => a.rule === 'device_offline');
    expect(off?.key).toBe(`device_offline:${deviceIds.get('hadi')}`);
    expect(off?.title).toContain('(hadi)');
    // dewi informed two hours ago: under the 24 h of the rule.
    expect(rows.filter((a) => a.rule === 'device_offline')).toHaveLength(1);
    // The signal recovers: the alert resolves at the next sync that sees it.
    sim.setParam(acsIds.get('gita') ?? '', 'VirtualParameters.RXPower', '-20.00');
    await sync();
    const [after] = await env.deps.db
      .select()
      .from(alerts)
      .where(eq(alerts.id, rx?.id ?? ''));
    expect(after?.status).toBe('resolved');
  });

  it('keeps GenieACS tags in sync with the customer, plan and isolation', async () => {
    await env.deps.db
      .update(subscriptions)
      .set({ status: 'isolated' })
      .where(eq(subscriptions.id, subs.get('siti')?.id ?? ''));
    const r = await syncTags(env.deps, acs.id);
    expect(r.devices).toBeGreaterThan(0);
    const tags = (name: Name): string[] =>
      (sim.document(acsIds.get(name) ?? '')?.['_tags'] as string[] | undefined) ?? [];
    expect(tags('budi')).toEqual(expect.arrayContaining(['jaring', 'plan-home-20m']));
    expect(tags('budi').some((t) => /^cust-t\d+$/.test(t))).toBe(true);
    expect(tags('siti')).toContain('isolated');
    expect(tags('nobody')).toEqual([]);
    // Nothing differs any more: a second pass sends nothing.
    expect((await syncTags(env.deps, acs.id)).devices).toBe(0);
    await env.deps.db
      .update(subscriptions)
      .set({ status: 'active' })
      .where(eq(subscriptions.id, subs.get('siti')?.id ?? ''));
    await syncTags(env.deps, acs.id);
    expect(tags('siti')).not.toContain('isolated');
  });
});

describe('actions', () => {
  it('changes WiFi on an online device at once (200) and updates the stored state', async () => {
    const id = deviceIds.get('budi') ?? '';
    const res = await technician.request({
      method: 'POST',
      url: `/api/v1/devices/${id}/actions/wifi`,
      payload: { ssid: 'Rumah Budi', password: 'rahasia-budi-1' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const task = body<DeviceTask>(res);
    expect(task).toMatchObject({
      kind: 'wifi',
      status: 'done',
      params: { ssid: 'Rumah Budi', passwordChanged: true, indexes: [1, 5] },
    });
    expect(task.acsTaskId).toMatch(/^[0-9a-f]{24}$/);
    expect(res.body).not.toContain('rahasia-budi-1');
    const state = sim.state(acsIds.get('budi') ?? '');
    expect(Object.values(state.secrets)).toContain('rahasia-budi-1');
    const device = await deviceByName('budi');
    expect(device.ssids.map((s) => s.ssid)).toEqual(['Rumah Budi', 'Rumah Budi']);
    // The password is not kept once the ACS has the task, and never reaches the logs.
    expect((await taskRow(task.id)).secretEnc).toBeNull();
    const log = await env.deps.db
      .select()
      .from(integrationLog)
      .where(eq(integrationLog.customerId, subs.get('budi')?.customerId ?? ''));
    expect(
      log.some((l) => l.system === 'genieacs' && l.operation.includes('WiFi change: done')),
    ).toBe(true);
    expect(
      JSON.stringify(log, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
    ).not.toContain('rahasia-budi-1');
    expect(env.logs.join('')).not.toContain('rahasia-budi-1');
  });

  it('works for ids that need escaping (serial with -, ., %)', async () => {
    for (const name of ['siti', 'andi'] as const) {
      const res = await support.request({
        method: 'POST',
        url: `/api/v1/devices/${deviceIds.get(name)}/actions/wifi`,
        payload: { ssid: `WiFi ${name}`, indexes: [1] },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(body<DeviceTask>(res).status).toBe('done');
      expect((await deviceByName(name)).ssids[0]?.ssid).toBe(`WiFi ${name}`);
    }
  });

  it('queues a change for an offline device (202) and completes it at its next inform', async () => {
    const id = deviceIds.get('dewi') ?? '';
    const res = await technician.request({
      method: 'POST',
      url: `/api/v1/devices/${id}/actions/wifi`,
      payload: { ssid: 'Dewi Home' },
    });
    expect(res.statusCode, res.body).toBe(202);
    const task = body<DeviceTask>(res);
    expect(task.status).toBe('sent');
    expect(task.acsTaskId).not.toBeNull();
    expect(sim.state(acsIds.get('dewi') ?? '').queuedTasks).toBe(1);
    // Nothing yet: the device has not come back.
    expect((await checkSentTask(env.deps, task.id))?.status).toBe('sent');
    sim.setOnline(acsIds.get('dewi') ?? '', true);
    sim.inform(acsIds.get('dewi') ?? '');
    await new Promise((r) => setTimeout(r, 50));
    // The sync sees the inform and checks the device's pending tasks.
    await sync();
    const done = await taskRow(task.id);
    expect(done.status).toBe('done');
    expect(done.completedAt).not.toBeNull();
    const device = await deviceByName('dewi');
    expect(device.online).toBe(true);
    expect(device.ssids[0]?.ssid).toBe('Dewi Home');
    const tasks = await technician.request({ method: 'GET', url: `/api/v1/devices/${id}/tasks` });
    expect(body<{ data: DeviceTask[] }>(tasks).data[0]).toMatchObject({
      id: task.id,
      status: 'done',
    });
  });

  it('surfaces a faulted task with its fault', async () => {
    const id = deviceIds.get('budi') ?? '';
    sim.failNextTask(acsIds.get('budi') ?? '', {
      code: 'cwmp.9007',
      message: 'Invalid parameter value',
    });
    const res = await technician.request({
      method: 'POST',
      url: `/api/v1/devices/${id}/actions/reboot`,
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(200);
    const task = body<DeviceTask>(res);
    expect(task.status).toBe('faulted');
    expect(task.fault).toEqual({ code: 'cwmp.9007', message: 'Invalid parameter value' });
    // The ACS no longer holds (and retries) the faulted task.
    expect(sim.state(acsIds.get('budi') ?? '').queuedTasks).toBe(0);
    const detail = await technician.request({ method: 'GET', url: `/api/v1/devices/${id}` });
    expect(body<{ tasks: DeviceTask[] }>(detail).tasks[0]).toMatchObject({
      id: task.id,
      status: 'faulted',
    });
  });

  it('a task queued for an offline device that faults at its next session is surfaced by the periodic check', async () => {
    const id = deviceIds.get('hadi') ?? '';
    const acsId = acsIds.get('hadi') ?? '';
    const res = await technician.request({
      method: 'POST',
      url: `/api/v1/devices/${id}/actions/wifi`,
      payload: { password: 'hadi-rahasia-9' },
    });
    expect(res.statusCode, res.body).toBe(202);
    const task = body<DeviceTask>(res);
    expect(task.status).toBe('sent');
    // Sent: the password now lives only in the ACS's task, not in Jaring.
    expect((await taskRow(task.id)).secretEnc).toBeNull();
    sim.failNextTask(acsId, { code: 'cwmp.9002', message: 'Internal error' });
    sim.setOnline(acsId, true);
    sim.inform(acsId);
    await new Promise((r) => setTimeout(r, 50));
    // The every-minute job picks up tasks whose check is due.
    await env.deps.db
      .update(deviceTasks)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(deviceTasks.id, task.id));
    await devicesCheckTasksJob.handler({}, env.deps, {
      id: 'x',
      retryCount: 0,
      signal: new AbortController().signal,
    });
    const row = await taskRow(task.id);
    expect(row.status).toBe('faulted');
    expect(row.fault).toEqual({ code: 'cwmp.9002', message: 'Internal error' });
    expect(sim.state(acsId).queuedTasks).toBe(0);
    const log = await env.deps.db
      .select()
      .from(integrationLog)
      .where(eq(integrationLog.customerId, subs.get('hadi')?.customerId ?? ''));
    expect(log.find((l) => l.operation === 'device WiFi change: faulted')?.error).toBe(
      'cwmp.9002 Internal error',
    );
  });

  it('factory reset: staff only, with the serial typed to confirm', async () => {
    const id = deviceIds.get('nobody') ?? '';
    const wrong = await technician.request({
      method: 'POST',
      url: `/api/v1/devices/${id}/actions/factory-reset`,
      payload: { confirm: 'nope' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(body<{ code: string }>(wrong).code).toBe('confirmation_mismatch');
    const ok = await technician.request({
      method: 'POST',
      url: `/api/v1/devices/${id}/actions/factory-reset`,
      payload: { confirm: SPECS.nobody.serial },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(body<DeviceTask>(ok).status).toBe('done');
    const [audit] = await rowsOf<{ action: string }>(
      env.deps.db.execute(sql`select action from audit_logs where action = 'device.factory_reset'`),
    );
    expect(audit?.action).toBe('device.factory_reset');
  });

  it('refuses bad input with problem+json and changes nothing', async () => {
    const id = deviceIds.get('budi') ?? '';
    const before = (await env.deps.db.select().from(deviceTasks)).length;
    const bad: unknown[] = [
      {},
      { password: 'short77' },
      { password: 'x'.repeat(64) },
      { password: 'pässwörd-123' },
      { password: 'tab\tinside1' },
      { ssid: '' },
      { ssid: '€'.repeat(11) },
      { ssid: ' padded' },
      { ssid: 'ok', extra: 1 },
      { ssid: 'ok', indexes: [3] },
    ];
    for (const payload of bad) {
      const res = await technician.request({
        method: 'POST',
        url: `/api/v1/devices/${id}/actions/wifi`,
        payload: payload as object,
      });
      expect(res.statusCode, `${JSON.stringify(payload)} ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const link = await technician.request({
      method: 'POST',
      url: `/api/v1/devices/${id}/link`,
      payload: { subscriptionId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(link.statusCode).toBe(400);
    const unknown = await technician.request({
      method: 'POST',
      url: '/api/v1/devices/00000000-0000-4000-8000-000000000000/actions/reboot',
      payload: {},
    });
    expect(unknown.statusCode).toBe(404);
    const notUuid = await technician.request({
      method: 'GET',
      url: `/api/v1/devices/${encodeURIComponent(acsIds.get('budi') ?? '')}`,
    });
    expect(notUuid.statusCode).toBe(400);
    expect((await env.deps.db.select().from(deviceTasks)).length).toBe(before);
    expect((await deviceByName('budi')).link?.username).toBe('budi');
  });

  it('keeps actions while the ACS is down (breaker open) and sends them once it is back', async () => {
    const id = deviceIds.get('budi') ?? '';
    await sim.setDown('refuse');
    const first = await technician.request({
      method: 'POST',
      url: `/api/v1/devices/${id}/actions/wifi`,
      payload: { ssid: 'While Down' },
    });
    expect(first.statusCode, first.body).toBe(202);
    const queued = body<DeviceTask>(first);
    expect(queued).toMatchObject({ status: 'queued', acsTaskId: null });
    expect(queued.lastError).toMatch(/ECONNREFUSED|refused|connect/i);
    // Syncs fail too (recorded on the server) until the breaker opens.
    await expect(runSync(env.deps, acs.id, 'incremental')).rejects.toThrow();
    await expect(runSync(env.deps, acs.id, 'incremental')).rejects.toThrow();
    const server = body<AcsServer>(
      await admin.request({ method: 'GET', url: `/api/v1/acs-servers/${acs.id}` }),
    );
    expect(server.breaker).toBe('open');
    expect(server.sync.lastError).not.toBeNull();
    const second = await technician.request({
      method: 'POST',
      url: `/api/v1/devices/${id}/actions/refresh`,
      payload: {},
    });
    expect(second.statusCode).toBe(202);
    expect(body<DeviceTask>(second).lastError).toMatch(/circuit open/);
    const detail = await technician.request({ method: 'GET', url: `/api/v1/devices/${id}` });
    expect(body<{ stale: boolean }>(detail).stale).toBe(true);
    // The job retries: still down, so it fails (pg-boss backs off) and the task waits.
    await expect(
      devicesTaskJob.handler({ taskId: queued.id }, env.deps, {
        id: 'x',
        retryCount: 0,
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow(/did not take/);
    // The ACS is back; a fresh client stands in for the breaker's reset time passing.
    await sim.setDown(null);
    dropAcsClient(env.deps, acs.id);
    await devicesTaskJob.handler({ taskId: queued.id }, env.deps, {
      id: 'x',
      retryCount: 1,
      signal: new AbortController().signal,
    });
    await attemptTask(env.deps, body<DeviceTask>(second).id);
    expect((await taskRow(queued.id)).status).toBe('done');
    expect((await taskRow(body<DeviceTask>(second).id)).status).toBe('done');
    expect((await deviceByName('budi')).ssids[0]?.ssid).toBe('While Down');
    await sync();
    const healed = body<AcsServer>(
      await admin.request({ method: 'GET', url: `/api/v1/acs-servers/${acs.id}` }),
    );
    expect(healed).toMatchObject({ breaker: 'closed', sync: { lastError: null } });
  });
});

describe('who may act on which device', () => {
  let budiPortal: PortalCustomer;
  let sitiPortal: PortalCustomer;

  beforeAll(async () => {
    budiPortal = await portalLogin(env, admin, subs.get('budi')?.customerId ?? '');
    sitiPortal = await portalLogin(env, admin, subs.get('siti')?.customerId ?? '');
  });

  it('staff without the ability get 403', async () => {
    const id = deviceIds.get('budi') ?? '';
    for (const [method, url] of [
      ['GET', '/api/v1/devices'],
      ['GET', `/api/v1/devices/${id}`],
      ['POST', `/api/v1/devices/${id}/actions/reboot`],
    ] as const) {
      const res = await finance.request({
        method,
        url,
        ...(method === 'POST' ? { payload: {} } : {}),
      });
      expect(res.statusCode, url).toBe(403);
      expect(body<{ code: string }>(res).code).toBe('forbidden');
    }
  });

  it('a customer sees and changes only their own device', async () => {
    const list = await budiPortal.request({ method: 'GET', url: '/api/v1/portal/devices' });
    expect(list.statusCode, list.body).toBe(200);
    const mine = body<{ data: { id: string; ssids: unknown[]; hostsCount: number }[] }>(list).data;
    expect(mine.map((d) => d.id)).toEqual([deviceIds.get('budi')]);
    expect(list.body).not.toContain('acsDeviceId');
    const res = await budiPortal.request({
      method: 'POST',
      url: `/api/v1/portal/devices/${deviceIds.get('budi')}/wifi`,
      payload: { password: 'budi-baru-123' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const task = body<{ id: string; status: string }>(res);
    expect(task.status).toBe('done');
    const poll = await budiPortal.request({
      method: 'GET',
      url: `/api/v1/portal/devices/${deviceIds.get('budi')}/tasks/${task.id}`,
    });
    expect(body<{ status: string }>(poll).status).toBe('done');
    const row = await taskRow(task.id);
    expect(row.requestedByType).toBe('customer');
  });

  it("another customer's device answers 404, exactly like a device that does not exist", async () => {
    const before = (await env.deps.db.select().from(deviceTasks)).length;
    const theirs = await sitiPortal.request({
      method: 'POST',
      url: `/api/v1/portal/devices/${deviceIds.get('budi')}/wifi`,
      payload: { ssid: 'hijacked' },
    });
    const none = await sitiPortal.request({
      method: 'POST',
      url: '/api/v1/portal/devices/00000000-0000-4000-8000-000000000000/wifi',
      payload: { ssid: 'hijacked' },
    });
    expect(theirs.statusCode).toBe(404);
    expect(none.statusCode).toBe(404);
    const strip = (r: LightMyRequestResponse): unknown => {
      const { requestId: _r, instance: _i, ...rest } = r.json<Record<string, unknown>>();
      return rest;
    };
    expect(strip(theirs)).toEqual(strip(none));
    const [budiTask] = await env.deps.db
      .select()
      .from(deviceTasks)
      .where(
        and(
          eq(deviceTasks.deviceId, deviceIds.get('budi') ?? ''),
          eq(deviceTasks.requestedByType, 'customer'),
        ),
      );
    const peek = await sitiPortal.request({
      method: 'GET',
      url: `/api/v1/portal/devices/${deviceIds.get('budi')}/tasks/${budiTask?.id}`,
    });
    expect(peek.statusCode).toBe(404);
    expect((await env.deps.db.select().from(deviceTasks)).length).toBe(before);
    expect(sim.document(acsIds.get('budi') ?? '')).toBeDefined();
  });

  it('without a portal session, portal device routes answer 401', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/portal/devices' });
    expect(res.statusCode).toBe(401);
  });
});

describe('full sync housekeeping', () => {
  it('removes devices the ACS no longer has', async () => {
    const [before] = await env.deps.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(devices);
    const auth = `Basic ${Buffer.from('nbi:nbi-secret-pw').toString('base64')}`;
    const del = await fetch(
      `${sim.url}/devices/${encodeURIComponent(acsIds.get('nobody') ?? '')}`,
      {
        method: 'DELETE',
        headers: { authorization: auth },
      },
    );
    expect(del.status).toBe(200);
    const r = await sync('full');
    expect(r.removed).toBe(1);
    const [after] = await env.deps.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(devices);
    expect(after?.n).toBe((before?.n ?? 0) - 1);
  });
});
