import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { CodepageName } from '../codec/codepage.ts';
import { getCodepage } from '../codec/codepage.ts';
import { ANONYMOUS_CIPHERS } from '../socket.ts';
import { ApiSession } from './api-server.ts';
import type { SessionContext } from './api-server.ts';
import type { Faults } from './faults.ts';
import { handleRest } from './rest-server.ts';
import { SimRouter } from './router.ts';
import type { CounterBytes, SimRouterOptions } from './router.ts';
import { applySeed } from './seed.ts';
import type { SeedData } from './seed.ts';
import type { CounterMenu, HealthOverrides } from './telemetry.ts';

export type { Faults } from './faults.ts';
export type { SeedData } from './seed.ts';
export { SimRouter, SimTrap } from './router.ts';
export type { CounterBytes, SimRouterOptions, Outcome } from './router.ts';
export type { CounterMenu, HealthOverrides } from './telemetry.ts';
export { parseVersion } from './version.ts';

const certDir = new URL('./tls/', import.meta.url);

/** The certificate the simulator serves by default (self-signed, CN=routeros-sim). */
export const SIM_CERT_PEM = readFileSync(new URL('cert.pem', certDir), 'utf8');
const SIM_KEY_PEM = readFileSync(new URL('key.pem', certDir), 'utf8');

/** Options of {@link startSimulator}; every port defaults to 0 (ephemeral). */
export interface SimulatorOptions extends SimRouterOptions {
  /** Bind address (default 127.0.0.1). */
  readonly host?: string;
  /** API port; `null` disables plain API (default 0). */
  readonly port?: number | null;
  /** API-SSL port; omitted = no TLS listener. */
  readonly tlsPort?: number;
  /**
   * API-SSL certificate: the bundled self-signed one (default), your own PEMs, or `anonymous`
   * for a router without a certificate (anonymous DH only).
   */
  readonly tls?: 'default' | 'anonymous' | { readonly cert: string; readonly key: string };
  /** REST port (v7 only); omitted = no REST listener. */
  readonly restPort?: number;
  /** Serve REST over HTTPS with the API-SSL certificate (default false: plain HTTP). */
  readonly restTls?: boolean;
  readonly user?: string;
  readonly password?: string;
  /** Delay of every reply in milliseconds (default 0). */
  readonly latencyMs?: number;
  /** Router codepage (default windows-1252). */
  readonly codepage?: CodepageName;
  /** Pre-populated data. */
  readonly seed?: SeedData;
  /** PRNG seed for generated data (default 1). */
  readonly randomSeed?: number;
  readonly faults?: Faults;
}

/** A running simulator. */
export interface Simulator {
  readonly host: string;
  /** Bound API port (0 when disabled). */
  readonly port: number;
  readonly tlsPort: number | undefined;
  readonly restPort: number | undefined;
  readonly router: SimRouter;
  readonly user: string;
  readonly password: string;
  /** SHA-256 fingerprint of the served certificate, for pinning. */
  readonly fingerprint256: string | undefined;
  /** Live fault switches; prefer {@link Simulator.setFaults}. */
  readonly faults: Faults;
  /** Merges fault switches (pass `undefined` values to clear). */
  setFaults(faults: Faults): Promise<void>;
  setLatency(ms: number): void;
  /** Open API sessions. */
  readonly connections: number;
  /** Closes every API session without a reply (as a link loss). */
  dropConnections(): void;
  /**
   * Simulates a reboot: drops API sessions, refuses connections for `downMs` (real time), and
   * restarts uptime, every counter and every PPP session (new `_since` and `session-id`).
   */
  reboot(downMs?: number): Promise<void>;
  /** Replaces the simulation clock (see {@link SimRouterOptions.clock}). */
  setClock(clock: () => number): void;
  /** Adds bytes to one counter row (interface or queue by name, hotspot session by user). */
  advanceCounters(path: CounterMenu, name: string, bytes: CounterBytes): void;
  /**
   * Takes PPP users offline (session ends, no redial) or brings them back (they dial in at
   * once); their dynamic queues and interfaces follow.
   */
  setSessionsOnline(users: readonly string[] | ((name: string) => boolean), online: boolean): void;
  /** Pins `/system/health` sensor values; `undefined` values return to the normal drift. */
  setHealth(overrides: HealthOverrides): void;
  close(): Promise<void>;
}

function listen(server: Server | HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

function closeServer(server: Server | HttpServer): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
  });
}

