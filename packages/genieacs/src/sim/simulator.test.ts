import { afterEach, describe, expect, it } from 'vitest';
import { buildDeviceId } from '../device-id.ts';
import { startNbiSimulator } from './index.ts';
import type { NbiSimulator, NbiSimulatorOptions } from './index.ts';

const sims: NbiSimulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

async function start(o: NbiSimulatorOptions = {}): Promise<NbiSimulator> {
  const sim = await startNbiSimulator({ informIntervalMs: 0, sessionLatencyMs: 1, ...o });
  sims.push(sim);
  return sim;
}

async function call(
  sim: NbiSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; reason: string; headers: Headers; text: string; json: unknown }> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, reason: res.statusText, headers: res.headers, text, json };
}

describe('NBI simulator over HTTP', () => {
  it('answers collection queries like the NBI: total header, HEAD, streaming array format', async () => {
    const sim = await start({ deviceCount: 30 });
    const res = await call(sim, 'GET', '/devices/?projection=_id&limit=2&skip=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('total')).toBe('30');
    expect(res.headers.get('genieacs-version')).toBeTruthy();
    expect(res.text.startsWith('[\n') && res.text.endsWith('\n]')).toBe(true);
    expect(res.json).toHaveLength(2);
    const head = await call(
      sim,
      'HEAD',
      `/devices/?query=${encodeURIComponent('{"_deviceId._OUI":"4C09B4"}')}`,
    );
    expect(Number(head.headers.get('total'))).toBeGreaterThan(0);
    expect(head.text).toBe('');
    expect((await call(sim, 'GET', '/devices/?query={bad')).status).toBe(400);
    expect((await call(sim, 'GET', '/nothing/')).status).toBe(404);
    const post = await call(sim, 'POST', '/devices/');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await call(sim, 'GET', '/files/')).json).toEqual([]);
  });

  it('decodes ids in paths exactly once', async () => {
    const sim = await start({ devices: [{ serial: 'SN-1.5%' }] });
    const id = buildDeviceId('00259E', 'HG8245H', 'SN-1.5%');
    expect(id).toBe('00259E-HG8245H-SN%2D1%2E5%25');
    const ok = await call(sim, 'POST', `/devices/${encodeURIComponent(id)}/tasks`, {
      name: 'reboot',
    });
    expect(ok.status).toBe(202);
    expect(ok.json).toMatchObject({ name: 'reboot', device: id });
    expect((ok.json as { _id: string })._id).toMatch(/^[0-9a-f]{24}$/);
    // Sent without the second encoding, %2D decodes to '-' and names another device.
    const once = await call(sim, 'POST', `/devices/${id}/tasks`, { name: 'reboot' });
    expect(once).toMatchObject({ status: 404, text: 'No such device' });
    const tagged = await call(sim, 'POST', `/devices/${encodeURIComponent(id)}/tags/a%2Eb`);
    expect(tagged.status).toBe(200);
    expect(sim.document(id)?.['_tags']).toEqual(['a.b']);
  });

  it('answers tasks with the NBI status codes and reason phrases', async () => {
    const sim = await start({ devices: [{ serial: 'A' }, { serial: 'B', online: false }] });
    const [a = '', b = ''] = sim.deviceIds();
    const done = await call(
      sim,
      'POST',
      `/devices/${encodeURIComponent(a)}/tasks?connection_request`,
      {
        name: 'refreshObject',
        objectName: 'InternetGatewayDevice.DeviceInfo',
      },
    );
    expect(done.status).toBe(200);
    const offline = await call(
      sim,
      'POST',
      `/devices/${encodeURIComponent(b)}/tasks?connection_request&timeout=50`,
      {
        name: 'reboot',
      },
    );
    expect(offline).toMatchObject({ status: 202, reason: 'Device is offline' });
    const invalid = await call(sim, 'POST', `/devices/${encodeURIComponent(a)}/tasks`, {
      name: 'getParameterValues',
    });
    expect(invalid).toMatchObject({
      status: 500,
      text: "Error: Missing 'parameterNames' property",
    });
    expect(
      (await call(sim, 'POST', `/devices/${encodeURIComponent(b)}/tasks?connection_request`))
        .status,
    ).toBe(504);
    const tasks = await call(
      sim,
      'GET',
      `/tasks/?query=${encodeURIComponent(JSON.stringify({ device: b }))}`,
    );
    expect(tasks.json).toHaveLength(1);
    expect(
      (await call(sim, 'GET', `/tasks/?query=${encodeURIComponent('{"_id":"zz"}')}`)).status,
    ).toBe(500);
    expect((await call(sim, 'GET', '/tasks/0123456789abcdef01234567')).status).toBe(405);
    expect((await call(sim, 'DELETE', '/tasks/0123456789abcdef01234567')).status).toBe(404);
    expect((await call(sim, 'PUT', '/provisions/bad', 'return (')).status).toBe(400);
    expect((await call(sim, 'PUT', '/presets/p1', '{nope')).status).toBe(400);
  });

  it('runs slow sessions after answering 202 when the timeout is shorter', async () => {
    const sim = await start({ devices: [{ serial: 'S' }], sessionLatencyMs: 80 });
    const id = sim.deviceIds()[0] ?? '';
    const res = await call(
      sim,
      'POST',
      `/devices/${encodeURIComponent(id)}/tasks?connection_request&timeout=10`,
      {
        name: 'reboot',
      },
    );
    expect(res).toMatchObject({ status: 202, reason: 'Task queued but not processed' });
    await expect.poll(() => sim.state(id).queuedTasks, { timeout: 2_000, interval: 20 }).toBe(0);
  });

  it('has an HTTP control API for out-of-process use', async () => {
    const sim = await start({ deviceCount: 10 });
    const added = await call(sim, 'POST', '/_sim/devices', {
      serial: 'CTRL-1',
      model: 'G-2425G-A',
      pppoeUsername: 'siti',
    });
    const id = (added.json as { id: string }).id;
    expect(id).toBe('00E0B8-G%2D2425G%2DA-CTRL%2D1');
    const path = `/_sim/devices/${encodeURIComponent(id)}`;
    expect((await call(sim, 'GET', path)).json).toMatchObject({ model: 'G-2425G-A', online: true });
    await call(sim, 'POST', `${path}/online`, { online: false });
    expect(sim.state(id).online).toBe(false);
    await call(sim, 'POST', `${path}/param`, {
      path: 'Device.WiFi.SSID.1.SSID',
      value: 'Dari Kontrol',
    });
    const doc = sim.document(id) as {
      Device: { WiFi: { SSID: Record<string, { SSID: { _value: unknown } }> } };
    };
    expect(doc.Device.WiFi.SSID['1']?.SSID._value).toBe('Dari Kontrol');
    expect(
      ((await call(sim, 'POST', '/_sim/touch', { fraction: 0.5 })).json as { ids: string[] }).ids,
    ).toHaveLength(6);
    await call(sim, 'POST', `${path}/fail-next-task`, { code: 'cwmp.9002' });
    await call(sim, 'POST', `${path}/inform`);
    expect(
      ((await call(sim, 'POST', '/_sim/inform-all')).json as { informed: number }).informed,
    ).toBeGreaterThan(0);
    await call(sim, 'POST', '/_sim/down', { mode: 'http500', durationMs: 30 });
    expect((await call(sim, 'GET', '/devices/')).status).toBe(500);
    await expect
      .poll(async () => (await call(sim, 'GET', '/presets/')).status, {
        timeout: 1_000,
        interval: 10,
      })
      .toBe(200);
    expect((await call(sim, 'GET', '/_sim/stats')).json).toMatchObject({
      sessions: expect.any(Number) as number,
    });
    expect((await call(sim, 'GET', '/_sim/devices/nope')).status).toBe(404);
  });

  it('informs periodically and leaves no timers behind after close', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const sim = await startNbiSimulator({ deviceCount: 50, informIntervalMs: 100, onlineRatio: 1 });
    await expect
      .poll(() => sim.stats().sessions, { timeout: 2_000, interval: 20 })
      .toBeGreaterThan(20);
    await sim.setDown('hang');
    const hung = fetch(`${sim.url}/devices/`).catch(() => 'aborted');
    await sim.setDown('refuse', 10_000);
    await sim.close();
    expect(await hung).toBe('aborted');
    await new Promise((r) => setImmediate(r));
    expect(
      process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length,
    ).toBeLessThanOrEqual(before);
  });
});

