import { describe, expect, it } from 'vitest';
import { buildDeviceId } from './device-id.ts';
import { listInstances, readParam } from './document.ts';
import { AcsError } from './errors.ts';
import { TR098_PATHS, TR181_PATHS, readRxPower } from './params.ts';
import { rig } from './test-helpers.ts';

const WLAN1 = 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1';
const ODD_SERIALS = ['48575443-ABC', 'ZTEG.12.34', '50%OFF', 'SN 7 ñ'];

describe('devices', () => {
  it('round-trips ids with -, ., %, spaces and non-ASCII through the NBI', async () => {
    const { sim, acs } = await rig({
      devices: ODD_SERIALS.map((serial) => ({ serial, model: 'F670L' })),
    });
    for (const serial of ODD_SERIALS) {
      const id = buildDeviceId('4C09B4', 'F670L', serial);
      const doc = await acs.getDevice(id, ['_deviceId']);
      expect(doc?._deviceId?._SerialNumber).toBe(serial);
      await acs.addTag(id, 'odd.serial');
      const res = await acs.createTask(id, {
        name: 'setParameterValues',
        parameterValues: [[`${WLAN1}.SSID`, `wifi ${serial}`, 'xsd:string']],
      });
      expect(res.status).toBe('done');
      expect(sim.document(id)?.['_tags']).toEqual(['odd.serial']);
    }
    expect(await acs.countDevices({ _tags: 'odd.serial' })).toBe(ODD_SERIALS.length);
    const unknown = await acs
      .createTask(buildDeviceId('4C09B4', 'F670L', 'nope'), { name: 'reboot' })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(AcsError);
    expect((unknown as AcsError).code).toBe('not_found');
  });

  it('pages every device by _id cursor, with projections, and counts them', async () => {
    const { sim, acs } = await rig({ deviceCount: 2_345, seed: 7 });
    const seen: string[] = [];
    let withPppoe = 0;
    for await (const d of acs.iterateDevices({
      projection: [TR098_PATHS.pppoeUsername, TR181_PATHS.pppoeUsername],
      pageSize: 500,
    })) {
      seen.push(d._id);
      const user =
        readParam(d, TR098_PATHS.pppoeUsername) ?? readParam(d, TR181_PATHS.pppoeUsername);
      if (typeof user === 'string' && user.startsWith('cust')) withPppoe++;
      expect(d['_lastInform']).toBeUndefined();
    }
    expect(seen).toEqual(sim.deviceIds());
    expect(withPppoe).toBe(2_345);
    expect(await acs.countDevices()).toBe(2_345);
    const zte = await acs.countDevices({ '_deviceId._Manufacturer': 'ZTE' });
    const tr181 = await acs.countDevices({ 'Device.DeviceInfo.ProductClass': { $exists: true } });
    expect(zte).toBeGreaterThan(0);
    expect(tr181).toBeGreaterThan(0);
    let filtered = 0;
    for await (const _d of acs.iterateDevices({
      query: { '_deviceId._Manufacturer': 'ZTE' },
      pageSize: 100,
    }))
      filtered++;
    expect(filtered).toBe(zte);
    const page = await acs.queryDevices({
      sort: { _id: -1 },
      skip: 10,
      limit: 5,
      projection: ['_id'],
    });
    expect(page.map((d) => d._id)).toEqual(sim.deviceIds().reverse().slice(10, 15));
  });

  it('finds devices changed since a time by _lastInform (dates compared as dates)', async () => {
    const { sim, acs } = await rig({ deviceCount: 1_000 });
    const since = new Date();
    await new Promise((r) => setTimeout(r, 5));
    const touched = sim.touch(0.02);
    sim.setParam(sim.deviceIds()[0] ?? '', TR098_PATHS.upTime, 5);
    const changed = await acs.queryDevices({
      query: { _lastInform: { $gt: since } },
      projection: ['_lastInform'],
    });
    expect(changed).toHaveLength(
      touched.length + (touched.includes(sim.deviceIds()[0] ?? '') ? 0 : 1),
    );
    for (const d of changed)
      expect(Date.parse(d._lastInform ?? '')).toBeGreaterThan(since.getTime());
    expect(await acs.countDevices({ _lastInform: { $gt: since.toISOString() } })).toBe(
      changed.length,
    );
    // A number is not a date to the NBI: nothing matches.
    expect(await acs.countDevices({ _lastInform: { $gt: since.getTime() } })).toBe(0);
  });

  it('reads RX power in every vendor unit', async () => {
    const { sim, acs } = await rig({
      devices: [
        { serial: 'HW1', model: 'HG8245H', rxPowerDbm: -19.5, virtualParameters: false },
        { serial: 'ZTE1', model: 'F660', rxPowerDbm: -19.5, virtualParameters: false },
        { serial: 'NOK1', model: 'G-2425G-A', rxPowerDbm: -19.5, virtualParameters: false },
      ],
    });
    const docs = await acs.queryDevices({
      projection: [TR098_PATHS.rxPowerHuawei, TR098_PATHS.rxPowerZte, TR181_PATHS.rxPower],
    });
    expect(docs.map((d) => readRxPower(d)?.dbm).sort()).toEqual([-19.5, -19.5, -19.51]);
    const zte = sim.document(buildDeviceId('4C09B4', 'F660', 'ZTE1')) ?? { _id: '' };
    expect(readParam({ ...zte, _id: 'x' }, TR098_PATHS.rxPowerZte)).toBe(112);
  });
});

