import type { Transport } from '../command.ts';
import type { Entity } from './menu.ts';
import { Menu } from './menu.ts';

/** `/ppp/secret` fields. */
export const PPP_SECRET = {
  name: 'string',
  password: 'string',
  service: 'string',
  profile: 'string',
  localAddress: 'string',
  remoteAddress: 'string',
  callerId: 'string',
  disabled: 'bool',
  comment: 'string',
} as const;

/** `/ppp/profile` fields. */
export const PPP_PROFILE = {
  name: 'string',
  rateLimit: 'string',
  localAddress: 'string',
  remoteAddress: 'string',
  addressList: 'string',
  parentQueue: 'string',
  onlyOne: 'string',
  comment: 'string',
} as const;

/** `/ppp/active` fields (read-only; removing a row disconnects the session). */
export const PPP_ACTIVE = {
  name: 'string',
  service: 'string',
  callerId: 'string',
  address: 'string',
  uptime: 'string',
  sessionId: 'string',
} as const;

export const HOTSPOT_USER = {
  name: 'string',
  password: 'string',
  server: 'string',
  profile: 'string',
  macAddress: 'string',
  limitUptime: 'string',
  disabled: 'bool',
  comment: 'string',
} as const;

export const HOTSPOT_PROFILE = {
  name: 'string',
  rateLimit: 'string',
  sharedUsers: 'int',
} as const;

export const HOTSPOT_ACTIVE = {
  user: 'string',
  server: 'string',
  address: 'string',
  macAddress: 'string',
  uptime: 'string',
} as const;

/** `/queue/simple` fields; `rate`/`bytes` are `upload/download` pairs. */
export const SIMPLE_QUEUE = {
  name: 'string',
  target: 'string',
  maxLimit: 'string',
  limitAt: 'string',
  parent: 'string',
  rate: 'string',
  bytes: 'string',
  disabled: 'bool',
  comment: 'string',
} as const;

export const INTERFACE = {
  name: 'string',
  type: 'string',
  rxByte: 'int',
  txByte: 'int',
  running: 'bool',
  disabled: 'bool',
  comment: 'string',
} as const;

export const ADDRESS_LIST = {
  list: 'string',
  address: 'string',
  timeout: 'string',
  disabled: 'bool',
  comment: 'string',
} as const;

export const IP_POOL = {
  name: 'string',
  ranges: 'string',
  nextPool: 'string',
} as const;

/** `/system/resource`, typed. */
export interface SystemResource {
  readonly uptime: string;
  readonly version: string;
  readonly cpuLoad: number;
  readonly freeMemory: number;
  readonly totalMemory: number;
  readonly boardName: string;
  readonly architectureName: string | undefined;
}

/** One `/interface/monitor-traffic` sample, bit/s and packets/s. */
export interface TrafficSample {
  readonly name: string;
  readonly rxBitsPerSecond: number;
  readonly txBitsPerSecond: number;
  readonly rxPacketsPerSecond: number;
  readonly txPacketsPerSecond: number;
}

/** Typed helpers for every menu Jaring uses, over any transport. */
export interface RouterMenus {
  readonly pppSecrets: Menu<typeof PPP_SECRET>;
  readonly pppProfiles: Menu<typeof PPP_PROFILE>;
  readonly pppActive: Menu<typeof PPP_ACTIVE>;
  readonly hotspotUsers: Menu<typeof HOTSPOT_USER>;
  readonly hotspotProfiles: Menu<typeof HOTSPOT_PROFILE>;
  readonly hotspotActive: Menu<typeof HOTSPOT_ACTIVE>;
  readonly simpleQueues: Menu<typeof SIMPLE_QUEUE>;
  readonly interfaces: Menu<typeof INTERFACE>;
  readonly addressLists: Menu<typeof ADDRESS_LIST>;
  readonly ipPools: Menu<typeof IP_POOL>;
  resource(): Promise<SystemResource>;
  identity(): Promise<string>;
  setIdentity(name: string): Promise<void>;
  monitorTraffic(iface: string): Promise<TrafficSample>;
  /** Disconnects every PPP session of `name`; resolves to how many were kicked. */
  kickPpp(name: string): Promise<number>;
}

export type PppSecret = Entity<typeof PPP_SECRET>;
export type PppProfile = Entity<typeof PPP_PROFILE>;
export type PppActive = Entity<typeof PPP_ACTIVE>;
export type HotspotUser = Entity<typeof HOTSPOT_USER>;
export type SimpleQueue = Entity<typeof SIMPLE_QUEUE>;
export type RouterInterface = Entity<typeof INTERFACE>;
export type AddressListEntry = Entity<typeof ADDRESS_LIST>;

/** Builds the typed helpers on top of a transport. */
export function routerMenus(t: Transport): RouterMenus {
  const pppActive = new Menu(t, '/ppp/active', PPP_ACTIVE);
  return {
    pppSecrets: new Menu(t, '/ppp/secret', PPP_SECRET),
    pppProfiles: new Menu(t, '/ppp/profile', PPP_PROFILE),
    pppActive,
    hotspotUsers: new Menu(t, '/ip/hotspot/user', HOTSPOT_USER),
    hotspotProfiles: new Menu(t, '/ip/hotspot/user/profile', HOTSPOT_PROFILE),
    hotspotActive: new Menu(t, '/ip/hotspot/active', HOTSPOT_ACTIVE),
    simpleQueues: new Menu(t, '/queue/simple', SIMPLE_QUEUE),
    interfaces: new Menu(t, '/interface', INTERFACE),
    addressLists: new Menu(t, '/ip/firewall/address-list', ADDRESS_LIST),
    ipPools: new Menu(t, '/ip/pool', IP_POOL),
    async resource(): Promise<SystemResource> {
      const r = (await t.exec('/system/resource/print')).rows[0] ?? {};
      return {
        uptime: r['uptime'] ?? '',
        version: r['version'] ?? '',
        cpuLoad: Number(r['cpu-load'] ?? 0),
        freeMemory: Number(r['free-memory'] ?? 0),
        totalMemory: Number(r['total-memory'] ?? 0),
        boardName: r['board-name'] ?? '',
        architectureName: r['architecture-name'],
      };
    },
    async identity(): Promise<string> {
      return (await t.exec('/system/identity/print')).rows[0]?.['name'] ?? '';
    },
    async setIdentity(name: string): Promise<void> {
      await t.exec({ command: '/system/identity/set', attributes: { name } });
    },
    async monitorTraffic(iface: string): Promise<TrafficSample> {
      const r = await t.exec({
        command: '/interface/monitor-traffic',
        attributes: { interface: iface, once: '' },
      });
      const row = r.rows[0] ?? {};
      return {
        name: row['name'] ?? iface,
        rxBitsPerSecond: Number(row['rx-bits-per-second'] ?? 0),
        txBitsPerSecond: Number(row['tx-bits-per-second'] ?? 0),
        rxPacketsPerSecond: Number(row['rx-packets-per-second'] ?? 0),
        txPacketsPerSecond: Number(row['tx-packets-per-second'] ?? 0),
      };
    },
    async kickPpp(name: string): Promise<number> {
      const sessions = await pppActive.list({ name });
      if (sessions.length > 0) await pppActive.remove(sessions.map((s) => s.id));
      return sessions.length;
    },
  };
}
