import { canManageRole, ROLES, type Role } from '@jaring/contracts';
import type { TFunction } from 'i18next';

/** The roles an actor may assign, as select options. */
export function assignableRoleOptions(
  actor: Role,
  t: TFunction,
  current?: Role,
): { value: Role; label: string }[] {
  return ROLES.filter((role) => canManageRole(actor, role) || role === current).map((role) => ({
    value: role,
    label: t(`roles.${role}`),
  }));
}
