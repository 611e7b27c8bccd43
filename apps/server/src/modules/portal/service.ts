import type {
  CreatePortalLink,
  Locale,
  Page,
  PortalChangePassword,
  PortalInvoice,
  PortalInvoiceDetail,
  PortalListQuery,
  PortalLink,
  PortalLogin,
  PortalMe,
  PortalPayment,
  PortalProfile,
  PortalSubscription,
} from '@jaring/contracts';
import type { Executor } from '../../db/database.ts';
import { hashToken, hmac, randomToken, safeEqual } from '../../crypto/tokens.ts';
import { decodeCreatedCursor, toPage } from '../../lib/cursor.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { burnVerify, hashPassword, verifyPassword } from '../../lib/password.ts';
import { invalidField, pick } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { findCustomer, type CustomerRow } from '../customers/queries.ts';
import { resellerScope } from '../customers/service.ts';
import { selectInvoiceLines } from '../invoices/queries.ts';
import { toInvoiceDto } from '../invoices/service.ts';
import { PORTAL_POLICY } from './policy.ts';
import {
  consumePortalLink,
  deleteCustomerPortalSessions,
  deletePortalSession,
  findCustomerById,
  findCustomerInvoice,
  findCustomersByLogin,
  findLivePortalSession,
  insertPortalLink,
  insertPortalSession,
  outstandingOf,
  selectCustomerInvoices,
  selectCustomerPayments,
  selectCustomerSubscriptions,
  selectInvoiceSettlements,
  selectPaymentAllocations,
  touchPortalSession,
  updatePortalCustomer,
} from './queries.ts';

/** The signed-in customer of a portal request. */
export interface PortalCaller {
  customerId: string;
  /** SHA-256 of the session cookie: the session's identity. */
  tokenHash: string;
}

export interface PortalSessionStart {
  token: string;
  expiresAt: Date;
  caller: PortalCaller;
}

// ---------------------------------------------------------------------------------------------
// Sessions and CSRF

export function portalCsrfToken(deps: AppDeps, tokenHash: string): string {
  // A different label from staff CSRF tokens: one can never stand in for the other.
  return hmac(deps.csrfKey, `portal-csrf:${tokenHash}`);
}

export function verifyPortalCsrf(
  deps: AppDeps,
  tokenHash: string,
  presented: string | undefined,
): boolean {
  return presented !== undefined && safeEqual(portalCsrfToken(deps, tokenHash), presented);
}

/**
 * The session a cookie names, or null. Use slides the expiry forward, written at most once a
 * minute so a busy page does not update the row on every request; `renewedUntil` tells the caller
 * to refresh the cookie's own expiry.
 */
export async function authenticatePortalSession(
  deps: AppDeps,
  token: string,
): Promise<{ caller: PortalCaller; renewedUntil: Date | undefined } | null> {
  if (token.length > 200) return null;
  const now = deps.clock.now();
  const tokenHash = hashToken(token);
  const session = await findLivePortalSession(deps.db, tokenHash, now);
  if (!session) return null;
  let renewedUntil: Date | undefined;
  if (now.getTime() - session.lastSeenAt.getTime() > PORTAL_POLICY.touchEveryMs) {
    renewedUntil = new Date(now.getTime() + PORTAL_POLICY.sessionIdleMs);
    await touchPortalSession(deps.db, tokenHash, now, renewedUntil);
  }
  return { caller: { customerId: session.customerId, tokenHash }, renewedUntil };
}

async function startSession(
  deps: AppDeps,
  tx: Executor,
  ctx: RequestContext,
  customerId: string,
  via: 'password' | 'link',
): Promise<PortalSessionStart> {
  const now = deps.clock.now();
  const token = randomToken();
  const tokenHash = hashToken(token);
  const expiresAt = new Date(now.getTime() + PORTAL_POLICY.sessionIdleMs);
  await insertPortalSession(tx, {
    tokenHash,
    customerId,
    ip: ctx.ip || null,
    userAgent: ctx.userAgent?.slice(0, 400) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
  });
  await recordAudit(tx, ctx, {
    action: 'portal.login',
    entityType: 'customer',
    entityId: customerId,
    after: { via },
  });
  return { token, expiresAt, caller: { customerId, tokenHash } };
}

