import {
  canManageRole,
  type CreateUser,
  type ListUsersQuery,
  type Page,
  type UpdateUser,
  type User,
} from '@jaring/contracts';
import { decodeCreatedCursor, toPage } from '../../lib/cursor.ts';
import { DomainError, forbidden, notFound } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/password.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { deleteSessionsOfUser } from '../sessions/queries.ts';
import {
  countOtherActiveOwners,
  deleteUserRow,
  findUserById,
  insertUser,
  lockUser,
  selectUsers,
  updateUserRow,
  type UserRow,
} from './queries.ts';

export function toUserDto(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as User['role'],
    locale: row.locale as User['locale'],
    disabled: row.disabledAt !== null,
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a user: everything but credentials and counters. */
function auditView(row: UserRow): Record<string, unknown> {
  const { passwordHash: _p, failedLoginCount: _f, lastLoginAt: _l, ...rest } = row;
  return rest;
}

function actorRole(ctx: RequestContext): User['role'] {
  if (!ctx.principal) throw new DomainError('unauthenticated', 'Authentication required');
  return ctx.principal.user.role;
}

export async function listUsers(deps: AppDeps, q: ListUsersQuery): Promise<Page<User>> {
  const rows = await selectUsers(deps.db, {
    limit: q.limit + 1,
    after: q.cursor ? decodeCreatedCursor(q.cursor) : undefined,
    q: q.q,
    role: q.role,
  });
  return toPage(rows, q.limit, toUserDto);
}

export async function getUser(deps: AppDeps, id: string): Promise<User> {
  const row = await findUserById(deps.db, id);
  if (!row) throw notFound('User');
  return toUserDto(row);
}

export async function createUser(
  deps: AppDeps,
  ctx: RequestContext,
  input: CreateUser,
): Promise<User> {
  if (!canManageRole(actorRole(ctx), input.role)) {
    throw forbidden(`Only an owner can create a user with role ${input.role}`);
  }
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const row = await insertUser(tx, {
      email: input.email,
      name: input.name,
      role: input.role,
      locale: input.locale,
      passwordHash,
    });
    if (!row) {
      throw new DomainError('email_taken', 'A user with this email already exists', {
        fields: [{ path: 'email', message: 'already in use', code: 'email_taken' }],
      });
    }
    await recordAudit(tx, ctx, {
      action: 'user.created',
      entityType: 'user',
      entityId: row.id,
      after: auditView(row),
    });
    return toUserDto(row);
  });
}

export async function updateUser(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: UpdateUser,
): Promise<User> {
  const role = actorRole(ctx);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return deps.db.transaction(async (tx) => {
    const before = await lockUser(tx, id);
    if (!before) throw notFound('User');
    const beforeRole = before.role as User['role'];
    if (!canManageRole(role, beforeRole)) throw forbidden('Only an owner can change an owner');
    if (input.role && !canManageRole(role, input.role)) {
      throw forbidden(`Only an owner can grant the role ${input.role}`);
    }
    const losesOwner =
      beforeRole === 'owner' && ((input.role && input.role !== 'owner') || input.disabled === true);
    if (losesOwner && (await countOtherActiveOwners(tx, id)) === 0) {
      throw new DomainError('last_owner', 'The last active owner cannot be demoted or disabled');
    }
    const now = deps.clock.now();
    const after = await updateUserRow(tx, id, {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.role === undefined ? {} : { role: input.role }),
      ...(input.locale === undefined ? {} : { locale: input.locale }),
      ...(passwordHash === undefined ? {} : { passwordHash }),
      ...(input.disabled === undefined
        ? {}
        : { disabledAt: input.disabled ? (before.disabledAt ?? now) : null }),
      ...(input.unlock ? { lockedUntil: null, failedLoginCount: 0 } : {}),
      updatedAt: now,
    });
    if (!after) throw notFound('User');
    // A new password, a lost role or a disabled account must not leave old sessions usable.
    const revoke =
      passwordHash !== undefined ||
      input.disabled === true ||
      (input.role !== undefined && input.role !== beforeRole);
    if (revoke) await deleteSessionsOfUser(tx, id, ctx.principal?.sessionId);
    await recordAudit(tx, ctx, {
      action: passwordHash ? 'user.updated.password' : 'user.updated',
      entityType: 'user',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return toUserDto(after);
  });
}

export async function deleteUser(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  const role = actorRole(ctx);
  if (ctx.principal?.user.id === id) {
    throw new DomainError('conflict', 'You cannot delete your own account');
  }
  await deps.db.transaction(async (tx) => {
    const before = await lockUser(tx, id);
    if (!before) throw notFound('User');
    if (!canManageRole(role, before.role as User['role'])) {
      throw forbidden('Only an owner can delete an owner');
    }
    if (before.role === 'owner' && (await countOtherActiveOwners(tx, id)) === 0) {
      throw new DomainError('last_owner', 'The last active owner cannot be deleted');
    }
    await deleteUserRow(tx, id);
    await recordAudit(tx, ctx, {
      action: 'user.deleted',
      entityType: 'user',
      entityId: id,
      before: auditView(before),
    });
  });
}
