import { abilitiesOf, type Ability, type Locale, type Role } from '@jaring/contracts';
import type { users } from '../../db/schema/index.ts';
import type { PrincipalUser } from './principal.ts';

export function principalUser(row: typeof users.$inferSelect): PrincipalUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    locale: row.locale as Locale,
  };
}

/** A token can never do more than its owner's role allows today, whatever it was granted. */
export function effectiveAbilities(role: Role, granted?: readonly string[]): ReadonlySet<Ability> {
  const roleAbilities = abilitiesOf(role);
  if (!granted) return new Set(roleAbilities);
  return new Set(roleAbilities.filter((a) => granted.includes(a)));
}