/** Refuses while the failures counted under `key` have reached `limit` in the current window. */
async function refuseIfThrottled(deps: AppDeps, key: string, limit: number): Promise<void> {
  const { count, retryAfterMs } = await deps.rateLimiter.peek(key);
  if (count >= limit) {
    throw new DomainError('rate_limited', 'Too many failed attempts; try again later', {
      retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
    });
  }
}

const badLogin = (): DomainError =>
  new DomainError('invalid_credentials', 'The customer number, username or password is incorrect');

/**
 * The customer whose password this is, among those the login names. Every path verifies one
 * argon2 hash at least, so an unknown login answers as slowly as a wrong password.
 */
async function verifyLogin(
  deps: AppDeps,
  login: string,
  password: string,
): Promise<CustomerRow | undefined> {
  const candidates = (await findCustomersByLogin(deps.db, login)).filter(
    (c) => c.portalPasswordHash !== null,
  );
  if (candidates.length === 0) {
    await burnVerify(password);
    return undefined;
  }
  for (const c of candidates) {
    if (await verifyPassword(c.portalPasswordHash!, password)) return c;
  }
  return undefined;
}

/**
 * Only failures count against the per-IP and per-login limits: a family signing in from one
 * address is never throttled, a guesser is. Unknown login and wrong password are one error.
 */
export async function portalLogin(
  deps: AppDeps,
  ctx: RequestContext,
  input: PortalLogin,
): Promise<PortalSessionStart> {
  const login = input.login.toLowerCase();
  const ipKey = `portal-login:ip:${ctx.ip}`;
  const loginKey = `portal-login:id:${login}`;
  await refuseIfThrottled(deps, ipKey, PORTAL_POLICY.ipAttempts);
  await refuseIfThrottled(deps, loginKey, PORTAL_POLICY.loginAttempts);
  const customer = await verifyLogin(deps, login, input.password);
  if (!customer) {
    await deps.rateLimiter.hit(ipKey, PORTAL_POLICY.ipAttempts, PORTAL_POLICY.ipWindowMs);
    await deps.rateLimiter.hit(loginKey, PORTAL_POLICY.loginAttempts, PORTAL_POLICY.loginWindowMs);
    throw badLogin();
  }
  const started = await deps.db.transaction((tx) =>
    startSession(deps, tx, ctx, customer.id, 'password'),
  );
  await deps.rateLimiter.reset(loginKey);
  return started;
}