describe('tasks', () => {
  const serial = 'HWTC0001';
  const id = buildDeviceId('00259E', 'HG8145V5', serial);
  const spec = { serial, model: 'HG8145V5' as const, pppoeUsername: 'budi@jaring' };

  it('runs a task on an online device at once (200) and changes the SSID', async () => {
    const { sim, acs } = await rig({ devices: [spec] });
    const res = await acs.createTask(id, {
      name: 'setParameterValues',
      parameterValues: [
        [`${WLAN1}.SSID`, 'Rumah Budi', 'xsd:string'],
        [`${WLAN1}.KeyPassphrase`, 'rahasia123', 'xsd:string'],
      ],
    });
    expect(res.status).toBe('done');
    expect(res.task.device).toBe(id);
    expect(await acs.getTask(res.task._id)).toBeNull();
    const doc = await acs.getDevice(id, [WLAN1]);
    expect(readParam(doc ?? { _id: id }, `${WLAN1}.SSID`)).toBe('Rumah Budi');
    expect(sim.state(id).secrets[`${WLAN1}.KeyPassphrase`]).toBe('rahasia123');
    // The device reads the passphrase back empty.
    await acs.createTask(id, { name: 'refreshObject', objectName: WLAN1 });
    expect(
      readParam((await acs.getDevice(id, [WLAN1])) ?? { _id: id }, `${WLAN1}.KeyPassphrase`),
    ).toBe('');
  });

  it('queues a task for an offline device (202) and runs it at the next inform', async () => {
    const { sim, acs } = await rig({ devices: [{ ...spec, online: false }] });
    const res = await acs.createTask(id, {
      name: 'setParameterValues',
      parameterValues: [[`${WLAN1}.SSID`, 'Nanti', 'xsd:string']],
    });
    expect(res).toMatchObject({ status: 'queued', reason: 'Device is offline' });
    expect(await acs.getTask(res.task._id)).toMatchObject({
      _id: res.task._id,
      name: 'setParameterValues',
    });
    expect(await acs.listTasks({ device: id })).toHaveLength(1);
    sim.setOnline(id, true);
    sim.inform(id);
    expect(await acs.getTask(res.task._id)).toBeNull();
    expect(await acs.listTasks({ device: id })).toHaveLength(0);
    expect(readParam((await acs.getDevice(id)) ?? { _id: id }, `${WLAN1}.SSID`)).toBe('Nanti');
  });

  it('waits for the next periodic inform when the device cannot be woken', async () => {
    const { sim, acs } = await rig({ devices: [spec], informIntervalMs: 150 });
    sim.setReachable(id, false);
    const res = await acs.createTask(id, { name: 'reboot' });
    expect(res.status).toBe('queued');
    await expect.poll(() => acs.getTask(res.task._id), { timeout: 3_000, interval: 50 }).toBeNull();
    expect(sim.stats().sessions).toBeGreaterThan(0);
  });

  it('surfaces a faulted task with its fault, and runs it again after a retry', async () => {
    const { sim, acs } = await rig({ devices: [spec] });
    sim.failNextTask(id, { code: 'cwmp.9002', message: 'Internal error' });
    const res = await acs.createTask(id, {
      name: 'setParameterValues',
      parameterValues: [[`${WLAN1}.SSID`, 'Setelah', 'xsd:string']],
    });
    expect(res).toMatchObject({ status: 'queued', reason: 'Task faulted' });
    expect(res.fault).toMatchObject({
      code: 'cwmp.9002',
      channel: `task_${res.task._id}`,
      device: id,
      retries: 0,
    });
    expect(await acs.listFaults({ device: id })).toHaveLength(1);
    // Not retried by the next inform before GenieACS's retry delay...
    sim.inform(id);
    expect(await acs.getTask(res.task._id)).not.toBeNull();
    // ...but at once after an explicit retry.
    await acs.retryTask(res.task._id);
    expect(await acs.listFaults({ device: id })).toHaveLength(0);
    sim.inform(id);
    expect(await acs.getTask(res.task._id)).toBeNull();
    expect(readParam((await acs.getDevice(id)) ?? { _id: id }, `${WLAN1}.SSID`)).toBe('Setelah');
  });

  it('faults on read-only or unknown parameters with per-parameter CWMP codes', async () => {
    const { sim, acs } = await rig({ devices: [spec] });
    const res = await acs.createTask(id, {
      name: 'setParameterValues',
      parameterValues: [
        [TR098_PATHS.softwareVersion, 'hacked'],
        [`${WLAN1}.NoSuchThing`, 'x'],
        [`${WLAN1}.SSID`, 'never applied'],
      ],
    });
    expect(res.status).toBe('queued');
    expect(res.fault?.code).toBe('cwmp.9003');
    expect(res.fault?.detail).toMatchObject({
      faultCode: '9003',
      setParameterValuesFault: [
        { parameterName: TR098_PATHS.softwareVersion, faultCode: '9008' },
        { parameterName: `${WLAN1}.NoSuchThing`, faultCode: '9005' },
      ],
    });
    expect(readParam((await acs.getDevice(id)) ?? { _id: id }, `${WLAN1}.SSID`)).not.toBe(
      'never applied',
    );
    // Deleting the fault drops the task with it, as GenieACS does.
    await acs.deleteFault(res.fault?._id ?? '');
    expect(await acs.getTask(res.task._id)).toBeNull();
    expect(sim.state(id).queuedTasks).toBe(0);
  });

  it('adds and deletes objects, reboots, factory-resets, and deletes queued tasks', async () => {
    const { sim, acs } = await rig({ devices: [spec] });
    const wcd = 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice';
    const add = await acs.createTask(id, { name: 'addObject', objectName: wcd });
    expect(add.status).toBe('done');
    expect(listInstances((await acs.getDevice(id, [wcd])) ?? { _id: id }, wcd)).toEqual([1, 2]);
    await acs.createTask(id, { name: 'deleteObject', objectName: `${wcd}.2` });
    expect(listInstances((await acs.getDevice(id, [wcd])) ?? { _id: id }, wcd)).toEqual([1]);
    await acs.createTask(id, {
      name: 'setParameterValues',
      parameterValues: [[`${WLAN1}.SSID`, 'Baru']],
    });
    const before = (await acs.getDevice(id, ['_lastBoot'])) ?? { _id: id };
    await new Promise((r) => setTimeout(r, 5));
    expect((await acs.createTask(id, { name: 'reboot' })).status).toBe('done');
    const after = (await acs.getDevice(id, ['_lastBoot', TR098_PATHS.upTime])) ?? { _id: id };
    expect(Date.parse(after._lastBoot ?? '')).toBeGreaterThan(Date.parse(before._lastBoot ?? ''));
    expect(readParam(after, TR098_PATHS.upTime)).toBe(0);
    await acs.createTask(id, { name: 'factoryReset' });
    expect(readParam((await acs.getDevice(id)) ?? { _id: id }, `${WLAN1}.SSID`)).not.toBe('Baru');
    sim.setOnline(id, false);
    const queued = await acs.createTask(id, {
      name: 'getParameterValues',
      parameterNames: [TR098_PATHS.upTime],
    });
    expect(await acs.deleteTask(queued.task._id)).toBe(true);
    expect(await acs.deleteTask(queued.task._id)).toBe(false);
    expect(await acs.requestConnection(id)).toBe(false);
    sim.setOnline(id, true);
    expect(await acs.requestConnection(id)).toBe(true);
  });

  it('refuses malformed tasks before sending them', async () => {
    const { sim, acs } = await rig({ devices: [spec] });
    const err = await acs
      .createTask(id, { name: 'getParameterValues', parameterNames: [] })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'bad_request', sent: false });
    expect(sim.stats().requests).toBe(0);
  });
});

