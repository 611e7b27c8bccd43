import { z } from 'zod';

export const ROLES = ['owner', 'admin', 'finance', 'technician', 'support', 'reseller'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * Every ability a route can require. Abilities are `resource:action` so an API token can be scoped
 * to exactly what an integration needs. Later modules add their resources here, never ad hoc.
 */
export const ABILITIES = [
  'profile:read',
  'sessions:manage',
  'tokens:manage',
  'users:read',
  'users:write',
  'audit:read',
  'metrics:read',
  'settings:read',
  'settings:write',
  'routers:read',
  'routers:write',
  'topology:read',
  'topology:write',
  'plans:read',
  'plans:write',
  'customers:read',
  'customers:write',
  'customers:read-identity',
  'subscriptions:read',
  'subscriptions:write',
  'invoices:read',
  'invoices:write',
  'payments:read',
  'payments:write',
  'gateways:write',
  'devices:read',
  'devices:write',
  /** ACS servers (GenieACS NBI address and credentials): owner and admin only. */
  'acs:write',
  'monitoring:read',
  'monitoring:write',
  'reports:read',
] as const;
export const abilitySchema = z.enum(ABILITIES);
export type Ability = z.infer<typeof abilitySchema>;

const SELF_SERVICE: readonly Ability[] = ['profile:read', 'sessions:manage', 'tokens:manage'];

/**
 * The one table of role -> abilities. Routes declare an ability; this table decides who has it.
 * A reseller's row-level scope (only its own customers) is applied in queries, not here.
 */
export const ROLE_ABILITIES: Readonly<Record<Role, readonly Ability[]>> = {
  owner: ABILITIES,
  admin: ABILITIES,
  finance: [
    ...SELF_SERVICE,
    'customers:read',
    'customers:read-identity',
    'subscriptions:read',
    'invoices:read',
    'invoices:write',
    'payments:read',
    'payments:write',
    'gateways:write',
    'plans:read',
    'reports:read',
    'settings:read',
  ],
  technician: [
    ...SELF_SERVICE,
    'routers:read',
    'routers:write',
    'topology:read',
    'topology:write',
    'plans:read',
    'customers:read',
    'subscriptions:read',
    'subscriptions:write',
    'devices:read',
    'devices:write',
    'monitoring:read',
    'monitoring:write',
  ],
  support: [
    ...SELF_SERVICE,
    'routers:read',
    'topology:read',
    'plans:read',
    'customers:read',
    'customers:write',
    'subscriptions:read',
    'invoices:read',
    'payments:read',
    'devices:read',
    'devices:write',
    'monitoring:read',
    'monitoring:write',
  ],
  reseller: [
    ...SELF_SERVICE,
    'plans:read',
    'customers:read',
    'customers:write',
    'subscriptions:read',
    'subscriptions:write',
    'invoices:read',
    'payments:read',
  ],
};

export function abilitiesOf(role: Role): readonly Ability[] {
  return ROLE_ABILITIES[role];
}

export function roleHas(role: Role, ability: Ability): boolean {
  return ROLE_ABILITIES[role].includes(ability);
}

/** Only an owner may grant or hold the owner role; an admin manages everyone else. */
export function canManageRole(actor: Role, target: Role): boolean {
  if (actor === 'owner') return true;
  if (actor === 'admin') return target !== 'owner';
  return false;
}
