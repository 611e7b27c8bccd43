/**
 * A GenieACS NBI simulator: a real HTTP server with a generated fleet of TR-098 and TR-181
 * ONTs, tasks that run when devices are online (or at their next inform), faults, tags,
 * presets, provisions and virtual parameters, plus controls for tests (in-process methods and
 * `/_sim/` over HTTP).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { handleControl } from './control.ts';
import type { DownMode } from './control.ts';
import { SimCore } from './core.ts';
import type { SimDeviceState } from './core.ts';
import type { SimFaultSpec } from './device.ts';
import type { SimStats } from './engine.ts';
import type { SimDeviceSpec } from './fleet.ts';
import { readBody, sendText } from './http.ts';
import { handleNbi } from './nbi.ts';
import { renderDevice } from './render.ts';

export type { DownMode } from './control.ts';
export type { SimDeviceState } from './core.ts';
export type { SimFaultSpec } from './device.ts';
export type { SimStats } from './engine.ts';
export type { SimDeviceSpec } from './fleet.ts';
export { MODELS } from './models.ts';
export type { ModelDef, SimModelId } from './models.ts';

const tlsDir = new URL('./tls/', import.meta.url);

/** The self-signed certificate (CN genieacs-sim, SAN 127.0.0.1 and localhost) served with `tls: true`. */
export const SIM_CERT_PEM = readFileSync(new URL('cert.pem', tlsDir), 'utf8');

export interface NbiSimulatorOptions {
  /** Bind address (default 127.0.0.1). */
  readonly host?: string;
  /** Port (default 0: ephemeral). */
  readonly port?: number;
  /** Generated devices across vendors and data models (default 0). */
  readonly deviceCount?: number;
  /** Seed of the generated fleet (default 1). */
  readonly seed?: number;
  /** Explicit devices, added after the generated ones. */
  readonly devices?: readonly SimDeviceSpec[];
  /** Share of generated devices online (default 0.9). */
  readonly onlineRatio?: number;
  /** Share of generated devices carrying virtual parameters (default 0.5). */
  readonly virtualParameterRatio?: number;
  /** Share of generated serials containing '-', '.', '%' or ' ' (default 0.02). */
  readonly escapingSerialRatio?: number;
  /** Periodic inform interval of online devices; 0 disables periodic informs (default 300 s). */
  readonly informIntervalMs?: number;
  /** Delay between a connection request and the device's session (default 20 ms). */
  readonly sessionLatencyMs?: number;
  /** How long a task request waits for the session without `timeout=` (default 4 s). */
  readonly deviceOnlineThresholdMs?: number;
  /** First retry delay of a faulted task, doubling per retry (default 300 s, as GenieACS). */
  readonly faultRetryDelayMs?: number;
  /** Demand HTTP Basic on NBI routes (as a reverse proxy in front of the NBI would). */
  readonly requireAuth?: { readonly username: string; readonly password: string };
  /** Serve HTTPS (as a TLS-terminating proxy would): `true` for the bundled certificate. */
  readonly tls?: boolean | { readonly cert: string; readonly key: string };
}