/** Starts a simulated router with the given options and seed data. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const user = options.user ?? 'admin';
  const password = options.password ?? '';
  const router = new SimRouter(options);
  if (options.seed !== undefined) applySeed(router, options.seed, options.randomSeed);
  const faults: Faults = { ...options.faults };
  const sessions = new Set<ApiSession>();
  let downUntil = 0;
  let commandsSinceFault = 0;

  const ctx: SessionContext = {
    router,
    user,
    password,
    codepage: getCodepage(options.codepage ?? 'windows-1252'),
    latencyMs: options.latencyMs ?? 0,
    faults,
    onReboot: () => void sim.reboot(faults.rebootDownMs ?? 1000),
    onCommand: () => {
      if (faults.rebootAfterCommands === undefined) return false;
      if (++commandsSinceFault < faults.rebootAfterCommands) return false;
      commandsSinceFault = 0;
      void sim.reboot(faults.rebootDownMs ?? 1000);
      return true;
    },
  };
  const accept = (socket: Socket): void => {
    if (Date.now() < downUntil) {
      socket.destroy();
      return;
    }
    const s = new ApiSession(socket, ctx);
    sessions.add(s);
    socket.once('close', () => sessions.delete(s));
  };

  const anonymous = options.tls === 'anonymous';
  const custom = typeof options.tls === 'object' ? options.tls : undefined;
  const cert = anonymous ? undefined : (custom?.cert ?? SIM_CERT_PEM);
  const key = anonymous ? undefined : (custom?.key ?? SIM_KEY_PEM);
  const tlsOptions = {
    ...(cert && key ? { cert, key } : {}),
    // Serve certificate suites and anonymous DH alike, as a router with `tls-version=any` does.
    // No `!aNULL`-style exclusions here: OpenSSL would drop the anonymous suites for good.
    ciphers: anonymous
      ? ANONYMOUS_CIPHERS
      : `ECDHE+AESGCM:ECDHE+CHACHA20:DHE+AESGCM:${ANONYMOUS_CIPHERS}`,
    dhparam: 'auto' as const,
    ...(anonymous ? { maxVersion: 'TLSv1.2' as const } : {}),
  };

  const apiServer = options.port === null ? undefined : createNetServer(accept);
  const tlsServer = options.tlsPort === undefined ? undefined : createTlsServer(tlsOptions, accept);
  const restCtx = { router, user, password, latencyMs: () => ctx.latencyMs };
  const restHandler = (
    req: Parameters<typeof handleRest>[0],
    res: Parameters<typeof handleRest>[1],
  ): void => {
    void handleRest(req, res, restCtx);
  };
  let restServer: HttpServer | undefined;
  if (options.restPort !== undefined) {
    if (!router.version.rest)
      throw new RangeError(`REST needs RouterOS 7.1 or later, not ${router.version.text}`);
    restServer = options.restTls
      ? createHttpsServer({ cert: cert ?? SIM_CERT_PEM, key: key ?? SIM_KEY_PEM }, restHandler)
      : createHttpServer(restHandler);
  }

  const ports = {
    api: apiServer ? await listen(apiServer, options.port ?? 0, host) : 0,
    tls: tlsServer ? await listen(tlsServer, options.tlsPort ?? 0, host) : undefined,
    rest: restServer ? await listen(restServer, options.restPort ?? 0, host) : undefined,
  };

  let fingerprint256: string | undefined;
  if (cert) {
    const { X509Certificate } = await import('node:crypto');
    fingerprint256 = new X509Certificate(cert).fingerprint256;
  }

  const apiListeners = (): [Server, number][] => {
    const out: [Server, number][] = [];
    if (apiServer) out.push([apiServer, ports.api]);
    if (tlsServer && ports.tls !== undefined) out.push([tlsServer, ports.tls]);
    return out;
  };

  const sim: Simulator = {
    host,
    port: ports.api,
    tlsPort: ports.tls,
    restPort: ports.rest,
    router,
    user,
    password,
    fingerprint256,
    faults,
    async setFaults(next: Faults): Promise<void> {
      const wasRefusing = Boolean(faults.refuse);
      Object.assign(faults, next);
      if ('rebootAfterCommands' in next) commandsSinceFault = 0;
      const refusing = Boolean(faults.refuse);
      if (refusing && !wasRefusing) {
        // Stop accepting at once; established sessions stay, as on a router whose service
        // was just disabled.
        for (const [s] of apiListeners()) s.close();
      } else if (!refusing && wasRefusing) {
        await Promise.all(apiListeners().map(([s, p]) => listen(s, p, host)));
      }
    },
    setLatency(ms: number): void {
      ctx.latencyMs = ms;
    },
    get connections(): number {
      return sessions.size;
    },
    dropConnections(): void {
      for (const s of sessions) s.close();
    },
    async reboot(downMs = 0): Promise<void> {
      downUntil = Date.now() + downMs;
      for (const s of sessions) s.close();
      router.reboot();
    },
    setClock(clock: () => number): void {
      router.setClock(clock);
    },
    advanceCounters(path: CounterMenu, name: string, bytes: CounterBytes): void {
      router.advanceCounters(path, name, bytes);
    },
    setSessionsOnline(
      users: readonly string[] | ((name: string) => boolean),
      online: boolean,
    ): void {
      router.setSessionsOnline(users, online);
    },
    setHealth(overrides: HealthOverrides): void {
      router.setHealth(overrides);
    },
    async close(): Promise<void> {
      for (const s of sessions) s.close();
      router.close();
      restServer?.closeAllConnections();
      await Promise.all([
        ...apiListeners().map(([s]) => closeServer(s)),
        ...(restServer ? [closeServer(restServer)] : []),
      ]);
    },
  };
  return sim;
}
