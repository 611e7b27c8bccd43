import type { LoginRequest, Me } from '@jaring/contracts';
import { hashToken, hmac, randomToken, safeEqual } from '../../crypto/tokens.ts';
import { DomainError } from '../../lib/errors.ts';
import { burnVerify, verifyPassword } from '../../lib/password.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import { insertSession, findLiveSessionWithUser, touchSession } from '../sessions/queries.ts';
import { findLiveToken, touchToken } from '../tokens/queries.ts';
import { findUserByEmail, recordLoginFailure, updateUserRow } from '../users/queries.ts';
import { AUTH_POLICY, TOKEN_PREFIX } from './policy.ts';
import type { Principal, RequestContext } from './principal.ts';
import { effectiveAbilities, principalUser } from './principals.ts';

export function csrfTokenFor(deps: AppDeps, sessionId: string): string {
  return hmac(deps.csrfKey, `csrf:${sessionId}`);
}

export function verifyCsrf(
  deps: AppDeps,
  sessionId: string,
  presented: string | undefined,
): boolean {
  return presented !== undefined && safeEqual(csrfTokenFor(deps, sessionId), presented);
}

/** Refuses while the failures counted under `key` have reached `limit` in the current window. */
async function refuseIfThrottled(deps: AppDeps, key: string, limit: number): Promise<void> {
  const { count, retryAfterMs } = await deps.rateLimiter.peek(key);
  if (count >= limit) {
    throw new DomainError('rate_limited', 'Too many failed login attempts; try again later', {
      retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
    });
  }
}

export interface LoginResult {
  principal: Principal;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Only failed attempts count against the per-IP and per-account limits: a whole office signing in
 * from behind one NAT address in the morning must not be throttled, a password guesser must.
 */
export async function login(
  deps: AppDeps,
  ctx: RequestContext,
  input: LoginRequest,
): Promise<LoginResult> {
  const ipKey = `login:ip:${ctx.ip}`;
  const accountKey = `login:acct:${input.email}`;
  await refuseIfThrottled(deps, ipKey, AUTH_POLICY.ipAttempts);
  await refuseIfThrottled(deps, accountKey, AUTH_POLICY.accountAttempts);
  try {
    return await attemptLogin(deps, ctx, input);
  } catch (err) {
    if (
      err instanceof DomainError &&
      (err.code === 'invalid_credentials' || err.code === 'account_locked')
    ) {
      await deps.rateLimiter.hit(ipKey, AUTH_POLICY.ipAttempts, AUTH_POLICY.ipWindowMs);
      await deps.rateLimiter.hit(
        accountKey,
        AUTH_POLICY.accountAttempts,
        AUTH_POLICY.accountWindowMs,
      );
    }
    throw err;
  }
}

async function attemptLogin(
  deps: AppDeps,
  ctx: RequestContext,
  input: LoginRequest,
): Promise<LoginResult> {
  const now = deps.clock.now();
  const user = await findUserByEmail(deps.db, input.email);
  if (!user) {
    await burnVerify(input.password);
    throw new DomainError('invalid_credentials', 'Email or password is incorrect');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new DomainError(
      'account_locked',
      'Too many failed logins; the account is locked for a while',
      {
        retryAfterSeconds: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000),
      },
    );
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    const updated = await deps.db.transaction(async (tx) => {
      const row = await recordLoginFailure(
        tx,
        user.id,
        AUTH_POLICY.lockAfterFailures,
        new Date(now.getTime() + AUTH_POLICY.lockMs),
      );
      if (
        row?.lockedUntil &&
        row.lockedUntil > now &&
        row.failedLoginCount === AUTH_POLICY.lockAfterFailures
      ) {
        await recordAudit(tx, ctx, {
          action: 'user.locked',
          entityType: 'user',
          entityId: user.id,
          after: { lockedUntil: row.lockedUntil, failedLoginCount: row.failedLoginCount },
        });
      }
      return row;
    });
    if (updated?.lockedUntil && updated.lockedUntil > now) {
      throw new DomainError(
        'account_locked',
        'Too many failed logins; the account is locked for a while',
        {
          retryAfterSeconds: Math.ceil((updated.lockedUntil.getTime() - now.getTime()) / 1000),
        },
      );
    }
    throw new DomainError('invalid_credentials', 'Email or password is incorrect');
  }
  if (user.disabledAt) {
    throw new DomainError('account_disabled', 'This account is disabled');
  }
  const sessionToken = randomToken();
  const expiresAt = new Date(now.getTime() + AUTH_POLICY.sessionIdleMs);
  const session = await deps.db.transaction(async (tx) => {
    await updateUserRow(tx, user.id, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now });
    const s = await insertSession(tx, {
      userId: user.id,
      tokenHash: hashToken(sessionToken),
      ip: ctx.ip || null,
      userAgent: ctx.userAgent?.slice(0, 400) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    const pu = principalUser(user);
    await recordAudit(
      tx,
      {
        ...ctx,
        principal: {
          kind: 'session',
          user: pu,
          abilities: new Set(),
          sessionId: s.id,
          tokenId: undefined,
        },
      },
      { action: 'auth.login', entityType: 'session', entityId: s.id },
    );
    return s;
  });
  await deps.rateLimiter.reset(`login:acct:${input.email}`);
  return {
    principal: {
      kind: 'session',
      user: principalUser(user),
      abilities: effectiveAbilities(user.role as Me['role']),
      sessionId: session.id,
      tokenId: undefined,
    },
    sessionToken,
    csrfToken: csrfTokenFor(deps, session.id),
    expiresAt,
  };
}

export async function authenticateSession(deps: AppDeps, token: string): Promise<Principal | null> {
  const now = deps.clock.now();
  const found = await findLiveSessionWithUser(deps.db, hashToken(token), now);
  if (!found || found.user.disabledAt) return null;
  const { session, user } = found;
  const absoluteEnd = session.createdAt.getTime() + AUTH_POLICY.sessionAbsoluteMs;
  if (now.getTime() >= absoluteEnd) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > AUTH_POLICY.touchEveryMs) {
    const expiresAt = new Date(Math.min(now.getTime() + AUTH_POLICY.sessionIdleMs, absoluteEnd));
    await touchSession(deps.db, session.id, now, expiresAt);
  }
  return {
    kind: 'session',
    user: principalUser(user),
    abilities: effectiveAbilities(user.role as Me['role']),
    sessionId: session.id,
    tokenId: undefined,
  };
}

export async function authenticateToken(deps: AppDeps, bearer: string): Promise<Principal | null> {
  if (!bearer.startsWith(TOKEN_PREFIX) || bearer.length > 200) return null;
  const now = deps.clock.now();
  const found = await findLiveToken(deps.db, hashToken(bearer), now);
  if (!found || found.user.disabledAt) return null;
  const { token, user } = found;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > AUTH_POLICY.touchEveryMs) {
    await touchToken(deps.db, token.id, now);
  }
  return {
    kind: 'token',
    user: principalUser(user),
    abilities: effectiveAbilities(user.role as Me['role'], token.abilities),
    sessionId: undefined,
    tokenId: token.id,
  };
}

export function toMe(deps: AppDeps, principal: Principal): Me {
  return {
    ...principal.user,
    abilities: [...principal.abilities],
    authMethod: principal.kind,
    csrfToken: principal.sessionId ? csrfTokenFor(deps, principal.sessionId) : null,
  };
}
