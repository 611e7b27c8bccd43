/**
 * Declarative description of the menus the simulator models: fields, defaults, uniqueness and
 * references, with the trap messages RouterOS uses.
 */

export interface FieldDef {
  readonly default?: string;
  /** Stored as `true`/`false`, printed per version (v6 `yes`/`no`). */
  readonly bool?: boolean;
  readonly required?: boolean;
  /** Printed but not writable through add/set. */
  readonly readOnly?: boolean;
  /** Value must name an item of another menu. */
  readonly ref?: {
    readonly menu: string;
    readonly message: string;
    readonly allow?: readonly string[];
  };
}

export interface MenuDef {
  readonly path: string;
  readonly fields: Readonly<Record<string, FieldDef>>;
  /** Items with equal values for all keys conflict. */
  readonly unique?: { readonly keys: readonly string[]; readonly message: string };
  readonly add?: boolean;
  readonly set?: boolean;
  readonly remove?: boolean;
  /** First `.id` number; default 1. */
  readonly firstId?: number;
}

const disabled: FieldDef = { bool: true, default: 'false' };
const comment: FieldDef = {};

export const MENUS: readonly MenuDef[] = [
  {
    path: '/ppp/secret',
    fields: {
      name: { required: true },
      password: { default: '' },
      service: { default: 'any' },
      profile: {
        default: 'default',
        ref: { menu: '/ppp/profile', message: 'input does not match any value of profile' },
      },
      'local-address': {},
      'remote-address': {},
      'caller-id': { default: '' },
      routes: { default: '' },
      'limit-bytes-in': { default: '0' },
      'limit-bytes-out': { default: '0' },
      'last-logged-out': { readOnly: true },
      disabled,
      comment,
    },
    unique: { keys: ['name'], message: 'failure: secret with the same name already exists' },
  },
  {
    path: '/ppp/profile',
    fields: {
      name: { required: true },
      'local-address': {},
      'remote-address': {},
      'rate-limit': {},
      'address-list': { default: '' },
      'parent-queue': {},
      'only-one': { default: 'default' },
      'change-tcp-mss': { default: 'default' },
      'use-encryption': { default: 'default' },
      'dns-server': {},
      default: { bool: true, readOnly: true, default: 'false' },
      comment,
    },
    unique: { keys: ['name'], message: 'failure: profile with the same name already exists' },
    firstId: 0,
  },
  {
    path: '/ppp/active',
    fields: {
      name: { readOnly: true },
      service: { readOnly: true },
      'caller-id': { readOnly: true },
      address: { readOnly: true },
      uptime: { readOnly: true },
      encoding: { readOnly: true },
      'session-id': { readOnly: true },
      'limit-bytes-in': { readOnly: true },
      'limit-bytes-out': { readOnly: true },
      radius: { bool: true, readOnly: true },
    },
    add: false,
    set: false,
  },
  {
    path: '/ip/hotspot/user',
    fields: {
      name: { required: true },
      password: { default: '' },
      server: { default: 'all' },
      profile: {
        default: 'default',
        ref: {
          menu: '/ip/hotspot/user/profile',
          message: 'input does not match any value of profile',
        },
      },
      'mac-address': {},
      'limit-uptime': {},
      'limit-bytes-total': {},
      uptime: { readOnly: true, default: '0s' },
      'bytes-in': { readOnly: true, default: '0' },
      'bytes-out': { readOnly: true, default: '0' },
      disabled,
      comment,
    },
    unique: {
      keys: ['name', 'server'],
      message: 'failure: already have user with this name for this server',
    },
  },
  {
    path: '/ip/hotspot/user/profile',
    fields: {
      name: { required: true },
      'rate-limit': {},
      'shared-users': { default: '1' },
      'session-timeout': {},
      'address-pool': { default: 'none' },
      default: { bool: true, readOnly: true, default: 'false' },
    },
    unique: { keys: ['name'], message: 'failure: profile with the same name already exists' },
    firstId: 0,
  },
  {
    path: '/ip/hotspot/active',
    fields: {
      server: { readOnly: true },
      user: { readOnly: true },
      address: { readOnly: true },
      'mac-address': { readOnly: true },
      uptime: { readOnly: true },
      'bytes-in': { readOnly: true },
      'bytes-out': { readOnly: true },
      'packets-in': { readOnly: true },
      'packets-out': { readOnly: true },
    },
    add: false,
    set: false,
  },
  {
    path: '/queue/simple',
    fields: {
      name: { required: true },
      target: { required: true },
      'max-limit': { default: '0/0' },
      'limit-at': { default: '0/0' },
      'burst-limit': { default: '0/0' },
      'burst-threshold': { default: '0/0' },
      'burst-time': { default: '0s/0s' },
      parent: { default: 'none' },
      priority: { default: '8/8' },
      queue: { default: 'default-small/default-small' },
      rate: { readOnly: true },
      bytes: { readOnly: true },
      packets: { readOnly: true },
      dynamic: { bool: true, readOnly: true, default: 'false' },
      disabled,
      comment,
    },
    unique: { keys: ['name'], message: 'failure: already have such name' },
  },
  {
    path: '/interface',
    fields: {
      name: { required: true },
      type: { readOnly: true },
      mtu: { default: '1500' },
      'actual-mtu': { readOnly: true },
      'mac-address': { readOnly: true },
      'rx-byte': { readOnly: true },
      'tx-byte': { readOnly: true },
      'rx-packet': { readOnly: true },
      'tx-packet': { readOnly: true },
      running: { bool: true, readOnly: true },
      dynamic: { bool: true, readOnly: true, default: 'false' },
      disabled,
      comment,
    },
    unique: { keys: ['name'], message: 'failure: already have interface with such name' },
    add: false,
    remove: false,
  },
  {
    path: '/ip/firewall/address-list',
    fields: {
      list: { required: true },
      address: { required: true },
      timeout: {},
      'creation-time': { readOnly: true },
      dynamic: { bool: true, readOnly: true, default: 'false' },
      disabled,
      comment,
    },
    unique: { keys: ['list', 'address'], message: 'failure: already have such entry' },
  },
  {
    path: '/ip/pool',
    fields: {
      name: { required: true },
      ranges: { required: true },
      'next-pool': { default: 'none' },
      comment,
    },
    unique: { keys: ['name'], message: 'failure: pool with such name already exists' },
  },
];

export const MENU_BY_PATH: ReadonlyMap<string, MenuDef> = new Map(MENUS.map((m) => [m.path, m]));
