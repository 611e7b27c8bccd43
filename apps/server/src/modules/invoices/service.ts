import { sql } from 'drizzle-orm';
import type {
  CreateInvoice,
  Invoice,
  InvoiceLine,
  InvoiceRunResult,
  InvoiceStatus,
  InvoiceDetail,
  InvoiceListItem,
  ListInvoicesQuery,
  ManualInvoiceLine,
  Page,
  ReissueInvoice,
  RunInvoices,
  UpdateInvoice,
  VoidInvoice,
} from '@jaring/contracts';
import { decodeCreatedCursor, toPage } from '../../lib/cursor.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { invalidField } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { applyCreditBalance } from '../billing/credit.ts';
import { notifyInvoicesIssued } from '../billing/notices.ts';
import {
  lockInvoiceCounter,
  runInvoices,
  takeInvoiceNumber,
  type RunResult,
} from '../billing/invoice-run.ts';
import { lineTax } from '../billing/tax.ts';
import { findCustomer } from '../customers/queries.ts';
import { resellerScope } from '../customers/service.ts';
import { today } from '../subscriptions/service.ts';
import {
  deleteInvoiceRow,
  findInvoice,
  insertInvoiceLines,
  selectCustomerNames,
  selectInvoiceAllocations,
  insertInvoiceRow,
  replaceInvoiceLines,
  updateInvoiceRow,
  type NewInvoiceLineRow,
  selectInvoiceLines,
  selectInvoices,
  voidInvoiceRow,
  type InvoiceLineRow,
  type InvoiceRow,
} from './queries.ts';

/** Only these may be voided; a paid (or partly paid) invoice needs its payment reversed first. */
const VOIDABLE: readonly InvoiceStatus[] = ['issued', 'overdue'];

export function toInvoiceDto(row: InvoiceRow): Invoice {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customerId,
    subscriptionId: row.subscriptionId,
    kind: row.kind as Invoice['kind'],
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    status: row.status as InvoiceStatus,
    currency: 'IDR',
    subtotal: row.subtotal.toString(),
    tax: row.tax.toString(),
    total: row.total.toString(),
    paid: row.paid.toString(),
    balanceDue: (row.status === 'void' ? 0n : row.total - row.paid).toString(),
    voidReason: row.voidReason,
    voidedAt: row.voidedAt ? row.voidedAt.toISOString() : null,
    replacesInvoiceId: row.replacesInvoiceId,
    createdAt: row.createdAt.toISOString(),
  };
}

function toLineDto(row: InvoiceLineRow): InvoiceLine {
  return {
    position: row.position,
    kind: row.kind as InvoiceLine['kind'],
    description: row.description,
    quantity: row.quantity,
    unitAmount: row.unitAmount.toString(),
    amount: row.amount.toString(),
    taxRateBp: row.taxRateBp,
    tax: row.tax.toString(),
  };
}

export function toRunDto(r: RunResult): InvoiceRunResult {
  return {
    asOf: r.asOf,
    dryRun: r.dryRun,
    count: r.count,
    subtotal: r.subtotal.toString(),
    tax: r.tax.toString(),
    total: r.total.toString(),
    firstNumber: r.firstNumber,
    lastNumber: r.lastNumber,
    preview: r.preview.map((p) => ({
      ...p,
      subtotal: p.subtotal.toString(),
      tax: p.tax.toString(),
      total: p.total.toString(),
    })),
  };
}

