import { DEFAULT_MONITORING_SETTINGS, type MonitoringSettings } from '@jaring/contracts';
import { RouterOSClient } from '@jaring/routeros';
import { startSimulator, type Simulator } from '@jaring/routeros/sim';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alerts,
  customers,
  notifications,
  odps,
  routerMonitor,
  subscriberSessions,
} from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { rowsOf } from '../src/lib/sql-helpers.ts';
import { pollRouterNow } from '../src/modules/monitoring/scheduler.ts';
import { alertPolicy } from '../src/modules/alerts/conditions.ts';
import { evaluateSubscriberOffline } from '../src/modules/monitoring/offline-rule.ts';
import { ensurePartitions, listPartitions } from '../src/modules/monitoring/partitions.ts';
import { applyRetention } from '../src/modules/monitoring/retention.ts';
import { runRollups } from '../src/modules/monitoring/rollup.ts';
import { readMonitoringSettings } from '../src/modules/monitoring/settings.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import { portalLogin } from './support/gateways.ts';
import { insertPlan, insertRouter, insertSubscription } from './support/network-fixtures.ts';

const clock = new ManualClock('2026-12-06T03:00:00Z');
const USERS = ['mon-u1', 'mon-u2', 'mon-u3', 'mon-u4', 'mon-u5', 'mon-u6'];
let env: TestEnv;
let admin: Agent;
let sim: Simulator;
let client: RouterOSClient;
let routerId = '';
let odpId = '';
const subs = new Map<string, { id: string; customerId: string }>();

function advance(seconds: number): void {
  clock.set(new Date(clock.now().getTime() + seconds * 1000));
}

async function poll(): Promise<NonNullable<Awaited<ReturnType<typeof pollRouterNow>>>> {
  const r = await pollRouterNow(env.deps, routerId);
  if (!r)
    throw new Error(
      `poll did not run: ${env.logs
        .filter((l) => l.includes('poll failed'))
        .slice(-1)
        .join('')}`,
    );
  return r;
}

/**
 * The pool's circuit breaker waits real seconds before trying a router again; the test clock moves
 * minutes in milliseconds, so a fresh pool stands in for the breaker's reset time passing.
 */
async function reopenBreaker(): Promise<void> {
  await env.deps.routerPools.delete(routerId);
}

