import type { ApiToken, CreatedToken, CreateToken } from '@jaring/contracts';
import { hashToken, randomToken } from '../../crypto/tokens.ts';
import { DomainError, forbidden, notFound } from '../../lib/errors.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import { TOKEN_PREFIX } from '../auth/policy.ts';
import type { Principal, RequestContext } from '../auth/principal.ts';
import {
  countTokensOfUser,
  deleteTokenOfUser,
  insertToken,
  selectTokensOfUser,
  type TokenRow,
} from './queries.ts';

const MAX_TOKENS_PER_USER = 50;

function toDto(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    abilities: row.abilities as ApiToken['abilities'],
    prefix: row.prefix,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function requirePrincipal(ctx: RequestContext): Principal {
  if (!ctx.principal) throw new DomainError('unauthenticated', 'Authentication required');
  return ctx.principal;
}

export async function listTokens(deps: AppDeps, ctx: RequestContext): Promise<ApiToken[]> {
  const p = requirePrincipal(ctx);
  return (await selectTokensOfUser(deps.db, p.user.id)).map(toDto);
}

export async function createToken(
  deps: AppDeps,
  ctx: RequestContext,
  input: CreateToken,
): Promise<CreatedToken> {
  const p = requirePrincipal(ctx);
  // The caller's own abilities bound what it can hand out: a token cannot mint a stronger token.
  const missing = input.abilities.filter((a) => !p.abilities.has(a));
  if (missing.length > 0)
    throw forbidden(`You cannot grant abilities you do not have: ${missing.join(', ')}`);
  const now = deps.clock.now();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) {
    throw new DomainError('validation_failed', 'Expiry must be in the future', {
      fields: [{ path: 'expiresAt', message: 'must be in the future', code: 'too_small' }],
    });
  }
  const secret = randomToken(30);
  const plainTextToken = `${TOKEN_PREFIX}${secret}`;
  return deps.db.transaction(async (tx) => {
    if ((await countTokensOfUser(tx, p.user.id)) >= MAX_TOKENS_PER_USER) {
      throw new DomainError(
        'conflict',
        `A user can hold at most ${MAX_TOKENS_PER_USER} API tokens`,
      );
    }
    const row = await insertToken(tx, {
      userId: p.user.id,
      name: input.name,
      tokenHash: hashToken(plainTextToken),
      prefix: plainTextToken.slice(0, TOKEN_PREFIX.length + 6),
      abilities: [...new Set(input.abilities)],
      expiresAt,
      createdAt: now,
    });
    const dto = toDto(row);
    await recordAudit(tx, ctx, {
      action: 'token.created',
      entityType: 'api_token',
      entityId: row.id,
      after: dto,
    });
    return { token: dto, plainTextToken };
  });
}

export async function revokeToken(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  const p = requirePrincipal(ctx);
  await deps.db.transaction(async (tx) => {
    const row = await deleteTokenOfUser(tx, p.user.id, id);
    if (!row) throw notFound('API token');
    await recordAudit(tx, ctx, {
      action: 'token.revoked',
      entityType: 'api_token',
      entityId: id,
      before: toDto(row),
    });
  });
}