export async function portalLogout(
  deps: AppDeps,
  ctx: RequestContext,
  caller: PortalCaller,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await deletePortalSession(tx, caller.tokenHash);
    await recordAudit(tx, ctx, {
      action: 'portal.logout',
      entityType: 'customer',
      entityId: caller.customerId,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// One-time login links

/**
 * A one-time login link for a customer, optionally landing on one of its invoices. For the
 * staff endpoint and for reminders (dunning/notifications put it in the message); the caller
 * audits. Only the token's hash is stored: the URL exists in the returned value alone.
 */
export async function createPortalLink(
  deps: AppDeps,
  tx: Executor,
  customerId: string,
  invoiceId?: string,
): Promise<PortalLink & { token: string }> {
  if (invoiceId !== undefined && !(await findCustomerInvoice(tx, customerId, invoiceId))) {
    throw invalidField('invoiceId', 'This customer has no such invoice', 'not_found');
  }
  const now = deps.clock.now();
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + PORTAL_POLICY.linkTtlMs);
  await insertPortalLink(tx, {
    tokenHash: hashToken(token),
    customerId,
    invoiceId: invoiceId ?? null,
    createdAt: now,
    expiresAt,
  });
  return {
    token,
    url: `${deps.config.appUrl}/portal/link/${token}`,
    expiresAt: expiresAt.toISOString(),
  };
}

export async function createPortalLinkForCustomer(
  deps: AppDeps,
  ctx: RequestContext,
  customerId: string,
  input: CreatePortalLink,
): Promise<PortalLink> {
  return deps.db.transaction(async (tx) => {
    const customer = await findCustomer(tx, customerId, resellerScope(ctx));
    if (!customer) throw notFound('Customer');
    const link = await createPortalLink(deps, tx, customer.id, input.invoiceId);
    await recordAudit(tx, ctx, {
      action: 'customer.portal_link_created',
      entityType: 'customer',
      entityId: customer.id,
      after: { invoiceId: input.invoiceId ?? null, expiresAt: link.expiresAt },
    });
    return { url: link.url, expiresAt: link.expiresAt };
  });
}

/** Trades a link for a session, once; used, expired and unknown links are one error. */
export async function exchangePortalLink(
  deps: AppDeps,
  ctx: RequestContext,
  token: string,
): Promise<PortalSessionStart & { invoiceId: string | null }> {
  const ipKey = `portal-login:ip:${ctx.ip}`;
  await refuseIfThrottled(deps, ipKey, PORTAL_POLICY.ipAttempts);
  const result = await deps.db.transaction(async (tx) => {
    const link = await consumePortalLink(tx, hashToken(token), deps.clock.now());
    if (!link) return undefined;
    const started = await startSession(deps, tx, ctx, link.customerId, 'link');
    const invoice = link.invoiceId
      ? await findCustomerInvoice(tx, link.customerId, link.invoiceId)
      : undefined;
    return { ...started, invoiceId: invoice?.id ?? null };
  });
  if (!result) {
    await deps.rateLimiter.hit(ipKey, PORTAL_POLICY.ipAttempts, PORTAL_POLICY.ipWindowMs);
    throw new DomainError(
      'invalid_credentials',
      'This login link is invalid, has expired or was already used',
    );
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Staff: portal password

export async function setPortalPassword(
  deps: AppDeps,
  ctx: RequestContext,
  customerId: string,
  password: string,
): Promise<void> {
  const portalPasswordHash = await hashPassword(password);
  await deps.db.transaction(async (tx) => {
    const customer = await findCustomer(tx, customerId, resellerScope(ctx), true);
    if (!customer) throw notFound('Customer');
    await updatePortalCustomer(tx, customer.id, {
      portalPasswordHash,
      updatedAt: deps.clock.now(),
    });
    // A new password set by the operator ends every session signed in with the old one.
    const ended = await deleteCustomerPortalSessions(tx, customer.id);
    await recordAudit(tx, ctx, {
      action: 'customer.portal_password_set',
      entityType: 'customer',
      entityId: customer.id,
      before: { hasPortalLogin: customer.portalPasswordHash !== null },
      after: { hasPortalLogin: true, sessionsEnded: ended },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The customer's own data. Every query names the caller's customer id: no id from the request
// ever reaches another customer's rows.

function toSubscription(row: {
  id: string;
  type: string;
  username: string;
  status: string;
  isolatedBy: string | null;
  planName: string;
  downloadKbps: number;
  uploadKbps: number;
}): PortalSubscription {
  const status = row.status as PortalSubscription['status'];
  return {
    id: row.id,
    type: row.type as PortalSubscription['type'],
    username: row.username,
    planName: row.planName,
    downloadKbps: row.downloadKbps,
    uploadKbps: row.uploadKbps,
    status,
    isolatedReason:
      status === 'isolated' ? (row.isolatedBy === 'dunning' ? 'unpaid' : 'operator') : null,
  };
}

export async function portalMe(deps: AppDeps, caller: PortalCaller): Promise<PortalMe> {
  const customer = await findCustomerById(deps.db, caller.customerId);
  if (!customer) throw notFound('Customer');
  const subs = await selectCustomerSubscriptions(deps.db, customer.id);
  const { outstanding, overdue } = await outstandingOf(deps.db, customer.id);
  return {
    customer: {
      id: customer.id,
      number: customer.number,
      name: customer.name,
      phone: customer.phone,
      email: customer.email,
      address: customer.address,
      locale: customer.locale as Locale,
      hasPassword: customer.portalPasswordHash !== null,
    },
    subscriptions: subs.map(toSubscription),
    creditBalance: customer.creditBalance.toString(),
    outstanding: outstanding.toString(),
    overdueInvoices: overdue,
    csrfToken: portalCsrfToken(deps, caller.tokenHash),
  };
}

export async function portalInvoices(
  deps: AppDeps,
  caller: PortalCaller,
  q: PortalListQuery,
): Promise<Page<PortalInvoice>> {
  const rows = await selectCustomerInvoices(
    deps.db,
    caller.customerId,
    q.limit + 1,
    q.cursor ? decodeCreatedCursor(q.cursor) : undefined,
  );
  return toPage(rows, q.limit, toInvoiceDto);
}

export async function portalInvoice(
  deps: AppDeps,
  caller: PortalCaller,
  invoiceId: string,
): Promise<PortalInvoiceDetail> {
  const row = await findCustomerInvoice(deps.db, caller.customerId, invoiceId);
  if (!row) throw notFound('Invoice');
  const lines = await selectInvoiceLines(deps.db, row.id);
  const settlements = await selectInvoiceSettlements(deps.db, row.id);
  return {
    ...toInvoiceDto(row),
    lines: lines.map((l) => ({
      position: l.position,
      kind: l.kind as PortalInvoiceDetail['lines'][number]['kind'],
      description: l.description,
      quantity: l.quantity,
      unitAmount: l.unitAmount.toString(),
      amount: l.amount.toString(),
      taxRateBp: l.taxRateBp,
      tax: l.tax.toString(),
    })),
    payments: settlements.map((s) => ({
      source: s.source as 'payment' | 'credit',
      paymentNumber: s.paymentNumber,
      method: s.method as PortalInvoiceDetail['payments'][number]['method'],
      amount: s.amount.toString(),
      at: (s.receivedAt ?? s.createdAt).toISOString(),
      reversed: s.reversedAt !== null,
    })),
  };
}

export async function portalPayments(
  deps: AppDeps,
  caller: PortalCaller,
  q: PortalListQuery,
): Promise<Page<PortalPayment>> {
  const rows = await selectCustomerPayments(
    deps.db,
    caller.customerId,
    q.limit + 1,
    q.cursor ? decodeCreatedCursor(q.cursor) : undefined,
  );
  const allocations = await selectPaymentAllocations(
    deps.db,
    rows.slice(0, q.limit).map((r) => r.id),
  );
  return toPage(rows, q.limit, (r) => ({
    id: r.id,
    number: r.number,
    method: r.method as PortalPayment['method'],
    channel: r.channel,
    amount: r.amount.toString(),
    credited: r.credited.toString(),
    receivedAt: r.receivedAt.toISOString(),
    status: r.status as PortalPayment['status'],
    invoices: allocations
      .filter((a) => a.paymentId === r.id)
      .map((a) => ({
        invoiceId: a.invoiceId,
        invoiceNumber: a.invoiceNumber,
        amount: a.amount.toString(),
      })),
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function updatePortalProfile(
  deps: AppDeps,
  ctx: RequestContext,
  caller: PortalCaller,
  input: PortalProfile,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await findCustomerById(tx, caller.customerId, true);
    if (!before) throw notFound('Customer');
    const changes = pick(input, ['phone', 'email', 'locale']);
    const after = await updatePortalCustomer(tx, before.id, {
      ...changes,
      updatedAt: deps.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'portal.profile_updated',
      entityType: 'customer',
      entityId: before.id,
      before: { phone: before.phone, email: before.email, locale: before.locale },
      after: { phone: after?.phone, email: after?.email, locale: after?.locale },
    });
  });
}

/** Changing the password ends the customer's other sessions (a lost phone stays signed out). */
export async function changePortalPassword(
  deps: AppDeps,
  ctx: RequestContext,
  caller: PortalCaller,
  input: PortalChangePassword,
): Promise<void> {
  const key = `portal-password:${caller.customerId}`;
  await refuseIfThrottled(deps, key, PORTAL_POLICY.passwordAttempts);
  const customer = await findCustomerById(deps.db, caller.customerId);
  if (!customer) throw notFound('Customer');
  if (customer.portalPasswordHash !== null) {
    const ok =
      input.currentPassword !== undefined &&
      (await verifyPassword(customer.portalPasswordHash, input.currentPassword));
    if (!ok) {
      await deps.rateLimiter.hit(
        key,
        PORTAL_POLICY.passwordAttempts,
        PORTAL_POLICY.passwordWindowMs,
      );
      throw invalidField('currentPassword', 'The current password is not correct', 'incorrect');
    }
  }
  const portalPasswordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await updatePortalCustomer(tx, customer.id, {
      portalPasswordHash,
      updatedAt: deps.clock.now(),
    });
    const ended = await deleteCustomerPortalSessions(tx, customer.id, caller.tokenHash);
    await recordAudit(tx, ctx, {
      action: 'portal.password_changed',
      entityType: 'customer',
      entityId: customer.id,
      after: { sessionsEnded: ended },
    });
  });
  await deps.rateLimiter.reset(key);
}
