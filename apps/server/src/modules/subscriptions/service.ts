import type {
  ChangePlan,
  CreateSubscription,
  ListSubscriptionsQuery,
  MoveSubscription,
  Page,
  Subscription,
  SubscriptionAction,
  SubscriptionCredentials,
  SubscriptionStatus,
  UpdateSubscriptionBilling,
  UpdateSubscriptionCredentials,
} from '@jaring/contracts';
import { randomInt } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import { decodeCreatedCursor, toPage } from '../../lib/cursor.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { invalidField, onUnique } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { findCustomer } from '../customers/queries.ts';
import {
  periodAt,
  periodIndexOf,
  type BillingAnchor,
  type BillingPeriodKind,
  type BillingTerms,
} from '../billing/periods.ts';
import { creditPlanChange } from '../billing/plan-change.ts';
import { resellerScope } from '../customers/service.ts';
import { findPlan, planCarriedBy, type PlanRow } from '../plans/queries.ts';
import { markRouterChanged } from '../reconcile/sync-request.ts';
import {
  findSubscription,
  findSubscriptionView,
  insertSubscription,
  routerExists,
  routerSyncedRevision,
  selectSubscriptions,
  staticIpTaken,
  type SubscriptionRow,
  type SubscriptionView,
  updateSubscriptionRow,
} from './queries.ts';

export const PASSWORD_CONTEXT = 'subscriptions.password';

/** Which states each lifecycle action may start from, and where it leads. */
export const TRANSITIONS: Readonly<
  Record<SubscriptionAction, { from: readonly SubscriptionStatus[]; to: SubscriptionStatus }>
> = {
  activate: { from: ['pending'], to: 'active' },
  isolate: { from: ['active'], to: 'isolated' },
  restore: { from: ['isolated', 'suspended'], to: 'active' },
  suspend: { from: ['active', 'isolated'], to: 'suspended' },
  terminate: { from: ['pending', 'active', 'isolated', 'suspended'], to: 'terminated' },
};

