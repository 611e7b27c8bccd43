import type { Session } from '@jaring/contracts';
import { DomainError, notFound } from '../../lib/errors.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { Principal, RequestContext } from '../auth/principal.ts';
import { deleteSession, selectSessionsOfUser } from './queries.ts';

function requirePrincipal(ctx: RequestContext): Principal {
  if (!ctx.principal) throw new DomainError('unauthenticated', 'Authentication required');
  return ctx.principal;
}

export async function listSessions(deps: AppDeps, ctx: RequestContext): Promise<Session[]> {
  const p = requirePrincipal(ctx);
  const rows = await selectSessionsOfUser(deps.db, p.user.id, deps.clock.now());
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    ip: r.ip,
    userAgent: r.userAgent,
    current: r.id === p.sessionId,
  }));
}

export async function revokeSession(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  const p = requirePrincipal(ctx);
  await deps.db.transaction(async (tx) => {
    if (!(await deleteSession(tx, p.user.id, id))) throw notFound('Session');
    await recordAudit(tx, ctx, { action: 'session.revoked', entityType: 'session', entityId: id });
  });
}

export async function logout(deps: AppDeps, ctx: RequestContext): Promise<void> {
  const p = requirePrincipal(ctx);
  if (p.kind !== 'session' || !p.sessionId) {
    throw new DomainError(
      'bad_request',
      'Logout ends a browser session; revoke an API token instead',
    );
  }
  const sessionId = p.sessionId;
  await deps.db.transaction(async (tx) => {
    await deleteSession(tx, p.user.id, sessionId);
    await recordAudit(tx, ctx, {
      action: 'auth.logout',
      entityType: 'session',
      entityId: sessionId,
    });
  });
}
