/**
 * The router menus Jaring manages, the properties it owns in each, and how entries are matched.
 * Entries are Jaring's when their comment starts with OWNER_TAG; everything else on the router is
 * never touched, even when it looks like ours.
 */
export const OWNER_TAG = 'jaring';

export function ownerComment(detail: string): string {
  return detail ? `${OWNER_TAG}: ${detail}` : OWNER_TAG;
}

function ownedComment(comment: string | undefined): boolean {
  return comment !== undefined && (comment === OWNER_TAG || comment.startsWith(`${OWNER_TAG}:`));
}

/** Profiles and pools are Jaring's by name (`jaring-...`); per-customer entries by comment. */
export function isOwned(
  spec: MenuSpec,
  row: Readonly<Record<string, string | undefined>>,
): boolean {
  if (spec.ownedBy === 'name') return (row.name ?? '').startsWith(`${OWNER_TAG}-`);
  return ownedComment(row.comment);
}

export type MenuName =
  'pool' | 'pppProfile' | 'pppSecret' | 'hotspotProfile' | 'hotspotUser' | 'queue' | 'addressList';

export interface MenuSpec {
  readonly path: string;
  /** Property that identifies an entry (unique within the menu for our entries). */
  readonly key: 'name' | 'address';
  /** Properties Jaring sets and repairs; others are left as the operator set them. */
  readonly fields: readonly string[];
  /** Properties whose change must end the customer's session to take effect. */
  readonly kickOn: readonly string[];
  readonly ownedBy: 'name' | 'comment';
}

export const MENUS: Readonly<Record<MenuName, MenuSpec>> = {
  pool: { path: '/ip/pool', key: 'name', fields: ['ranges'], kickOn: [], ownedBy: 'name' },
  pppProfile: {
    path: '/ppp/profile',
    key: 'name',
    fields: ['rate-limit', 'local-address', 'remote-address', 'address-list'],
    kickOn: [],
    ownedBy: 'name',
  },
  pppSecret: {
    path: '/ppp/secret',
    key: 'name',
    fields: ['password', 'service', 'profile', 'remote-address', 'disabled', 'comment'],
    kickOn: ['password', 'profile', 'remote-address', 'disabled'],
    ownedBy: 'comment',
  },
  hotspotProfile: {
    path: '/ip/hotspot/user/profile',
    key: 'name',
    fields: ['rate-limit', 'shared-users'],
    kickOn: [],
    ownedBy: 'name',
  },
  hotspotUser: {
    path: '/ip/hotspot/user',
    key: 'name',
    fields: ['password', 'profile', 'disabled', 'comment'],
    kickOn: ['password', 'profile', 'disabled'],
    ownedBy: 'comment',
  },
  queue: {
    path: '/queue/simple',
    key: 'name',
    fields: ['target', 'max-limit', 'disabled', 'comment'],
    kickOn: [],
    ownedBy: 'comment',
  },
  addressList: {
    path: '/ip/firewall/address-list',
    key: 'address',
    fields: ['list', 'comment'],
    kickOn: [],
    ownedBy: 'comment',
  },
};

/** Apply order: what others refer to is created first and removed last. */
export const APPLY_ORDER: readonly MenuName[] = [
  'pool',
  'pppProfile',
  'hotspotProfile',
  'pppSecret',
  'hotspotUser',
  'queue',
  'addressList',
];

/** v6 prints yes/no, v7 true/false; compare meaning, not spelling. */
export function normalizeValue(value: string | undefined): string {
  if (value === undefined) return '';
  const v = value.trim();
  if (v === 'yes' || v === 'true') return 'true';
  if (v === 'no' || v === 'false') return 'false';
  return v;
}