async function settings(patch: (s: MonitoringSettings) => void): Promise<void> {
  const s = structuredClone(DEFAULT_MONITORING_SETTINGS);
  patch(s);
  const res = await admin.request({
    method: 'PUT',
    url: '/api/v1/monitoring/settings',
    payload: s,
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function queueBytes(): Promise<Map<string, [number, number]>> {
  const rows = (await client.exec('/queue/simple/print')).rows;
  const out = new Map<string, [number, number]>();
  for (const r of rows) {
    const [u, d] = (r['bytes'] ?? '0/0').split('/').map(Number);
    out.set(r['name'] ?? '', [u ?? 0, d ?? 0]);
  }
  return out;
}

async function interfaceBytes(name: string): Promise<[number, number]> {
  const row = (await client.exec('/interface/print')).rows.find((r) => r['name'] === name);
  return [Number(row?.['rx-byte'] ?? 0), Number(row?.['tx-byte'] ?? 0)];
}

async function samplesAt(
  at: Date,
): Promise<Map<string, { up: number; down: number; upBps: number }>> {
  const rows = await rowsOf<{ subscription_id: string; up: string; down: string; ub: string }>(
    env.deps.db.execute(sql`select subscription_id, up_bytes as up, down_bytes as down, up_bps as ub
      from subscriber_samples where ts = ${at} and router_id = ${routerId}`),
  );
  return new Map(
    rows.map((r) => [
      r.subscription_id,
      { up: Number(r.up), down: Number(r.down), upBps: Number(r.ub) },
    ]),
  );
}

beforeAll(async () => {
  env = await createTestEnv({ clock, jobs: true });
  admin = await env.agentFor('admin');
  sim = await startSimulator({
    clock: () => clock.now().getTime(),
    counterBits: 32,
    seed: {
      '/ppp/profile': [{ name: 'mon-10M', 'rate-limit': '5M/10M' }],
      '/ppp/secret': USERS.map((name) => ({
        name,
        password: 'pw',
        service: 'pppoe',
        profile: 'mon-10M',
      })),
    },
  });
  client = new RouterOSClient({
    addresses: [{ host: sim.host, port: sim.port }],
    user: sim.user,
    password: sim.password,
  });
  routerId = await insertRouter(env.deps, sim, { name: 'POP Cibubur' });
  const planId = await insertPlan(env.deps, [routerId]);
  const [odp] = await env.deps.db
    .insert(odps)
    .values({ name: 'ODP-CBR-07', kind: 'odp', capacity: 16 })
    .returning({ id: odps.id });
  odpId = odp?.id ?? '';
  let port = 0;
  for (const username of USERS) {
    const s = await insertSubscription(env.deps, { routerId, planId, username });
    port += 1;
    await env.deps.db
      .update(customers)
      .set({ odpId, odpPort: port })
      .where(eq(customers.id, s.customerId));
    subs.set(username, s);
  }
  await settings((s) => {
    s.clearMinutes = 0;
    s.reopenMinutes = 0;
    s.recipients = [{ channel: 'email', recipient: 'noc@isp.test', locale: 'en' }];
  });
});

afterAll(async () => {
  await client?.close();
  await sim?.close();
  await env?.close();
});

describe('polling a router', () => {
  it('reads health, interfaces and sessions on the first poll, without inventing traffic', async () => {
    const r = await poll();
    expect(r.reachable).toBe(true);
    expect(r.statusChanged).toBe(true);
    expect(r.sessionsOpened).toBe(USERS.length);
    const [m] = await env.deps.db
      .select()
      .from(routerMonitor)
      .where(eq(routerMonitor.routerId, routerId));
    expect(m?.status).toBe('up');
    expect(m?.cpuLoad).not.toBeNull();
    expect(m?.memoryTotal).toBeGreaterThan(0);
    expect(m?.uptimeS).not.toBeNull();
    expect((await samplesAt(clock.now())).size).toBe(0);
    const open = await env.deps.db
      .select()
      .from(subscriberSessions)
      .where(and(eq(subscriberSessions.routerId, routerId), isNull(subscriberSessions.endedAt)));
    expect(open.map((s) => s.username).sort()).toEqual(USERS);
    expect(open.every((s) => s.subscriptionId !== null && s.address !== null)).toBe(true);
  });

  it('turns queue and interface counters into bytes and rates', async () => {
    const q1 = await queueBytes();
    const i1 = await interfaceBytes('ether1');
    advance(300);
    const q2 = await queueBytes();
    const i2 = await interfaceBytes('ether1');
    await poll();
    const samples = await samplesAt(clock.now());
    expect(samples.size).toBe(USERS.length);
    for (const username of USERS) {
      const key = `<pppoe-${username}>`;
      const before = q1.get(key);
      const after = q2.get(key);
      expect(before && after, key).toBeTruthy();
      const s = samples.get(subs.get(username)?.id ?? '');
      expect(s?.up).toBe((after?.[0] ?? 0) - (before?.[0] ?? 0));
      expect(s?.down).toBe((after?.[1] ?? 0) - (before?.[1] ?? 0));
      expect(s?.upBps).toBe(Math.round(((s?.up ?? 0) * 8) / 300));
      expect(s?.down).toBeGreaterThan(0);
    }
    const [row] = await rowsOf<{ rx: string; rb: string }>(
      env.deps.db.execute(sql`select rx_bytes as rx, rx_bps as rb from interface_samples
        where router_id = ${routerId} and name = 'ether1' and ts = ${clock.now()}`),
    );
    expect(Number(row?.rx)).toBe(i2[0] - i1[0]);
    expect(Number(row?.rb)).toBe(Math.round(((i2[0] - i1[0]) * 8) / 300));
  });

  it('follows a 32-bit counter wrap without a negative or absurd rate', async () => {
    const [rx0] = await interfaceBytes('ether1');
    sim.advanceCounters('/interface', 'ether1', { rx: 2 ** 32 - rx0 - 1_000 });
    const [near] = await interfaceBytes('ether1');
    expect(near).toBe(2 ** 32 - 1_000);
    await poll();
    advance(60);
    const [after] = await interfaceBytes('ether1');
    expect(after).toBeLessThan(near);
    await poll();
    const [row] = await rowsOf<{ rx: string; rb: string }>(
      env.deps.db.execute(sql`select rx_bytes as rx, rx_bps as rb from interface_samples
        where router_id = ${routerId} and name = 'ether1' and ts = ${clock.now()}`),
    );
    expect(Number(row?.rx)).toBe(2 ** 32 - near + after);
    expect(Number(row?.rb)).toBeGreaterThan(0);
    expect(Number(row?.rb)).toBeLessThan(10e9);
  });

  it('handles a reboot: sessions end at the reboot, counters restart without negative traffic', async () => {
    advance(300);
    await poll();
    advance(10);
    await sim.reboot(0);
    advance(290);
    const q = await queueBytes();
    const [rx] = await interfaceBytes('ether1');
    const r = await poll();
    expect(r.sessionsClosed).toBe(USERS.length);
    expect(r.sessionsOpened).toBe(USERS.length);
    const ended = await env.deps.db
      .select()
      .from(subscriberSessions)
      .where(eq(subscriberSessions.endReason, 'router_reboot'));
    expect(ended).toHaveLength(USERS.length);
    const samples = await samplesAt(clock.now());
    for (const username of USERS) {
      const s = samples.get(subs.get(username)?.id ?? '');
      expect(s?.up).toBe(q.get(`<pppoe-${username}>`)?.[0]);
    }
    const [row] = await rowsOf<{ rx: string }>(
      env.deps.db.execute(sql`select rx_bytes as rx from interface_samples
        where router_id = ${routerId} and name = 'ether1' and ts = ${clock.now()}`),
    );
    expect(Number(row?.rx)).toBe(rx);
    const [neg] = await rowsOf<{ n: string }>(
      env.deps.db.execute(
        sql`select count(*) as n from subscriber_samples where up_bytes < 0 or down_bytes < 0`,
      ),
    );
    expect(Number(neg?.n)).toBe(0);
  });
});

describe('alerts', () => {
  it('raises one alert for a router that stays down, and resolves it once when it returns', async () => {
    await settings((s) => {
      s.clearMinutes = 0;
      s.reopenMinutes = 0;
      s.rules.routerDown.forMinutes = 2;
      s.recipients = [{ channel: 'email', recipient: 'noc@isp.test', locale: 'en' }];
    });
    const events: string[] = [];
    const unsubscribe = env.deps.events.subscribe(['monitoring'], (e) => {
      if (e.type === 'router.status' || e.type.startsWith('alert.')) events.push(e.type);
    });
    await sim.setFaults({ refuse: true });
    sim.dropConnections();
    advance(60);
    const first = await poll();
    expect(first.status).toBe('down');
    expect(first.alertChanges).toHaveLength(0);
    advance(60);
    expect((await poll()).alertChanges).toHaveLength(0);
    advance(60);
    const third = await poll();
    expect(third.alertChanges.map((c) => c.kind)).toEqual(['opened']);
    for (let i = 0; i < 3; i++) {
      advance(60);
      expect((await poll()).alertChanges).toHaveLength(0);
    }
    const open = await env.deps.db
      .select()
      .from(alerts)
      .where(eq(alerts.key, `router_down:${routerId}`));
    expect(open).toHaveLength(1);
    expect(open[0]?.status).toBe('open');
    expect(open[0]?.title).toContain('POP Cibubur');

    await sim.setFaults({ refuse: false });
    await reopenBreaker();
    advance(60);
    const back = await poll();
    expect(back.status).toBe('up');
    expect(back.alertChanges.map((c) => c.kind)).toEqual(['resolved']);
    advance(60);
    expect((await poll()).alertChanges).toHaveLength(0);
    const all = await env.deps.db
      .select()
      .from(alerts)
      .where(eq(alerts.key, `router_down:${routerId}`));
    expect(all).toHaveLength(1);
    expect(all[0]?.status).toBe('resolved');
    expect(all[0]?.resolvedBy).toBeNull();
    const pages = await env.deps.db
      .select({ template: notifications.template, recipient: notifications.recipient })
      .from(notifications)
      .where(eq(notifications.recipient, 'noc@isp.test'));
    expect(pages.map((p) => p.template).sort()).toEqual(['alert_opened', 'alert_resolved']);
    unsubscribe();
    expect(events).toEqual(['router.status', 'alert.opened', 'router.status', 'alert.resolved']);
  });

  it('reopens the same alert, without paging again, when a router flaps within the reopen window', async () => {
    await settings((s) => {
      s.clearMinutes = 0;
      s.reopenMinutes = 30;
      s.rules.routerDown.forMinutes = 0;
      s.recipients = [{ channel: 'email', recipient: 'flap@isp.test', locale: 'en' }];
    });
    const down = async (): Promise<void> => {
      await sim.setFaults({ refuse: true });
      sim.dropConnections();
      advance(60);
      await poll();
    };
    const up = async (): Promise<void> => {
      await sim.setFaults({ refuse: false });
      await reopenBreaker();
      advance(60);
      await poll();
    };
    // Past the reopen window of the earlier test's alert.
    advance(31 * 60);
    await down();
    await up();
    await down();
    await up();
    const rows = await env.deps.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.key, `router_down:${routerId}`), eq(alerts.status, 'resolved')));
    const flapped = rows.find((r) => r.flapCount === 1);
    expect(flapped).toBeDefined();
    const pages = await env.deps.db
      .select({ template: notifications.template })
      .from(notifications)
      .where(eq(notifications.recipient, 'flap@isp.test'));
    // Opened and resolved once each; the flap reopened the row without a second page.
    expect(pages.map((p) => p.template).sort()).toEqual([
      'alert_opened',
      'alert_resolved',
      'alert_resolved',
    ]);
    await settings((s) => {
      s.clearMinutes = 0;
      s.reopenMinutes = 0;
    });
  });

  it('names the ODP in one grouped alert when its subscribers drop together', async () => {
    advance(300);
    await poll();
    sim.setSessionsOnline(USERS.slice(0, 4), false);
    advance(300);
    const r = await poll();
    expect(r.sessionsClosed).toBe(4);
    const opened = r.alertChanges.filter((c) => c.kind === 'opened');
    expect(opened).toHaveLength(1);
    expect(opened[0]?.alert.rule).toBe('odp_outage');
    expect(opened[0]?.alert.title).toContain('ODP-CBR-07');
    expect(opened[0]?.alert.title).toContain('4 of 6');
    const all = await env.deps.db.select().from(alerts).where(eq(alerts.rule, 'odp_outage'));
    expect(all).toHaveLength(1);

    sim.setSessionsOnline(USERS.slice(0, 4), true);
    advance(300);
    const back = await poll();
    expect(back.sessionsOpened).toBe(4);
    expect(back.alertChanges.map((c) => [c.kind, c.alert.rule])).toEqual([
      ['resolved', 'odp_outage'],
    ]);
  });

  it('lets staff acknowledge and resolve, and refuses what is not theirs to do', async () => {
    await sim.setFaults({ refuse: true });
    sim.dropConnections();
    advance(60);
    await poll();
    advance(180);
    await poll();
    const list = await admin.request({ method: 'GET', url: '/api/v1/alerts?status=active' });
    expect(list.statusCode).toBe(200);
    const alert = list
      .json<{ data: { id: string; rule: string }[] }>()
      .data.find((a) => a.rule === 'router_down');
    expect(alert).toBeDefined();
    const finance = await env.agentFor('finance');
    expect((await finance.request({ method: 'GET', url: '/api/v1/alerts' })).statusCode).toBe(403);
    const support = await env.agentFor('support');
    const ack = await support.request({
      method: 'POST',
      url: `/api/v1/alerts/${alert?.id}/acknowledge`,
      payload: { note: 'Teknisi menuju lokasi' },
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json<{ status: string }>().status).toBe('acknowledged');
    const again = await support.request({
      method: 'POST',
      url: `/api/v1/alerts/${alert?.id}/acknowledge`,
      payload: {},
    });
    expect(again.statusCode).toBe(409);
    const resolved = await admin.request({
      method: 'POST',
      url: `/api/v1/alerts/${alert?.id}/resolve`,
      payload: {},
    });
    expect(resolved.json<{ status: string; resolvedBy: string }>()).toMatchObject({
      status: 'resolved',
      resolvedBy: admin.userId,
    });
    const shown = await admin.request({ method: 'GET', url: `/api/v1/alerts/${alert?.id}` });
    const names = shown.json<{
      acknowledgedByName: string | null;
      resolvedByName: string | null;
    }>();
    expect(names.acknowledgedByName).toEqual(expect.any(String));
    expect(names.resolvedByName).toEqual(expect.any(String));
    await sim.setFaults({ refuse: false });
    await reopenBreaker();
    advance(60);
    await poll();
  });
});

describe('rollups and retention', () => {
  it('rolls hours up into 5-minute, hourly, daily and monthly totals equal to the raw samples', async () => {
    // Polls every 5 minutes through two full hours.
    for (let i = 0; i < 26; i++) {
      advance(300);
      await poll();
    }
    advance(600);
    await runRollups(env.deps);
    const [wm] = await rowsOf<{ until: string }>(
      env.deps.db.execute(sql`select until from rollup_watermarks where name = 'subscriber_1h'`),
    );
    const until = new Date(wm?.until ?? 0);
    const raw = await rowsOf<{ sid: string; up: string; down: string }>(
      env.deps.db
        .execute(sql`select subscription_id as sid, sum(up_bytes) as up, sum(down_bytes) as down
        from subscriber_samples where ts < ${until} group by 1`),
    );
    expect(raw.length).toBe(USERS.length);
    const days = await rowsOf<{ sid: string; up: string; down: string; up5: string; up1h: string }>(
      env.deps.db.execute(sql`select subscription_id as sid, sum(up) as up, sum(down) as down,
          sum((select sum(x) from unnest(up_5m) x)) as up5, sum((select sum(x) from unnest(up_1h) x)) as up1h
        from subscriber_usage_days group by 1`),
    );
    const months = await rowsOf<{ sid: string; up: string; down: string }>(
      env.deps.db.execute(sql`select subscription_id as sid, sum(up) as up, sum(down) as down
        from subscriber_usage_months group by 1`),
    );
    for (const r of raw) {
      const d = days.find((x) => x.sid === r.sid);
      const m = months.find((x) => x.sid === r.sid);
      expect(Number(d?.up)).toBe(Number(r.up));
      expect(Number(d?.down)).toBe(Number(r.down));
      expect(Number(d?.up5)).toBe(Number(r.up));
      expect(Number(d?.up1h)).toBe(Number(r.up));
      expect(Number(m?.up)).toBe(Number(r.up));
    }
    // A 5-minute slot holds exactly the samples taken in it.
    const slot = await rowsOf<{ raw: string; rolled: string }>(
      env.deps.db.execute(sql`with s as (
          select subscription_id, sum(up_bytes) as up from subscriber_samples
          where ts >= ${new Date(until.getTime() - 3_600_000)} and ts < ${new Date(until.getTime() - 3_300_000)}
          group by 1)
        select sum(s.up) as raw,
          sum(d.up_5m[(extract(hour from ${new Date(until.getTime() - 3_600_000)}::timestamptz at time zone 'Asia/Jakarta')::int * 12 + 1)]) as rolled
        from s join subscriber_usage_days d on d.subscription_id = s.subscription_id
          and d.day = (${new Date(until.getTime() - 3_600_000)}::timestamptz at time zone 'Asia/Jakarta')::date`),
    );
    expect(Number(slot[0]?.rolled)).toBe(Number(slot[0]?.raw));
    // Router health: every raw sample before the watermark is counted once in the hourly level.
    const [h] = await rowsOf<{ raw: string; rolled: string }>(
      env.deps.db.execute(sql`select
        (select count(*) from router_samples where ts < (select until from rollup_watermarks where name = 'router_1h')) as raw,
        (select sum(samples) from router_health_rollups where level = '1h') as rolled`),
    );
    expect(Number(h?.rolled)).toBe(Number(h?.raw));
    // The business dashboard's network uptime comes from the same rollups.
    const [up] = await rowsOf<{ s: string; u: string }>(
      env.deps.db
        .execute(sql`select sum(samples) as s, sum(up_samples) as u from router_health_rollups
        where level = '1h'`),
    );
    const business = await admin.request({
      method: 'GET',
      url: '/api/v1/reports/business?months=1',
    });
    expect(business.statusCode, business.body).toBe(200);
    expect(
      business.json<{ current: { networkUptimePercent: number } }>().current.networkUptimePercent,
    ).toBe(Math.round((Number(up?.u) / Number(up?.s)) * 10_000) / 100);
    expect(Number(up?.u)).toBeLessThan(Number(up?.s));
    // Running again changes nothing.
    await runRollups(env.deps);
    const [again] = await rowsOf<{ up: string }>(
      env.deps.db.execute(sql`select sum(up) as up from subscriber_usage_months`),
    );
    expect(Number(again?.up)).toBe(raw.reduce((a, r) => a + Number(r.up), 0));
  });
});

describe('subscriber offline', () => {
  it('raises an alert for a subscriber offline longer than the rule allows, and resolves it on return', async () => {
    await settings((s) => {
      s.clearMinutes = 0;
      s.reopenMinutes = 0;
      s.rules.subscriberOffline.hours = 1;
    });
    sim.setSessionsOnline(['mon-u6'], false);
    advance(300);
    await poll();
    const policy = alertPolicy(await readMonitoringSettings(env.deps.db));
    expect(await evaluateSubscriberOffline(env.deps, policy, clock.now())).toHaveLength(0);
    advance(3900);
    await poll();
    const opened = await evaluateSubscriberOffline(env.deps, policy, clock.now());
    expect(opened.map((c) => [c.kind, c.alert.entityId])).toEqual([
      ['opened', subs.get('mon-u6')?.id],
    ]);
    expect(await evaluateSubscriberOffline(env.deps, policy, clock.now())).toHaveLength(0);
    sim.setSessionsOnline(['mon-u6'], true);
    advance(300);
    await poll();
    const resolved = await evaluateSubscriberOffline(env.deps, policy, clock.now());
    expect(resolved.map((c) => c.kind)).toEqual(['resolved']);
    await settings((s) => {
      s.clearMinutes = 0;
      s.reopenMinutes = 0;
    });
  });
});

describe('retention', () => {
  it('deletes only what has expired at each level', async () => {
    const now = clock.now();
    const day = 86_400_000;
    const old = new Date(now.getTime() - 5 * day);
    await ensurePartitions(env.deps.db, old);
    await env.deps.db.execute(
      sql`insert into router_samples (ts, router_id, up) values (${old}, ${routerId}, true)`,
    );
    const sid = subs.get('mon-u1')?.id ?? '';
    const dayOf = (n: number): string =>
      new Date(now.getTime() - n * day).toISOString().slice(0, 10);
    await env.deps.db
      .execute(sql`insert into subscriber_usage_days (subscription_id, day, up, down, up_5m, down_5m, up_1h, down_1h)
      values (${sid}, ${dayOf(45)}::date, 10, 20, array_fill(1::bigint, array[288]), array_fill(1::bigint, array[288]), array_fill(1::bigint, array[24]), array_fill(1::bigint, array[24])),
        (${sid}, ${dayOf(29)}::date, 30, 40, array_fill(1::bigint, array[288]), array_fill(1::bigint, array[288]), array_fill(1::bigint, array[24]), array_fill(1::bigint, array[24])),
        (${sid}, ${dayOf(420)}::date, 50, 60, null, null, array_fill(1::bigint, array[24]), array_fill(1::bigint, array[24]))`);
    await env.deps.db
      .execute(sql`insert into router_health_rollups (router_id, level, bucket, samples, up_samples)
      values (${routerId}, '5m', ${new Date(now.getTime() - 31 * day)}, 1, 1),
        (${routerId}, '5m', ${new Date(now.getTime() - 29 * day)}, 1, 1),
        (${routerId}, '1h', ${new Date(now.getTime() - 420 * day)}, 1, 1),
        (${routerId}, '1d', ${new Date(now.getTime() - 800 * day)}, 1, 1)`);
    const rawBefore = await rowsOf<{ n: string }>(
      env.deps.db.execute(
        sql`select count(*) as n from router_samples where ts >= ${new Date(now.getTime() - 2 * day)}`,
      ),
    );

    const r = await applyRetention(env.deps);
    expect(r.droppedPartitions.length).toBeGreaterThan(0);
    const left = await listPartitions(env.deps.db);
    expect(left.every((p) => p.end.getTime() > now.getTime() - 2 * day)).toBe(true);
    const [oldRaw] = await rowsOf<{ n: string }>(
      env.deps.db.execute(
        sql`select count(*) as n from router_samples where ts < ${new Date(now.getTime() - 3 * day)}`,
      ),
    );
    expect(Number(oldRaw?.n)).toBe(0);
    const rawAfter = await rowsOf<{ n: string }>(
      env.deps.db.execute(
        sql`select count(*) as n from router_samples where ts >= ${new Date(now.getTime() - 2 * day)}`,
      ),
    );
    expect(rawAfter[0]?.n).toBe(rawBefore[0]?.n);
    const days = await rowsOf<{ day: string; up: string; five: boolean; hourly: boolean }>(
      env.deps.db
        .execute(sql`select to_char(day, 'YYYY-MM-DD') as day, up, up_5m is not null as five, up_1h is not null as hourly
        from subscriber_usage_days where subscription_id = ${sid} and day in (${dayOf(45)}::date, ${dayOf(29)}::date, ${dayOf(420)}::date)
        order by day`),
    );
    expect(days.map((d) => [d.day, Number(d.up), d.five, d.hourly])).toEqual([
      [dayOf(420), 50, false, false],
      [dayOf(45), 10, false, true],
      [dayOf(29), 30, true, true],
    ]);
    const rollups = await rowsOf<{ level: string; n: string }>(
      env.deps.db.execute(sql`select level, count(*) as n from router_health_rollups
        where router_id = ${routerId} and bucket < ${new Date(now.getTime() - 28 * day)} group by level order by level`),
    );
    expect(rollups.map((x) => [x.level, Number(x.n)])).toEqual([
      ['1d', 1],
      ['5m', 1],
    ]);
  });
});

describe('API', () => {
  it('serves the dashboard, router and subscriber views to staff who may see them', async () => {
    const summary = await admin.request({ method: 'GET', url: '/api/v1/monitoring/summary' });
    expect(summary.statusCode, summary.body).toBe(200);
    const s = summary.json<{
      routers: { up: number };
      activeSessions: number;
      throughput: unknown[];
      topTalkers: { username: string }[];
    }>();
    expect(s.routers.up).toBe(1);
    expect(s.activeSessions).toBe(USERS.length);
    // 24 hours of 5-minute buckets; the current one only once a poll has landed in it.
    expect([287, 288]).toContain(s.throughput.length);
    expect(s.topTalkers.length).toBe(USERS.length);

    const detail = await admin.request({
      method: 'GET',
      url: `/api/v1/monitoring/routers/${routerId}`,
    });
    expect(detail.statusCode).toBe(200);
    expect(
      detail.json<{ interfaces: { name: string }[] }>().interfaces.map((i) => i.name),
    ).toContain('ether1');

    for (const range of ['1h', '24h', '7d', '30d', '12m']) {
      const h = await admin.request({
        method: 'GET',
        url: `/api/v1/monitoring/routers/${routerId}/health?range=${range}`,
      });
      expect(h.statusCode, `${range} ${h.body}`).toBe(200);
      expect(h.json<{ points: unknown[] }>().points.length).toBeGreaterThan(0);
      const t = await admin.request({
        method: 'GET',
        url: `/api/v1/monitoring/subscriptions/${subs.get('mon-u5')?.id}/traffic?range=${range}`,
      });
      expect(t.statusCode, t.body).toBe(200);
      const points = t.json<{ points: { down: number }[] }>().points;
      expect(points.reduce((a, p) => a + p.down, 0)).toBeGreaterThan(0);
    }
    const sub = await admin.request({
      method: 'GET',
      url: `/api/v1/monitoring/subscriptions/${subs.get('mon-u5')?.id}`,
    });
    expect(sub.json<{ online: boolean; month: { down: number } }>()).toMatchObject({
      online: true,
    });
    expect(sub.json<{ month: { down: number } }>().month.down).toBeGreaterThan(0);
    const sessions = await admin.request({
      method: 'GET',
      url: `/api/v1/monitoring/subscriptions/${subs.get('mon-u1')?.id}/sessions?limit=2`,
    });
    const page = sessions.json<{
      data: { endReason: string | null }[];
      nextCursor: string | null;
    }>();
    expect(page.data).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const live = await admin.request({
      method: 'GET',
      url: `/api/v1/monitoring/subscriptions/${subs.get('mon-u1')?.id}/live`,
    });
    expect(live.statusCode, live.body).toBe(200);
    expect(live.json<{ online: boolean; downBps: number }>().downBps).toBeGreaterThan(0);
    const map = await admin.request({ method: 'GET', url: '/api/v1/monitoring/map' });
    expect(map.json<{ odps: { name: string; subscribers: number }[] }>().odps).toEqual([
      expect.objectContaining({ name: 'ODP-CBR-07', subscribers: 6 }),
    ]);
    const usage = await admin.request({ method: 'GET', url: '/api/v1/monitoring/usage?limit=50' });
    expect(usage.statusCode, usage.body).toBe(200);
    expect(usage.json<{ data: unknown[] }>().data).toHaveLength(USERS.length);

    const finance = await env.agentFor('finance');
    expect(
      (await finance.request({ method: 'GET', url: '/api/v1/monitoring/summary' })).statusCode,
    ).toBe(403);
    const technician = await env.agentFor('technician');
    const uplink = await technician.request({
      method: 'PATCH',
      url: `/api/v1/monitoring/routers/${routerId}/interfaces/ether1`,
      payload: { uplink: true, capacityBps: 1_000_000_000 },
    });
    expect(uplink.statusCode, uplink.body).toBe(200);
    expect(uplink.json<{ uplink: boolean }>().uplink).toBe(true);
  });

  it('refuses bad input with a 4xx problem', async () => {
    const bad = [
      `/api/v1/monitoring/routers/${routerId}/health?range=2d`,
      '/api/v1/monitoring/routers/not-a-uuid',
      '/api/v1/monitoring/usage?month=2026-13',
      `/api/v1/monitoring/subscriptions/${subs.get('mon-u1')?.id}/sessions?cursor=garbage`,
      '/api/v1/alerts?status=maybe',
    ];
    for (const url of bad) {
      const res = await admin.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const missing = await admin.request({
      method: 'GET',
      url: '/api/v1/monitoring/routers/00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
    const badSettings = await admin.request({
      method: 'PUT',
      url: '/api/v1/monitoring/settings',
      payload: { ...DEFAULT_MONITORING_SETTINGS, clearMinutes: -1 },
    });
    expect(badSettings.statusCode).toBe(400);
    const badIf = await admin.request({
      method: 'PATCH',
      url: `/api/v1/monitoring/routers/${routerId}/interfaces/ether1`,
      payload: { capacityBps: 0 },
    });
    expect(badIf.statusCode).toBe(400);
  });

  it('shows customers their own usage in the portal and nobody else’s', async () => {
    const mine = subs.get('mon-u2');
    const theirs = subs.get('mon-u3');
    const customer = await portalLogin(env, admin, mine?.customerId ?? '');
    const res = await customer.request({ method: 'GET', url: '/api/v1/portal/usage?range=24h' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ subscriptionId: string; online: boolean; month: { down: number } }>();
    expect(body).toMatchObject({ subscriptionId: mine?.id, online: true });
    expect(body.month.down).toBeGreaterThan(0);
    const other = await customer.request({
      method: 'GET',
      url: `/api/v1/portal/usage?subscriptionId=${theirs?.id}`,
    });
    expect(other.statusCode).toBe(404);
  });
});