export async function listInvoices(
  deps: AppDeps,
  ctx: RequestContext,
  q: ListInvoicesQuery,
): Promise<Page<InvoiceListItem>> {
  const resellerId = resellerScope(ctx);
  const rows = await selectInvoices(deps.db, {
    limit: q.limit + 1,
    ...(q.cursor ? { after: decodeCreatedCursor(q.cursor) } : {}),
    ...(resellerId ? { resellerId } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.customerId ? { customerId: q.customerId } : {}),
    ...(q.subscriptionId ? { subscriptionId: q.subscriptionId } : {}),
    ...(q.period ? { periodMonth: `${q.period}-01` } : {}),
  });
  const names = new Map(
    (await selectCustomerNames(deps.db, [...new Set(rows.map((r) => r.customerId))])).map((c) => [
      c.id,
      c,
    ]),
  );
  return toPage(rows, q.limit, (row) => ({
    ...toInvoiceDto(row),
    customerNumber: names.get(row.customerId)?.number ?? '',
    customerName: names.get(row.customerId)?.name ?? '',
  }));
}

export async function getInvoice(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<InvoiceDetail> {
  const row = await findInvoice(deps.db, id, resellerScope(ctx));
  if (!row) throw notFound('Invoice');
  const lines = await selectInvoiceLines(deps.db, id);
  const [customer] = await selectCustomerNames(deps.db, [row.customerId]);
  const allocations = await selectInvoiceAllocations(deps.db, id);
  return {
    ...toInvoiceDto(row),
    lines: lines.map(toLineDto),
    notes: row.notes,
    customerNumber: customer?.number ?? '',
    customerName: customer?.name ?? '',
    allocations: allocations.map((a) => ({
      id: a.id,
      source: a.source === 'credit' ? 'credit' : 'payment',
      paymentId: a.paymentId,
      paymentNumber: a.paymentNumber,
      amount: a.amount.toString(),
      createdAt: a.createdAt.toISOString(),
      reversedAt: a.reversedAt ? a.reversedAt.toISOString() : null,
    })),
  };
}

/** Issues (or previews) the invoices due; the run itself is audited. */
export async function runInvoicesNow(
  deps: AppDeps,
  ctx: RequestContext,
  input: RunInvoices,
): Promise<InvoiceRunResult> {
  resellerScope(ctx);
  return toRunDto(await runInvoices(deps, ctx, { asOf: input.asOf, dryRun: input.dryRun }));
}

function refuseUnvoidable(before: InvoiceRow): void {
  if (!VOIDABLE.includes(before.status as InvoiceStatus) || before.paid > 0n) {
    throw new DomainError(
      'invalid_transition',
      `Cannot void an invoice that is ${before.status}${before.paid > 0n ? ' with payments' : ''} (allowed: ${VOIDABLE.join(', ')}, unpaid)`,
    );
  }
}

/** An issued invoice is never edited: it is voided with a reason (and reissued if needed). */
export async function voidInvoice(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: VoidInvoice,
): Promise<InvoiceDetail> {
  const resellerId = resellerScope(ctx);
  await deps.db.transaction(async (tx) => {
    const before = await findInvoice(tx, id, resellerId, true);
    if (!before) throw notFound('Invoice');
    refuseUnvoidable(before);
    const after = await voidInvoiceRow(tx, id, input.reason, deps.clock.now());
    if (!after) throw notFound('Invoice');
    await recordAudit(tx, ctx, {
      action: 'invoice.voided',
      entityType: 'invoice',
      entityId: id,
      before: { status: before.status },
      after: { status: after.status, voidReason: after.voidReason },
    });
  });
  return getInvoice(deps, ctx, id);
}

interface LineInput {
  kind?: InvoiceLine['kind'];
  description: string;
  quantity: number;
  unitAmount: bigint;
  taxRateBp: number;
}

function priceLines(lines: readonly LineInput[]): {
  rows: Omit<NewInvoiceLineRow, 'invoiceId'>[];
  subtotal: bigint;
  tax: bigint;
} {
  let subtotal = 0n;
  let tax = 0n;
  const rows = lines.map((l, i) => {
    const amount = l.unitAmount * BigInt(l.quantity);
    const t = lineTax(amount, l.taxRateBp);
    subtotal += amount;
    tax += t;
    return {
      position: i + 1,
      kind: l.kind ?? 'one_off',
      description: l.description,
      quantity: l.quantity,
      unitAmount: l.unitAmount,
      amount,
      taxRateBp: l.taxRateBp,
      tax: t,
    };
  });
  return { rows, subtotal, tax };
}

const manualLines = (lines: readonly ManualInvoiceLine[]): LineInput[] =>
  lines.map((l) => ({
    description: l.description,
    quantity: l.quantity,
    unitAmount: BigInt(l.unitAmount),
    taxRateBp: l.taxRateBp,
  }));

function refuseNotDraft(row: InvoiceRow, what: string): void {
  if (row.status !== 'draft') {
    throw new DomainError(
      'invalid_transition',
      `Only a draft invoice can be ${what}; an issued one is voided and reissued`,
    );
  }
}

/** A draft manual invoice: no number yet, editable and deletable until issued. */
export async function createInvoice(
  deps: AppDeps,
  ctx: RequestContext,
  input: CreateInvoice,
): Promise<InvoiceDetail> {
  const resellerId = resellerScope(ctx);
  const id = await deps.db.transaction(async (tx) => {
    if (!(await findCustomer(tx, input.customerId, resellerId))) {
      throw invalidField('customerId', 'Customer not found', 'not_found');
    }
    const priced = priceLines(manualLines(input.lines));
    const row = await insertInvoiceRow(tx, {
      number: null,
      customerId: input.customerId,
      subscriptionId: null,
      kind: 'manual',
      issueDate: today(deps),
      dueDate: input.dueDate,
      status: 'draft',
      subtotal: priced.subtotal,
      tax: priced.tax,
      total: priced.subtotal + priced.tax,
      notes: input.notes ?? null,
      createdBy: ctx.principal?.user.id ?? null,
      createdAt: deps.clock.now(),
    });
    await insertInvoiceLines(tx, row.id, priced.rows);
    await recordAudit(tx, ctx, {
      action: 'invoice.created',
      entityType: 'invoice',
      entityId: row.id,
      after: { customerId: row.customerId, total: row.total.toString(), dueDate: row.dueDate },
    });
    return row.id;
  });
  return getInvoice(deps, ctx, id);
}

export async function updateInvoice(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: UpdateInvoice,
): Promise<InvoiceDetail> {
  const resellerId = resellerScope(ctx);
  await deps.db.transaction(async (tx) => {
    const before = await findInvoice(tx, id, resellerId, true);
    if (!before) throw notFound('Invoice');
    refuseNotDraft(before, 'edited');
    const changes: Partial<InvoiceRow> = {};
    if (input.lines) {
      const priced = priceLines(manualLines(input.lines));
      await replaceInvoiceLines(tx, id, priced.rows);
      Object.assign(changes, {
        subtotal: priced.subtotal,
        tax: priced.tax,
        total: priced.subtotal + priced.tax,
      });
    }
    if (input.dueDate) changes.dueDate = input.dueDate;
    if (input.notes !== undefined) changes.notes = input.notes;
    const after = await updateInvoiceRow(tx, id, changes);
    await recordAudit(tx, ctx, {
      action: 'invoice.updated',
      entityType: 'invoice',
      entityId: id,
      before: { total: before.total.toString(), dueDate: before.dueDate, notes: before.notes },
      after: { total: after?.total.toString(), dueDate: after?.dueDate, notes: after?.notes },
    });
  });
  return getInvoice(deps, ctx, id);
}

export async function deleteInvoice(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  const resellerId = resellerScope(ctx);
  await deps.db.transaction(async (tx) => {
    const before = await findInvoice(tx, id, resellerId, true);
    if (!before) throw notFound('Invoice');
    refuseNotDraft(before, 'deleted');
    await deleteInvoiceRow(tx, id);
    await recordAudit(tx, ctx, {
      action: 'invoice.deleted',
      entityType: 'invoice',
      entityId: id,
      before: { customerId: before.customerId, total: before.total.toString() },
    });
  });
}

function checkDueDate(issueDate: string, dueDate: string): void {
  if (dueDate < issueDate) {
    throw invalidField('dueDate', `must not be before the issue date ${issueDate}`, 'too_early');
  }
}

/** Issues a draft: today's date, the next gapless number, then any credit balance pays it. */
export async function issueInvoice(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<InvoiceDetail> {
  const resellerId = resellerScope(ctx);
  await deps.db.transaction(async (tx) => {
    const before = await findInvoice(tx, id, resellerId, true);
    if (!before) throw notFound('Invoice');
    refuseNotDraft(before, 'issued');
    const issueDate = today(deps);
    checkDueDate(issueDate, before.dueDate);
    const number = await takeInvoiceNumber(tx, issueDate);
    const after = await updateInvoiceRow(tx, id, {
      number,
      issueDate,
      status: before.total === 0n ? 'paid' : 'issued',
    });
    await applyCreditBalance(deps, tx, [before.customerId]);
    await notifyInvoicesIssued(deps, tx, sql`i.id = ${id}::uuid`);
    await recordAudit(tx, ctx, {
      action: 'invoice.issued',
      entityType: 'invoice',
      entityId: id,
      before: { status: before.status },
      after: { status: after?.status, number, total: before.total.toString() },
    });
  });
  return getInvoice(deps, ctx, id);
}

/**
 * Corrects an issued invoice the only way allowed: void it with the reason and issue a new one
 * (same customer; a subscription invoice keeps its subscription and period) with the same lines
 * or the ones given, pointing back at it. The partial unique key ignores void invoices, so the
 * new one may take the same period.
 */
export async function reissueInvoice(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: ReissueInvoice,
): Promise<InvoiceDetail> {
  const resellerId = resellerScope(ctx);
  const newId = await deps.db.transaction(async (tx) => {
    const issueDate = today(deps);
    await lockInvoiceCounter(tx, issueDate);
    const before = await findInvoice(tx, id, resellerId, true);
    if (!before) throw notFound('Invoice');
    refuseUnvoidable(before);
    const dueDate = input.dueDate ?? (before.dueDate < issueDate ? issueDate : before.dueDate);
    checkDueDate(issueDate, dueDate);
    const lines: LineInput[] = input.lines
      ? manualLines(input.lines)
      : (await selectInvoiceLines(tx, id)).map((l) => ({
          kind: l.kind as InvoiceLine['kind'],
          description: l.description,
          quantity: l.quantity,
          unitAmount: l.unitAmount,
          taxRateBp: l.taxRateBp,
        }));
    const priced = priceLines(lines);
    if (priced.subtotal + priced.tax < 0n) {
      throw invalidField('lines', 'The invoice total must not be negative', 'negative_total');
    }
    await voidInvoiceRow(tx, id, input.reason, deps.clock.now());
    const number = await takeInvoiceNumber(tx, issueDate);
    const total = priced.subtotal + priced.tax;
    const row = await insertInvoiceRow(tx, {
      number,
      customerId: before.customerId,
      subscriptionId: before.subscriptionId,
      kind: before.kind,
      periodStart: before.periodStart,
      periodEnd: before.periodEnd,
      issueDate,
      dueDate,
      status: total === 0n ? 'paid' : 'issued',
      subtotal: priced.subtotal,
      tax: priced.tax,
      total,
      replacesInvoiceId: before.id,
      notes: before.notes,
      createdBy: ctx.principal?.user.id ?? null,
      createdAt: deps.clock.now(),
    });
    await insertInvoiceLines(tx, row.id, priced.rows);
    await applyCreditBalance(deps, tx, [before.customerId]);
    await notifyInvoicesIssued(deps, tx, sql`i.id = ${row.id}::uuid`);
    await recordAudit(tx, ctx, {
      action: 'invoice.reissued',
      entityType: 'invoice',
      entityId: row.id,
      before: { id: before.id, number: before.number, total: before.total.toString() },
      after: { number, total: total.toString(), reason: input.reason },
    });
    return row.id;
  });
  return getInvoice(deps, ctx, newId);
}
