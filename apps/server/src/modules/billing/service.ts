import type { Charge, CreateCharge, CreateDiscount, Discount } from '@jaring/contracts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { invalidField } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { findCustomer } from '../customers/queries.ts';
import { resellerScope } from '../customers/service.ts';
import { findSubscription } from '../subscriptions/queries.ts';
import {
  deleteDiscountRow,
  deletePendingAdjustment,
  insertAdjustment,
  insertDiscount,
  lockAdjustment,
  selectCustomerAdjustments,
  selectDiscounts,
  type AdjustmentRow,
  type DiscountRow,
} from './queries.ts';

export function toChargeDto(row: AdjustmentRow): Charge {
  return {
    id: row.id,
    customerId: row.customerId,
    subscriptionId: row.subscriptionId,
    kind: row.kind as Charge['kind'],
    description: row.description,
    quantity: row.quantity,
    unitAmount: row.unitAmount.toString(),
    amount: (row.unitAmount * BigInt(row.quantity)).toString(),
    taxRateBp: row.taxRateBp,
    status: row.invoiceId ? 'invoiced' : 'pending',
    invoiceId: row.invoiceId,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toDiscountDto(row: DiscountRow): Discount {
  return {
    id: row.id,
    subscriptionId: row.subscriptionId,
    description: row.description,
    kind: row.kind as Discount['kind'],
    amount: row.amount === null ? null : row.amount.toString(),
    percentBp: row.percentBp,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    createdAt: row.createdAt.toISOString(),
  };
}

const auditCharge = (row: AdjustmentRow): Record<string, unknown> => ({
  ...toChargeDto(row),
});

export async function createCharge(
  deps: AppDeps,
  ctx: RequestContext,
  customerId: string,
  input: CreateCharge,
): Promise<Charge> {
  const resellerId = resellerScope(ctx);
  return deps.db.transaction(async (tx) => {
    if (!(await findCustomer(tx, customerId, resellerId))) throw notFound('Customer');
    if (input.subscriptionId) {
      const sub = await findSubscription(tx, input.subscriptionId, resellerId);
      if (!sub || sub.customerId !== customerId) {
        throw invalidField('subscriptionId', 'Not a subscription of this customer', 'not_found');
      }
      if (sub.status === 'terminated') {
        throw invalidField('subscriptionId', 'The subscription is terminated', 'terminated');
      }
    }
    const row = await insertAdjustment(tx, {
      customerId,
      subscriptionId: input.subscriptionId ?? null,
      kind: 'one_off',
      description: input.description,
      quantity: input.quantity,
      unitAmount: BigInt(input.unitAmount),
      taxRateBp: input.taxRateBp,
      createdBy: ctx.principal?.user.id ?? null,
      createdAt: deps.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'charge.created',
      entityType: 'customer',
      entityId: customerId,
      after: auditCharge(row),
    });
    return toChargeDto(row);
  });
}

export async function listCharges(
  deps: AppDeps,
  ctx: RequestContext,
  customerId: string,
): Promise<Charge[]> {
  if (!(await findCustomer(deps.db, customerId, resellerScope(ctx)))) throw notFound('Customer');
  return (await selectCustomerAdjustments(deps.db, customerId)).map(toChargeDto);
}

/** Only a pending one-off charge can be withdrawn; billed ones are corrected by reissuing. */
export async function deleteCharge(
  deps: AppDeps,
  ctx: RequestContext,
  customerId: string,
  chargeId: string,
): Promise<void> {
  const resellerId = resellerScope(ctx);
  await deps.db.transaction(async (tx) => {
    if (!(await findCustomer(tx, customerId, resellerId))) throw notFound('Customer');
    const row = await lockAdjustment(tx, customerId, chargeId);
    if (!row) throw notFound('Charge');
    if (row.kind !== 'one_off' || row.invoiceId !== null) {
      throw new DomainError(
        'invalid_transition',
        row.invoiceId
          ? 'This charge is already on an invoice; void and reissue the invoice instead'
          : 'Only one-off charges can be deleted',
      );
    }
    if (!(await deletePendingAdjustment(tx, row.id))) {
      throw new DomainError('invalid_transition', 'This charge is already on an invoice');
    }
    await recordAudit(tx, ctx, {
      action: 'charge.deleted',
      entityType: 'customer',
      entityId: customerId,
      before: auditCharge(row),
    });
  });
}

async function visibleSubscription(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  executor = deps.db,
): Promise<{ id: string; status: string }> {
  const sub = await findSubscription(executor, id, resellerScope(ctx));
  if (!sub) throw notFound('Subscription');
  return sub;
}

export async function createDiscount(
  deps: AppDeps,
  ctx: RequestContext,
  subscriptionId: string,
  input: CreateDiscount,
): Promise<Discount> {
  return deps.db.transaction(async (tx) => {
    const sub = await visibleSubscription(deps, ctx, subscriptionId, tx);
    if (sub.status === 'terminated') {
      throw new DomainError(
        'invalid_transition',
        'A terminated subscription cannot get a discount',
      );
    }
    const row = await insertDiscount(tx, {
      subscriptionId,
      description: input.description,
      kind: input.kind,
      amount: input.kind === 'fixed' && input.amount !== undefined ? BigInt(input.amount) : null,
      percentBp: input.kind === 'percent' ? (input.percentBp ?? null) : null,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      createdBy: ctx.principal?.user.id ?? null,
      createdAt: deps.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'discount.created',
      entityType: 'subscription',
      entityId: subscriptionId,
      after: { ...toDiscountDto(row) },
    });
    return toDiscountDto(row);
  });
}

export async function listDiscounts(
  deps: AppDeps,
  ctx: RequestContext,
  subscriptionId: string,
): Promise<Discount[]> {
  await visibleSubscription(deps, ctx, subscriptionId);
  return (await selectDiscounts(deps.db, subscriptionId)).map(toDiscountDto);
}

/** Removing a discount stops it for the periods not invoiced yet; issued invoices keep theirs. */
export async function deleteDiscount(
  deps: AppDeps,
  ctx: RequestContext,
  subscriptionId: string,
  discountId: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await visibleSubscription(deps, ctx, subscriptionId, tx);
    const row = await deleteDiscountRow(tx, subscriptionId, discountId);
    if (!row) throw notFound('Discount');
    await recordAudit(tx, ctx, {
      action: 'discount.deleted',
      entityType: 'subscription',
      entityId: subscriptionId,
      before: { ...toDiscountDto(row) },
    });
  });
}