export interface NbiSimulator {
  /** `http://host:port`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
  /** Device ids, ascending. */
  deviceIds(): string[];
  /** The device document as `GET /devices/` returns it, or undefined. */
  document(id: string): Record<string, unknown> | undefined;
  /** Flags, written secrets and queued task count of one device. */
  state(id: string): SimDeviceState;
  addDevice(spec: SimDeviceSpec): string;
  setOnline(id: string, online: boolean): void;
  /** Online but unreachable for connection requests: tasks wait for its next inform. */
  setReachable(id: string, reachable: boolean): void;
  /** The device informs now and runs its queued tasks. */
  inform(id: string): void;
  /** All online devices inform; returns how many. */
  informAll(): number;
  /** Changes a parameter as if the device reported it (bumps `_lastInform`). */
  setParam(id: string, path: string, value: string | number | boolean): void;
  /** A random share of devices informs with new uptime and RX power; returns their ids. */
  touch(fraction: number): string[];
  /** The device's next task faults (default `cwmp.9002` Internal error). */
  failNextTask(id: string, fault?: SimFaultSpec): void;
  /**
   * Makes the NBI unhealthy: refuse connections, answer 500, or never answer; null heals.
   * With `durationMs` it heals by itself (the only way back from 'refuse' over HTTP).
   */
  setDown(mode: DownMode, durationMs?: number): Promise<void>;
  stats(): SimStats;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts a simulator; close it when done (no timers outlive `close`). */
export async function startNbiSimulator(options: NbiSimulatorOptions = {}): Promise<NbiSimulator> {
  const host = options.host ?? '127.0.0.1';
  const core = new SimCore({
    deviceCount: options.deviceCount ?? 0,
    seed: options.seed ?? 1,
    devices: options.devices ?? [],
    onlineRatio: options.onlineRatio,
    virtualParameterRatio: options.virtualParameterRatio,
    escapingSerialRatio: options.escapingSerialRatio,
    informIntervalMs: options.informIntervalMs ?? 300_000,
    sessionLatencyMs: options.sessionLatencyMs ?? 20,
    deviceOnlineThresholdMs: options.deviceOnlineThresholdMs ?? 4_000,
    faultRetryDelayMs: options.faultRetryDelayMs ?? 300_000,
  });
  const auth = options.requireAuth
    ? `Basic ${Buffer.from(`${options.requireAuth.username}:${options.requireAuth.password}`).toString('base64')}`
    : undefined;
  let down: DownMode = null;
  let healTimer: NodeJS.Timeout | undefined;
  let port = options.port ?? 0;

  const setDown = async (mode: DownMode, durationMs?: number): Promise<void> => {
    clearTimeout(healTimer);
    healTimer = undefined;
    const was = down;
    down = mode;
    if (mode === 'refuse' && was !== 'refuse') await stop(server);
    if (mode !== 'refuse' && was === 'refuse' && !core.closed) await listen(server, port, host);
    if (mode !== null && durationMs !== undefined) {
      healTimer = setTimeout(() => {
        healTimer = undefined;
        void setDown(null).catch(() => undefined);
      }, durationMs);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const control = path.startsWith('/_sim/');
    if (!control) {
      if (down === 'hang') return; // never answered; the socket dies with the client or close()
      core.engine.stats.requests++;
      res.setHeader('GenieACS-Version', '1.2-sim');
      if (down === 'http500') {
        sendText(res, 500, 'Error: simulated failure', { Connection: 'close' });
        return;
      }
      if (auth !== undefined && req.headers.authorization !== auth) {
        sendText(res, 401, 'Unauthorized', { 'WWW-Authenticate': 'Basic realm="GenieACS NBI"' });
        return;
      }
    }
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      sendText(res, 413, 'payload too large');
      return;
    }
    if (control) await handleControl({ core, setDown }, req, res, path.slice(5), body);
    else await handleNbi(core, req, res, body);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent)
        sendText(
          res,
          500,
          `${err instanceof Error ? err.name : 'Error'}: ${err instanceof Error ? err.message : String(err)}`,
        );
      else res.destroy();
    });
  };
  const tls =
    options.tls === true
      ? { cert: SIM_CERT_PEM, key: readFileSync(new URL('key.pem', tlsDir), 'utf8') }
      : options.tls || undefined;
  const server: Server = tls ? createHttpsServer(tls, onRequest) : createServer(onRequest);
  port = await listen(server, port, host);
  const url = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    host,
    port,
    async close() {
      clearTimeout(healTimer);
      core.close();
      await stop(server);
    },
    deviceIds: () => [...core.store.sortedIds()],
    document(id) {
      const d = core.store.get(id);
      return d
        ? (JSON.parse(JSON.stringify(renderDevice(d))) as Record<string, unknown>)
        : undefined;
    },
    state: (id) => core.state(id),
    addDevice: (spec) => core.addDevice(spec),
    setOnline: (id, online) => core.setOnline(id, online),
    setReachable: (id, reachable) => core.setReachable(id, reachable),
    inform: (id) => core.inform(id),
    informAll: () => core.informAll(),
    setParam: (id, path, value) => core.setParam(id, path, value),
    touch: (fraction) => core.touch(fraction),
    failNextTask: (id, fault) => core.failNextTask(id, fault),
    setDown,
    stats: () => core.stats(),
  };
}
