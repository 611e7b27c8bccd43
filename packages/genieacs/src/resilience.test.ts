import { describe, expect, it } from 'vitest';
import type { AcsCallEvent } from './call.ts';
import { createGenieAcsClient } from './client.ts';
import { AcsError, AcsTimeoutError, AcsUnavailableError } from './errors.ts';
import { SIM_CERT_PEM } from './sim/index.ts';
import { rig } from './test-helpers.ts';

const USER = 'nbi-operator';
const PASSWORD = 'Sup3r-Secret-Pw';
const TOKEN = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');

describe('authentication and secrecy', () => {
  it('sends HTTP Basic and keeps credentials out of events, errors and the base URL', async () => {
    const events: AcsCallEvent[] = [];
    const { sim, acs } = await rig(
      { deviceCount: 3, requireAuth: { username: USER, password: PASSWORD } },
      { username: USER, password: PASSWORD, observer: (e) => events.push(e) },
    );
    expect(await acs.countDevices()).toBe(3);
    const id = sim.deviceIds()[0] ?? '';
    await acs
      .createTask(id, {
        name: 'setParameterValues',
        parameterValues: [
          ['InternetGatewayDevice.ManagementServer.PeriodicInformInterval', 'wifi-Passw0rd-99'],
        ],
      })
      .catch(() => undefined);

    const wrong = createGenieAcsClient({
      baseUrl: sim.url.replace('http://', `http://${USER}:${encodeURIComponent('Wrong-Pw-123')}@`),
      observer: (e) => events.push(e),
    });
    expect(wrong.baseUrl).toBe(sim.url);
    const err = await wrong.countDevices().catch((e: unknown) => e);
    wrong.close();
    expect(err).toMatchObject({ code: 'unauthorized', status: 401, retryable: false });

    const refused = createGenieAcsClient({
      baseUrl: sim.url,
      username: USER,
      password: PASSWORD,
      retry: { attempts: 1 },
    });
    await sim.setDown('refuse');
    const down = await refused.countDevices().catch((e: unknown) => e);
    refused.close();
    await sim.setDown(null);

    const text =
      JSON.stringify(events) +
      String(err) +
      String(down) +
      JSON.stringify(err) +
      JSON.stringify(down);
    expect(events.length).toBeGreaterThan(3);
    for (const secret of [PASSWORD, TOKEN, 'Wrong-Pw-123', 'wifi-Passw0rd-99'])
      expect(text).not.toContain(secret);
    expect(events[0]).toMatchObject({ method: 'HEAD', status: 200, attempt: 1, breaker: 'closed' });
  });
});

describe('TLS', () => {
  it('verifies the NBI certificate against the given CA, or refuses for good', async () => {
    const { sim, acs } = await rig({ deviceCount: 2, tls: true }, { tls: { ca: SIM_CERT_PEM } });
    expect(sim.url.startsWith('https://')).toBe(true);
    expect(await acs.countDevices()).toBe(2);
    expect(await acs.countDevices()).toBe(2); // over the pooled connection
    const untrusting = createGenieAcsClient({ baseUrl: sim.url });
    const err = await untrusting.countDevices().catch((e: unknown) => e);
    untrusting.close();
    expect(err).toMatchObject({ code: 'network', retryable: false, sent: false });
    const lax = createGenieAcsClient({ baseUrl: sim.url, tls: { rejectUnauthorized: false } });
    expect(await lax.countDevices()).toBe(2);
    lax.close();
  });
});