export function toSubscriptionDto(row: SubscriptionView): Subscription {
  return {
    id: row.id,
    customerId: row.customerId,
    planId: row.planId,
    routerId: row.routerId,
    type: row.type as Subscription['type'],
    username: row.username,
    staticIp: row.staticIp,
    status: row.status as SubscriptionStatus,
    startDate: row.startDate,
    billingDay: row.billingDay,
    billingAnchor: row.billingAnchor as Subscription['billingAnchor'],
    billingMode: row.billingMode as Subscription['billingMode'],
    invoiceLeadDays: row.invoiceLeadDays,
    dueOffsetDays: row.dueOffsetDays,
    graceDays: row.graceDays,
    autoIsolate: row.autoIsolate,
    nextPlanId: row.nextPlanId,
    nextPlanFrom: row.nextPlanFrom,
    routerSync: row.routerRevision > row.routerSyncedRevision ? 'pending' : 'synced',
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log keeps: never the service password, not even encrypted. */
function auditView(row: SubscriptionRow): Record<string, unknown> {
  const { passwordEnc: _p, ...rest } = row;
  return rest;
}

const ALPHANUMERIC = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 10 random letters and digits, without look-alikes (0/O, 1/l/I), easy to read out. */
export function generateServicePassword(length = 10): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** Today's date (YYYY-MM-DD) where the ISP is. */
/** The calendar date now in the operator's timezone (YYYY-MM-DD). */
export function today(deps: AppDeps): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: deps.config.timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(deps.clock.now());
}

/** A subscription's billing terms as periods.ts reads them (the plan gives the period length). */
export function billingTermsOf(
  row: Pick<SubscriptionRow, 'startDate' | 'billingAnchor' | 'billingDay'>,
  plan: Pick<PlanRow, 'billingPeriod'>,
  fallbackStart = '2000-01-01',
): BillingTerms {
  return {
    startDate: row.startDate ?? fallbackStart,
    anchor: row.billingAnchor as BillingAnchor,
    billingDay: row.billingDay,
    period: plan.billingPeriod as BillingPeriodKind,
  };
}

/** The first day of the period after the one containing `date` (or of the first period, before it starts). */
export function nextPeriodStart(terms: BillingTerms, date: string): string {
  if (date < terms.startDate) return terms.startDate;
  return periodAt(terms, periodIndexOf(terms, date) + 1).start;
}

async function view(tx: Executor, row: SubscriptionRow): Promise<Subscription> {
  const synced = (await routerSyncedRevision(tx, row.routerId)) ?? 0n;
  return toSubscriptionDto({ ...row, routerSyncedRevision: synced });
}

const usernameTaken = (): DomainError =>
  new DomainError('username_taken', 'This user name is already used by another subscription', {
    fields: [{ path: 'username', message: 'already in use', code: 'username_taken' }],
  });

const staticIpClash = (ip: string): DomainError =>
  new DomainError('static_ip_taken', `${ip} is already assigned on this router`, {
    fields: [
      { path: 'staticIp', message: 'already assigned on this router', code: 'static_ip_taken' },
    ],
  });

async function planFor(tx: Executor, planId: string, path: string): Promise<PlanRow> {
  const plan = await findPlan(tx, planId);
  if (!plan) throw invalidField(path, 'Plan not found', 'not_found');
  return plan;
}

async function checkCarried(
  tx: Executor,
  plan: PlanRow,
  routerId: string,
  path: string,
): Promise<void> {
  if (!(await planCarriedBy(tx, plan.id, routerId))) {
    throw invalidField(
      path,
      `Plan ${plan.name} is not carried by this router`,
      'plan_not_on_router',
    );
  }
}

/** Marks routers changed in a stable order; returns the revision of each. */
async function markRouters(
  deps: AppDeps,
  tx: Executor,
  routerIds: string[],
): Promise<Map<string, bigint>> {
  const out = new Map<string, bigint>();
  for (const id of [...new Set(routerIds)].sort())
    out.set(id, await markRouterChanged(deps, tx, id));
  return out;
}

export async function listSubscriptions(
  deps: AppDeps,
  ctx: RequestContext,
  q: ListSubscriptionsQuery,
): Promise<Page<Subscription>> {
  const resellerId = resellerScope(ctx);
  const rows = await selectSubscriptions(deps.db, {
    limit: q.limit + 1,
    ...(q.cursor ? { after: decodeCreatedCursor(q.cursor) } : {}),
    ...(resellerId ? { resellerId } : {}),
    ...(q.customerId ? { customerId: q.customerId } : {}),
    ...(q.routerId ? { routerId: q.routerId } : {}),
    ...(q.planId ? { planId: q.planId } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.q ? { q: q.q } : {}),
  });
  return toPage(rows, q.limit, toSubscriptionDto);
}

export async function listCustomerSubscriptions(
  deps: AppDeps,
  ctx: RequestContext,
  customerId: string,
  q: ListSubscriptionsQuery,
): Promise<Page<Subscription>> {
  if (!(await findCustomer(deps.db, customerId, resellerScope(ctx)))) throw notFound('Customer');
  return listSubscriptions(deps, ctx, { ...q, customerId });
}

export async function getSubscription(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<Subscription> {
  const row = await findSubscriptionView(deps.db, id, resellerScope(ctx));
  if (!row) throw notFound('Subscription');
  return toSubscriptionDto(row);
}

export async function createSubscription(
  deps: AppDeps,
  ctx: RequestContext,
  input: CreateSubscription,
): Promise<Subscription> {
  const resellerId = resellerScope(ctx);
  return deps.db.transaction(async (tx) => {
    if (!(await findCustomer(tx, input.customerId, resellerId))) {
      throw invalidField('customerId', 'Customer not found', 'not_found');
    }
    const plan = await planFor(tx, input.planId, 'planId');
    if (!plan.active)
      throw invalidField('planId', `Plan ${plan.name} is no longer offered`, 'inactive');
    if (!(await routerExists(tx, input.routerId))) {
      throw invalidField('routerId', 'Router not found', 'not_found');
    }
    await checkCarried(tx, plan, input.routerId, 'routerId');
    if (plan.type === 'static' && !input.staticIp) {
      throw invalidField('staticIp', 'A static plan needs a static IP', 'required');
    }
    // Bumping the router's revision locks its row: concurrent sign-ups on one router queue here,
    // so the static IP check below cannot race.
    const revision = await markRouterChanged(deps, tx, input.routerId);
    if (input.staticIp && (await staticIpTaken(tx, input.routerId, input.staticIp, undefined))) {
      throw staticIpClash(input.staticIp);
    }
    const password = input.password ?? generateServicePassword();
    const now = deps.clock.now();
    const row = await insertSubscription(tx, {
      customerId: input.customerId,
      planId: plan.id,
      routerId: input.routerId,
      type: plan.type,
      username: input.username,
      passwordEnc: deps.secretBox.encrypt(password, PASSWORD_CONTEXT),
      staticIp: input.staticIp ?? null,
      status: input.activate ? 'active' : 'pending',
      startDate: input.startDate ?? today(deps),
      billingDay: input.billingDay ?? null,
      ...(input.billingAnchor ? { billingAnchor: input.billingAnchor } : {}),
      ...(input.billingMode ? { billingMode: input.billingMode } : {}),
      ...(input.invoiceLeadDays === undefined ? {} : { invoiceLeadDays: input.invoiceLeadDays }),
      ...(input.dueOffsetDays === undefined ? {} : { dueOffsetDays: input.dueOffsetDays }),
      ...(input.graceDays === undefined ? {} : { graceDays: input.graceDays }),
      ...(input.autoIsolate === undefined ? {} : { autoIsolate: input.autoIsolate }),
      routerRevision: revision,
      createdAt: now,
      updatedAt: now,
    });
    if (!row) {
      // Only two unique keys can refuse it; the static IP one is checked above under the
      // router's lock, so this is the user name unless a writer slipped past that lock.
      if (input.staticIp && (await staticIpTaken(tx, input.routerId, input.staticIp, undefined))) {
        throw staticIpClash(input.staticIp);
      }
      throw usernameTaken();
    }
    await recordAudit(tx, ctx, {
      action: 'subscription.created',
      entityType: 'subscription',
      entityId: row.id,
      after: auditView(row),
    });
    return view(tx, row);
  });
}

/** Loads and locks a subscription the caller may see, inside the transaction. */
async function lockVisible(
  tx: Executor,
  ctx: RequestContext,
  id: string,
): Promise<SubscriptionRow> {
  const row = await findSubscription(tx, id, resellerScope(ctx), true);
  if (!row) throw notFound('Subscription');
  return row;
}

function refuseTerminated(row: SubscriptionRow, what: string): void {
  if (row.status === 'terminated') {
    throw new DomainError('invalid_transition', `A terminated subscription cannot ${what}`);
  }
}

export async function applyLifecycle(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  action: SubscriptionAction,
): Promise<Subscription> {
  const rule = TRANSITIONS[action];
  return deps.db.transaction(async (tx) => {
    const before = await lockVisible(tx, ctx, id);
    if (!rule.from.includes(before.status as SubscriptionStatus)) {
      throw new DomainError(
        'invalid_transition',
        `Cannot ${action} a subscription that is ${before.status} (allowed from: ${rule.from.join(', ')})`,
      );
    }
    const revision = await markRouterChanged(deps, tx, before.routerId);
    const after = await updateSubscriptionRow(tx, id, {
      status: rule.to,
      // A staff isolation is never lifted by a payment; only dunning's own isolations are.
      isolatedBy: action === 'isolate' ? 'staff' : null,
      routerRevision: revision,
      ...(action === 'terminate' ? { nextPlanId: null, nextPlanFrom: null } : {}),
      updatedAt: deps.clock.now(),
    });
    if (!after) throw notFound('Subscription');
    await recordAudit(tx, ctx, {
      action: `subscription.${action}`,
      entityType: 'subscription',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return view(tx, after);
  });
}

export async function changePlan(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: ChangePlan,
): Promise<Subscription> {
  return deps.db.transaction(async (tx) => {
    const before = await lockVisible(tx, ctx, id);
    refuseTerminated(before, 'change plan');
    const plan = await planFor(tx, input.planId, 'planId');
    if (plan.id === before.planId) {
      throw invalidField('planId', 'The subscription is already on this plan', 'unchanged');
    }
    if (!plan.active)
      throw invalidField('planId', `Plan ${plan.name} is no longer offered`, 'inactive');
    if (plan.type !== before.type) {
      throw invalidField(
        'planId',
        `A ${before.type} subscription cannot move to a ${plan.type} plan; create a new subscription`,
        'type_mismatch',
      );
    }
    await checkCarried(tx, plan, before.routerId, 'planId');
    let changes: Partial<SubscriptionRow>;
    if (input.effective === 'now') {
      const revision = await markRouterChanged(deps, tx, before.routerId);
      changes = { planId: plan.id, nextPlanId: null, nextPlanFrom: null, routerRevision: revision };
      const current = await planFor(tx, before.planId, 'planId');
      await creditPlanChange(deps, tx, ctx, before, current, plan, today(deps));
    } else {
      const current = await planFor(tx, before.planId, 'planId');
      changes = {
        nextPlanId: plan.id,
        nextPlanFrom: nextPeriodStart(billingTermsOf(before, current), today(deps)),
      };
    }
    const after = await updateSubscriptionRow(tx, id, { ...changes, updatedAt: deps.clock.now() });
    if (!after) throw notFound('Subscription');
    await recordAudit(tx, ctx, {
      action:
        input.effective === 'now'
          ? 'subscription.plan_changed'
          : 'subscription.plan_change_scheduled',
      entityType: 'subscription',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return view(tx, after);
  });
}

export async function moveSubscription(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: MoveSubscription,
): Promise<Subscription> {
  return deps.db.transaction(async (tx) => {
    const before = await lockVisible(tx, ctx, id);
    refuseTerminated(before, 'move');
    if (input.routerId === before.routerId) {
      throw invalidField('routerId', 'The subscription is already on this router', 'unchanged');
    }
    if (!(await routerExists(tx, input.routerId))) {
      throw invalidField('routerId', 'Router not found', 'not_found');
    }
    const plan = await planFor(tx, before.planId, 'planId');
    await checkCarried(tx, plan, input.routerId, 'routerId');
    if (before.nextPlanId && !(await planCarriedBy(tx, before.nextPlanId, input.routerId))) {
      throw invalidField(
        'routerId',
        'The scheduled next plan is not carried by this router',
        'plan_not_on_router',
      );
    }
    // Both routers change: the secret leaves one and appears on the other.
    const revisions = await markRouters(deps, tx, [before.routerId, input.routerId]);
    if (before.staticIp && (await staticIpTaken(tx, input.routerId, before.staticIp, id))) {
      throw staticIpClash(before.staticIp);
    }
    const after = await onUnique(
      updateSubscriptionRow(tx, id, {
        routerId: input.routerId,
        routerRevision: revisions.get(input.routerId) ?? 0n,
        updatedAt: deps.clock.now(),
      }),
      () => staticIpClash(before.staticIp ?? ''),
    );
    if (!after) throw notFound('Subscription');
    await recordAudit(tx, ctx, {
      action: 'subscription.moved',
      entityType: 'subscription',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return view(tx, after);
  });
}

export async function updateCredentials(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: UpdateSubscriptionCredentials,
): Promise<Subscription> {
  return deps.db.transaction(async (tx) => {
    const before = await lockVisible(tx, ctx, id);
    refuseTerminated(before, 'be changed');
    if (input.staticIp === null && before.type === 'static') {
      throw invalidField('staticIp', 'A static plan needs a static IP', 'required');
    }
    const ipChanged = input.staticIp !== undefined && input.staticIp !== before.staticIp;
    const routerChanges = input.password !== undefined || ipChanged;
    let revision: bigint | undefined;
    if (routerChanges) revision = await markRouterChanged(deps, tx, before.routerId);
    if (
      ipChanged &&
      input.staticIp &&
      (await staticIpTaken(tx, before.routerId, input.staticIp, id))
    ) {
      throw staticIpClash(input.staticIp);
    }
    const after = await onUnique(
      updateSubscriptionRow(tx, id, {
        ...(input.password === undefined
          ? {}
          : { passwordEnc: deps.secretBox.encrypt(input.password, PASSWORD_CONTEXT) }),
        ...(input.staticIp === undefined ? {} : { staticIp: input.staticIp }),
        ...(input.billingDay === undefined ? {} : { billingDay: input.billingDay }),
        ...(revision === undefined ? {} : { routerRevision: revision }),
        updatedAt: deps.clock.now(),
      }),
      () => staticIpClash(input.staticIp ?? ''),
    );
    if (!after) throw notFound('Subscription');
    await recordAudit(tx, ctx, {
      action:
        input.password === undefined ? 'subscription.updated' : 'subscription.updated.password',
      entityType: 'subscription',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return view(tx, after);
  });
}

/**
 * Changes the billing terms. Issued invoices keep their periods; the run bills the periods of the
 * new terms from the day after the last invoiced one. A scheduled plan change moves with the new
 * period boundaries.
 */
export async function updateBilling(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: UpdateSubscriptionBilling,
): Promise<Subscription> {
  return deps.db.transaction(async (tx) => {
    const before = await lockVisible(tx, ctx, id);
    refuseTerminated(before, 'be changed');
    const merged = {
      ...before,
      ...(input.billingAnchor ? { billingAnchor: input.billingAnchor } : {}),
      ...(input.billingDay === undefined ? {} : { billingDay: input.billingDay }),
    };
    let nextPlanFrom = before.nextPlanFrom;
    if (before.nextPlanId) {
      const plan = await planFor(tx, before.planId, 'planId');
      nextPlanFrom = nextPeriodStart(billingTermsOf(merged, plan, today(deps)), today(deps));
    }
    const after = await updateSubscriptionRow(tx, id, {
      ...(input.billingAnchor ? { billingAnchor: input.billingAnchor } : {}),
      ...(input.billingDay === undefined ? {} : { billingDay: input.billingDay }),
      ...(input.billingMode ? { billingMode: input.billingMode } : {}),
      ...(input.invoiceLeadDays === undefined ? {} : { invoiceLeadDays: input.invoiceLeadDays }),
      ...(input.dueOffsetDays === undefined ? {} : { dueOffsetDays: input.dueOffsetDays }),
      ...(input.graceDays === undefined ? {} : { graceDays: input.graceDays }),
      ...(input.autoIsolate === undefined ? {} : { autoIsolate: input.autoIsolate }),
      nextPlanFrom,
      updatedAt: deps.clock.now(),
    });
    if (!after) throw notFound('Subscription');
    await recordAudit(tx, ctx, {
      action: 'subscription.billing_updated',
      entityType: 'subscription',
      entityId: id,
      before: billingView(before),
      after: billingView(after),
    });
    return view(tx, after);
  });
}

function billingView(row: SubscriptionRow): Record<string, unknown> {
  return {
    billingAnchor: row.billingAnchor,
    billingDay: row.billingDay,
    billingMode: row.billingMode,
    invoiceLeadDays: row.invoiceLeadDays,
    dueOffsetDays: row.dueOffsetDays,
    graceDays: row.graceDays,
    autoIsolate: row.autoIsolate,
    nextPlanFrom: row.nextPlanFrom,
  };
}

/** The clear credentials, for the technician installing the CPE; every read is audited. */
export async function revealCredentials(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<SubscriptionCredentials> {
  return deps.db.transaction(async (tx) => {
    const row = await findSubscription(tx, id, resellerScope(ctx));
    if (!row) throw notFound('Subscription');
    await recordAudit(tx, ctx, {
      action: 'subscription.credentials_viewed',
      entityType: 'subscription',
      entityId: id,
    });
    return {
      username: row.username,
      password: row.passwordEnc ? deps.secretBox.decrypt(row.passwordEnc, PASSWORD_CONTEXT) : null,
      staticIp: row.staticIp,
    };
  });
}
