import type { Locale } from '@jaring/contracts';
import { DomainError, notFound } from '../../lib/errors.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { Principal, RequestContext } from '../auth/principal.ts';
import { principalUser } from '../auth/principals.ts';
import { lockUser, updateUserRow } from './queries.ts';

export async function updateOwnProfile(
  deps: AppDeps,
  ctx: RequestContext,
  input: { name?: string | undefined; locale?: Locale | undefined },
): Promise<Principal> {
  const p = ctx.principal;
  if (!p) throw new DomainError('unauthenticated', 'Authentication required');
  return deps.db.transaction(async (tx) => {
    const before = await lockUser(tx, p.user.id);
    if (!before) throw notFound('User');
    const after = await updateUserRow(tx, p.user.id, {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.locale === undefined ? {} : { locale: input.locale }),
      updatedAt: deps.clock.now(),
    });
    if (!after) throw notFound('User');
    await recordAudit(tx, ctx, {
      action: 'user.profile.updated',
      entityType: 'user',
      entityId: p.user.id,
      before: { name: before.name, locale: before.locale },
      after: { name: after.name, locale: after.locale },
    });
    return { ...p, user: principalUser(after) };
  });
}
