import type {
  Invoice,
  InvoiceLine,
  InvoiceRunResult,
  InvoiceStatus,
  InvoiceWithLines,
  ListInvoicesQuery,
  Page,
  RunInvoices,
  VoidInvoice,
} from '@jaring/contracts';
import { decodeCreatedCursor, toPage } from '../../lib/cursor.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { runInvoices, type RunResult } from '../billing/invoice-run.ts';
import { resellerScope } from '../customers/service.ts';
import {
  findInvoice,
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
): Promise<Page<Invoice>> {
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
  return toPage(rows, q.limit, toInvoiceDto);
}

export async function getInvoice(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<InvoiceWithLines> {
  const row = await findInvoice(deps.db, id, resellerScope(ctx));
  if (!row) throw notFound('Invoice');
  const lines = await selectInvoiceLines(deps.db, id);
  return { ...toInvoiceDto(row), lines: lines.map(toLineDto) };
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

/** An issued invoice is never edited: it is voided with a reason (and reissued if needed). */
export async function voidInvoice(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: VoidInvoice,
): Promise<InvoiceWithLines> {
  const resellerId = resellerScope(ctx);
  await deps.db.transaction(async (tx) => {
    const before = await findInvoice(tx, id, resellerId, true);
    if (!before) throw notFound('Invoice');
    if (!VOIDABLE.includes(before.status as InvoiceStatus) || before.paid > 0n) {
      throw new DomainError(
        'invalid_transition',
        `Cannot void an invoice that is ${before.status}${before.paid > 0n ? ' with payments' : ''} (allowed: ${VOIDABLE.join(', ')}, unpaid)`,
      );
    }
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
