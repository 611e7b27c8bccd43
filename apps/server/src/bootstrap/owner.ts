import { randomBytes } from 'node:crypto';
import { hashPassword } from '../lib/password.ts';
import { recordAudit } from '../modules/audit/service.ts';
import { systemContext } from '../modules/auth/principal.ts';
import { countUsers, insertUser } from '../modules/users/queries.ts';
import type { AppDeps } from '../runtime/deps.ts';

export const DEFAULT_OWNER_EMAIL = 'owner@jaring.local';

export interface CreatedOwner {
  email: string;
  /** Set only when generated: the one time anyone sees it. */
  generatedPassword: string | undefined;
}

/**
 * A fresh install needs someone who can log in. Runs on every start and does nothing once any
 * staff user exists, so ADMIN_PASSWORD never overwrites a password changed later.
 */
export async function ensureOwner(deps: AppDeps): Promise<CreatedOwner | undefined> {
  if ((await countUsers(deps.db)) > 0) return undefined;
  const email = deps.config.adminEmail ?? DEFAULT_OWNER_EMAIL;
  const generatedPassword = deps.config.adminPassword
    ? undefined
    : randomBytes(12).toString('base64url');
  const password = deps.config.adminPassword ?? generatedPassword ?? '';
  const passwordHash = await hashPassword(password);
  const created = await deps.db.transaction(async (tx) => {
    const row = await insertUser(tx, {
      email,
      name: 'Owner',
      role: 'owner',
      locale: 'id',
      passwordHash,
    });
    if (row) {
      await recordAudit(tx, systemContext(), {
        action: 'user.created',
        entityType: 'user',
        entityId: row.id,
        after: { email: row.email, role: row.role },
      });
    }
    return row;
  });
  // Another node won the race; its owner stands.
  if (!created) return undefined;
  return { email, generatedPassword };
}