describe('fleet generator', () => {
  it('is deterministic by seed and covers vendors and both data models', async () => {
    const a = await start({ deviceCount: 200, seed: 42 });
    const b = await start({ deviceCount: 200, seed: 42 });
    const c = await start({ deviceCount: 200, seed: 43 });
    expect(a.deviceIds()).toEqual(b.deviceIds());
    expect(a.deviceIds()).not.toEqual(c.deviceIds());
    const strip = (doc: unknown): string =>
      JSON.stringify(doc)
        .replace(/"\d{4}-\d\d-\d\dT[^"]+"/g, '"t"')
        .replace(/"UpTime":\{"_value":\d+/g, '');
    const first = a.deviceIds()[0] ?? '';
    expect(strip(a.document(first))).toBe(strip(b.document(first)));
    const ids = a.deviceIds();
    for (const prefix of [
      '00259E-HG8245H-',
      '00259E-HG8145V5-',
      '4C09B4-F660-',
      '4C09B4-F670L-',
      '00E0B8-G%2D2425G%2DA-',
    ])
      expect(ids.some((id) => id.startsWith(prefix))).toBe(true);
    const docs = ids.map((id) => a.document(id) ?? {});
    expect(docs.filter((d) => 'Device' in d).length).toBeGreaterThan(10);
    expect(docs.filter((d) => 'VirtualParameters' in d).length).toBeGreaterThan(50);
    const escaped = await start({ deviceCount: 100, escapingSerialRatio: 1 });
    expect(escaped.deviceIds().every((id) => /%(2D|2E|25|20)/.test(id))).toBe(true);
  });
});