describe('tags, presets, provisions and virtual parameters', () => {
  it('adds and removes tags', async () => {
    const { sim, acs } = await rig({ devices: [{ serial: 'T1' }] });
    const id = sim.deviceIds()[0] ?? '';
    await acs.addTag(id, 'isolir');
    await acs.addTag(id, 'isolir');
    await acs.addTag(id, 'paket 20M');
    expect((await acs.getDevice(id, ['_tags']))?._tags).toEqual(['isolir', 'paket 20M']);
    await acs.removeTag(id, 'isolir');
    expect((await acs.getDevice(id, ['_tags']))?._tags).toEqual(['paket 20M']);
  });

  it('puts, lists and deletes presets, provisions and virtual parameters', async () => {
    const { acs } = await rig();
    await acs.putPreset('jaring-inform', {
      weight: 0,
      channel: 'jaring',
      events: { '2 PERIODIC': true },
      configurations: [],
    });
    expect(await acs.listPresets()).toEqual([
      {
        _id: 'jaring-inform',
        weight: 0,
        channel: 'jaring',
        events: { '2 PERIODIC': true },
        configurations: [],
      },
    ]);
    const script = 'const now = Date.now();\ndeclare("Device.DeviceInfo.UpTime", {value: now});';
    await acs.putProvision('jaring.refresh', script);
    expect(await acs.listProvisions()).toEqual([{ _id: 'jaring.refresh', script }]);
    const vp = 'return {writable: false, value: ["-20.00", "xsd:string"]};';
    await acs.putVirtualParameter('RXPower', vp);
    expect(await acs.listVirtualParameters()).toEqual([{ _id: 'RXPower', script: vp }]);
    const bad = await acs.putProvision('broken', 'declare(').catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'bad_request', status: 400 });
    await acs.deletePreset('jaring-inform');
    await acs.deleteProvision('jaring.refresh');
    await acs.deleteVirtualParameter('RXPower');
    expect([
      await acs.listPresets(),
      await acs.listProvisions(),
      await acs.listVirtualParameters(),
    ]).toEqual([[], [], []]);
  });
});