describe('retries, breaker and timeouts', () => {
  it('retries idempotent calls through 5xx', async () => {
    const events: AcsCallEvent[] = [];
    // The ACS recovers as soon as it has failed once.
    const { sim, acs } = await rig(
      { deviceCount: 2 },
      {
        observer: (e) => {
          events.push(e);
          if (e.status === 500) void sim.setDown(null);
        },
      },
    );
    await sim.setDown('http500');
    expect(await acs.countDevices()).toBe(2);
    expect(events.map((e) => e.status)).toEqual([500, 200]);
  });

  it('re-sends a task creation only when it provably never left', async () => {
    const events: AcsCallEvent[] = [];
    const { sim, acs } = await rig(
      { devices: [{ serial: 'R1' }] },
      {
        observer: (e) => {
          events.push(e);
          // Back up after the first refused attempt; the retry waits at least 20 ms.
          if (e.status === null && e.method === 'POST') void sim.setDown(null);
        },
        retry: { attempts: 3, baseDelayMs: 40, maxDelayMs: 100 },
      },
    );
    const id = sim.deviceIds()[0] ?? '';
    await sim.setDown('refuse');
    // ECONNREFUSED: nothing reached the ACS, so trying again is safe.
    expect((await acs.createTask(id, { name: 'reboot' })).status).toBe('done');
    expect(events.filter((e) => e.method === 'POST').map((e) => e.status)).toEqual([null, 200]);
    expect(sim.stats().tasksCreated).toBe(1);

    events.length = 0;
    await sim.setDown('http500');
    const err = await acs.createTask(id, { name: 'reboot' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'server_error', status: 500, retryable: true });
    // A 500 may come after the task was stored: no second POST.
    expect(events.filter((e) => e.method === 'POST')).toHaveLength(1);
    await sim.setDown(null);
  });

  it('times out, and does not repeat a task creation that may have arrived', async () => {
    const events: AcsCallEvent[] = [];
    const { sim, acs } = await rig(
      { devices: [{ serial: 'H1' }] },
      { timeoutMs: 150, observer: (e) => events.push(e), retry: { attempts: 2, baseDelayMs: 5 } },
    );
    const id = sim.deviceIds()[0] ?? '';
    await sim.setDown('hang');
    const started = Date.now();
    const get = await acs.countDevices().catch((e: unknown) => e);
    expect(get).toBeInstanceOf(AcsTimeoutError);
    expect(events.filter((e) => e.method === 'HEAD')).toHaveLength(2);
    const post = await acs
      .createTask(id, { name: 'reboot' }, { connectionRequest: false })
      .catch((e: unknown) => e);
    expect(post).toBeInstanceOf(AcsTimeoutError);
    expect(post).toMatchObject({ sent: true, timeoutMs: 150 });
    expect(events.filter((e) => e.method === 'POST')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
    await sim.setDown(null);
  });

  it('opens the breaker after consecutive failures and closes it once the ACS recovers', async () => {
    const states: string[] = [];
    const { sim, acs } = await rig(
      { deviceCount: 1 },
      {
        retry: { attempts: 1 },
        breaker: { failureThreshold: 3, resetMs: 400 },
        onBreakerChange: (s) => states.push(s),
      },
    );
    await sim.setDown('http500');
    for (let i = 0; i < 3; i++)
      await expect(acs.countDevices()).rejects.toMatchObject({ status: 500 });
    expect(acs.breakerState).toBe('open');
    const requests = sim.stats().requests;
    const fast = await acs.countDevices().catch((e: unknown) => e);
    expect(fast).toBeInstanceOf(AcsUnavailableError);
    expect(fast).toBeInstanceOf(AcsError);
    expect((fast as AcsUnavailableError).retryAt).toBeGreaterThan(Date.now());
    expect(sim.stats().requests).toBe(requests); // failed fast, nothing sent

    await new Promise((r) => setTimeout(r, 420));
    await expect(acs.countDevices()).rejects.toMatchObject({ status: 500 }); // trial fails: open again
    expect(acs.breakerState).toBe('open');
    await sim.setDown(null);
    await new Promise((r) => setTimeout(r, 420));
    expect(await acs.countDevices()).toBe(1);
    expect(acs.breakerState).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });

  it('does not count a 4xx against the ACS', async () => {
    const { acs } = await rig({}, { retry: { attempts: 1 }, breaker: { failureThreshold: 1 } });
    await expect(acs.createTask('nope-nope-nope', { name: 'reboot' })).rejects.toMatchObject({
      status: 404,
    });
    expect(acs.breakerState).toBe('closed');
  });
});
