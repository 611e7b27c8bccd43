import type {
  CreatePortalCheckout,
  GatewayId,
  Page,
  PortalCheckout,
  PortalPaymentOptions,
} from '@jaring/contracts';
import { GATEWAYS } from '@jaring/contracts';
import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import { customers } from '../../db/schema/index.ts';
import { decodeCreatedCursor, toPage } from '../../lib/cursor.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { uniqueViolation } from '../../lib/sql-helpers.ts';
import { uuid7 } from '../../lib/uuid7.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { systemContext } from '../auth/principal.ts';
import { lockCustomer, lockOpenInvoices, type InvoiceRow } from '../payments/queries.ts';
import type { GatewayCallError } from './adapter.ts';
import {
  toCallError,
  type ChannelOffer,
  type CreatedCheckout,
  type GatewayCall,
} from './adapter.ts';
import { adapterFor } from './adapters.ts';
import { logGatewayCalls } from './call-log.ts';
import { isReady, loadGatewayConfig, type GatewayConfig } from './config.ts';
import {
  customerInvoices,
  findReusableTransaction,
  findTransaction,
  insertEvent,
  insertTransaction,
  invoiceNumbers,
  lastAttempt,
  lockTransaction,
  openInvoicesOf,
  selectTransactions,
  updateTransaction,
  type TransactionRow,
} from './queries.ts';
import { FIRST_CHECK_MS } from './schedule.ts';
import { checkTransaction } from './status-check.ts';

/** A checkout is handed out again only while this much of its payable time is left. */
const REUSE_MARGIN_MS = 10 * 60_000;

interface Due {
  invoices: InvoiceRow[];
  amount: bigint;
}

/**
 * The invoices to pay: the wanted ones (every one the customer's, else 404 without saying whose),
 * or all open ones. A wanted invoice that is no longer open (paid meanwhile, voided) is left out
 * when only showing options, and refused when starting a checkout.
 */
async function selectDue(
  db: Executor,
  customerId: string,
  open: InvoiceRow[],
  wanted: string[] | undefined,
  strict: boolean,
): Promise<Due> {
  let chosen = open;
  if (wanted) {
    const byId = new Map(open.map((i) => [i.id, i]));
    const missing = wanted.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      const mine = await customerInvoices(db, customerId, missing);
      if (mine.length !== new Set(missing).size) throw notFound('Invoice');
      const closed = mine.find((i) => i.status !== 'draft');
      if (mine.some((i) => i.status === 'draft')) throw notFound('Invoice');
      if (strict && closed) {
        throw new DomainError(
          'conflict',
          `Invoice ${closed.number ?? closed.id} is ${closed.status} and has nothing left to pay`,
        );
      }
    }
    chosen = wanted.flatMap((id) => {
      const invoice = byId.get(id);
      return invoice ? [invoice] : [];
    });
  }
  chosen = chosen.filter((i) => i.total - i.paid > 0n);
  const amount = chosen.reduce((sum, i) => sum + (i.total - i.paid), 0n);
  return { invoices: chosen, amount };
}

async function offersOf(
  config: GatewayConfig,
  log: (calls: GatewayCall[]) => void,
): Promise<ChannelOffer[]> {
  const calls: GatewayCall[] = [];
  try {
    const all = await adapterFor(config.gateway).channels(config, (c) => calls.push(c));
    const byCode = new Map(all.map((o) => [o.code, o]));
    return config.channels.flatMap((code) => {
      const offer = byCode.get(code);
      return offer ? [offer] : [];
    });
  } finally {
    log(calls);
  }
}

/** The invoices a customer can pay now and, per ready gateway, its channels with their fees. */
export async function paymentOptions(
  deps: AppDeps,
  customerId: string,
  invoiceIds: string[] | undefined,
): Promise<PortalPaymentOptions> {
  const open = await openInvoicesOf(deps.db, customerId);
  const due = await selectDue(deps.db, customerId, open, invoiceIds, false);
  const gateways: PortalPaymentOptions['gateways'] = [];
  for (const gateway of GATEWAYS) {
    const config = await loadGatewayConfig(deps, gateway);
    if (!isReady(config) || config.channels.length === 0) continue;
    const adapter = adapterFor(gateway);
    let offers: ChannelOffer[];
    try {
      offers = await offersOf(config, (calls) => {
        if (calls.length > 0) {
          void logGatewayCalls(deps.db, gateway, calls, { customerId, requestId: null }).catch(
            (err: unknown) => deps.logger.warn({ err }, 'gateway call log failed'),
          );
        }
      });
    } catch (err) {
      deps.logger.warn({ err, gateway }, 'gateway channel list unavailable');
      continue;
    }
    gateways.push({
      gateway,
      name: adapter.name,
      channels: offers.map((o) => {
        const fee = adapter.quoteFee(config, o, due.amount);
        return {
          code: o.code,
          name: o.name,
          group: o.group,
          fee: fee.toString(),
          total: (due.amount + fee).toString(),
        };
      }),
    });
  }
  return {
    amount: due.amount.toString(),
    invoices: due.invoices.map((i) => ({
      id: i.id,
      number: i.number,
      balanceDue: (i.total - i.paid).toString(),
    })),
    gateways,
  };
}

function orderBase(invoices: InvoiceRow[], customerNumber: string): string {
  const only = invoices.length === 1 ? invoices[0]?.number : undefined;
  const base = only ?? `${customerNumber}-${invoices.length}INV`;
  return base.replace(/[^A-Za-z0-9\-_.~]/g, '').slice(0, 32);
}

/** `INV-2026-000123-2-k7q4`: readable, unique, within Midtrans' 50 characters. */
function orderIdOf(base: string, attempt: number): string {
  const salt = randomBytes(3).readUIntBE(0, 3).toString(36).padStart(4, '0').slice(-4);
  return `${base}-${attempt}-${salt}`;
}

interface Started {
  row: TransactionRow;
  reused: boolean;
  customer: { number: string; name: string; email: string | null; phone: string | null };
  invoices: InvoiceRow[];
}

async function startCheckout(
  deps: AppDeps,
  tx: Executor,
  customerId: string,
  input: CreatePortalCheckout,
  config: GatewayConfig,
  offer: ChannelOffer | undefined,
): Promise<Started> {
  const now = deps.clock.now();
  if (!(await lockCustomer(tx, customerId))) throw notFound('Customer');
  const [customer] = await tx
    .select({
      number: customers.number,
      name: customers.name,
      email: customers.email,
      phone: customers.phone,
    })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!customer) throw notFound('Customer');
  const open = await lockOpenInvoices(tx, customerId);
  const due = await selectDue(tx, customerId, open, input.invoiceIds, true);
  if (due.amount <= 0n) throw new DomainError('conflict', 'There is nothing to pay');
  const ids = due.invoices.map((i) => i.id).sort();
  const invoiceKey = ids.join(',');
  const reusable = await findReusableTransaction(tx, {
    customerId,
    invoiceKey,
    gateway: input.gateway,
    channel: input.channel,
    amount: due.amount,
    validUntil: new Date(now.getTime() + REUSE_MARGIN_MS),
    creatingSince: new Date(now.getTime() - 30_000),
  });
  if (reusable) return { row: reusable, reused: true, customer, invoices: due.invoices };
  const attempt = (await lastAttempt(tx, invoiceKey)) + 1;
  const fee = adapterFor(input.gateway).quoteFee(config, offer, due.amount);
  const row = await insertTransaction(tx, {
    id: uuid7(now),
    gateway: input.gateway,
    orderId: orderIdOf(orderBase(due.invoices, customer.number), attempt),
    invoiceIds: ids,
    invoiceKey,
    attempt,
    customerId,
    channel: input.channel,
    status: 'creating',
    amount: due.amount,
    fee,
    total: due.amount + fee,
    expiresAt: new Date(now.getTime() + config.expiryMinutes * 60_000),
    createdAt: now,
    updatedAt: now,
    nextCheckAt: new Date(now.getTime() + FIRST_CHECK_MS),
  });
  return { row, reused: false, customer, invoices: due.invoices };
}

/**
 * The customer pays: record the attempt (or hand back the same one, still payable, for the same
 * invoices and channel), then ask the gateway outside any database transaction, and store its
 * answer. A crash between the two leaves a `creating` row the poller settles.
 */
export async function createCheckout(
  deps: AppDeps,
  customerId: string,
  input: CreatePortalCheckout,
): Promise<PortalCheckout> {
  const config = await loadGatewayConfig(deps, input.gateway);
  if (!isReady(config) || !config.channels.includes(input.channel)) {
    throw new DomainError('gateway_disabled', 'This payment method is not available');
  }
  const adapter = adapterFor(input.gateway);
  const calls: GatewayCall[] = [];
  let offer: ChannelOffer | undefined;
  try {
    offer = (await adapter.channels(config, (c) => calls.push(c))).find(
      (o) => o.code === input.channel,
    );
  } catch (err) {
    throw unavailable(toCallError(err));
  }
  let started: Started | undefined;
  for (let i = 0; !started; i++) {
    try {
      started = await deps.db.transaction((tx) =>
        startCheckout(deps, tx, customerId, input, config, offer),
      );
    } catch (err) {
      // Two first clicks at once: the second finds the first's attempt number taken; go again.
      if (i < 3 && uniqueViolation(err)) continue;
      throw err;
    }
  }
  if (started.reused) return portalCheckout(deps, customerId, started.row.id);
  const row = started.row;
  const base = deps.config.appUrl;
  const startedAt = performance.now();
  let created: CreatedCheckout | undefined;
  let failure: GatewayCallError | undefined;
  try {
    created = await adapter.create(
      config,
      {
        orderId: row.orderId,
        channel: input.channel,
        amount: row.amount,
        fee: row.fee,
        total: row.total,
        items: started.invoices.map((i) => ({
          id: i.number ?? i.id,
          name: `Tagihan ${i.number ?? ''}`.trim(),
          price: i.total - i.paid,
        })),
        customer: started.customer,
        expiresAt: row.expiresAt ?? new Date(deps.clock.now().getTime() + 86_400_000),
        returnUrl: `${base}/portal/checkouts/${row.id}`,
        notificationUrl: `${base}/api/v1/webhooks/${input.gateway}`,
      },
      (c) => calls.push(c),
    );
  } catch (err) {
    failure = toCallError(err);
  }
  const now = deps.clock.now();
  const last = calls.at(-1);
  await deps.db.transaction(async (tx) => {
    const locked = await lockTransaction(tx, row.id);
    if (!locked) return;
    if (created) {
      await updateTransaction(tx, row.id, {
        reference: locked.reference ?? created.reference,
        redirectUrl: created.redirectUrl,
        payCode: created.payCode,
        qrString: created.qrString,
        expiresAt: created.expiresAt ?? locked.expiresAt,
        ...(created.fee !== null && created.total !== null
          ? { fee: created.fee, total: created.total, amount: created.total - created.fee }
          : {}),
        // A notification may already have moved it on; only a fresh attempt becomes pending.
        ...(locked.status === 'creating' ? { status: 'pending' } : {}),
        gatewayStatus: locked.gatewayStatus ?? created.gatewayStatus,
        updatedAt: now,
      });
    } else if (failure) {
      await updateTransaction(tx, row.id, {
        error: failure.message.slice(0, 500),
        updatedAt: now,
        // A refused request never reached the gateway's books; a timeout might have: the
        // poller asks later before anything is concluded.
        ...(failure.retryable ? {} : { status: 'failed', nextCheckAt: null }),
      });
    }
    await insertEvent(tx, {
      id: uuid7(now),
      gateway: input.gateway,
      kind: 'create',
      at: now,
      transactionId: row.id,
      orderId: row.orderId,
      verified: null,
      gatewayStatus: created?.gatewayStatus ?? null,
      status: created ? 'pending' : null,
      outcome: created ? 'updated' : 'failed',
      processedAt: now,
      httpStatus: last?.status ?? null,
      latencyMs: Math.round(performance.now() - startedAt),
      remoteIp: null,
      error: failure?.message.slice(0, 500) ?? null,
      body:
        last?.responseBody === undefined
          ? null
          : typeof last.responseBody === 'string'
            ? last.responseBody
            : JSON.stringify(last.responseBody),
    });
    await logGatewayCalls(tx, input.gateway, calls, { customerId, requestId: null });
  });
  if (failure) throw unavailable(failure);
  return portalCheckout(deps, customerId, row.id);
}

function unavailable(err: GatewayCallError): DomainError {
  return new DomainError(
    'gateway_unavailable',
    err.retryable
      ? 'The payment service did not answer. Try again in a moment or choose another method.'
      : `The payment service refused the request: ${err.message}`,
    err.retryable ? { retryAfterSeconds: 30 } : {},
  );
}

async function toPortalCheckout(
  deps: AppDeps,
  rows: (TransactionRow & { paymentNumber: string | null })[],
): Promise<PortalCheckout[]> {
  const numbers = await invoiceNumbers(
    deps.db,
    rows.flatMap((r) => r.invoiceIds),
  );
  return rows.map((r) => ({
    id: r.id,
    gateway: r.gateway as GatewayId,
    channel: r.channel,
    orderId: r.orderId,
    status: r.status as PortalCheckout['status'],
    amount: r.amount.toString(),
    fee: r.fee.toString(),
    total: r.total.toString(),
    redirectUrl: r.redirectUrl,
    payCode: r.payCode,
    qrString: r.qrString,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    invoices: r.invoiceIds.map((id) => ({ id, number: numbers.get(id) ?? null })),
    createdAt: r.createdAt.toISOString(),
    paidAt: r.paidAt?.toISOString() ?? null,
    paymentNumber: r.paymentNumber,
  }));
}

export async function portalCheckout(
  deps: AppDeps,
  customerId: string,
  id: string,
): Promise<PortalCheckout> {
  const [row] = await selectTransactions(deps.db, { limit: 1, customerId, id });
  if (!row) throw notFound('Checkout');
  const [out] = await toPortalCheckout(deps, [{ ...row.tx, paymentNumber: row.paymentNumber }]);
  return out!;
}

export async function portalCheckouts(
  deps: AppDeps,
  customerId: string,
  q: { limit: number; cursor?: string | undefined },
): Promise<Page<PortalCheckout>> {
  const rows = await selectTransactions(deps.db, {
    limit: q.limit + 1,
    customerId,
    ...(q.cursor ? { after: decodeCreatedCursor(q.cursor) } : {}),
  });
  const items = await toPortalCheckout(
    deps,
    rows.map((r) => ({ ...r.tx, paymentNumber: r.paymentNumber })),
  );
  const byId = new Map(items.map((c) => [c.id, c]));
  return toPage(
    rows.map((r) => r.tx),
    q.limit,
    (r) => byId.get(r.id)!,
  );
}

/** Checks at most this often per checkout when the customer comes back from the gateway. */
const CUSTOMER_CHECK_MS = 10_000;

export async function checkPortalCheckout(
  deps: AppDeps,
  customerId: string,
  id: string,
): Promise<PortalCheckout> {
  const row = await findTransaction(deps.db, id);
  if (!row || row.customerId !== customerId) throw notFound('Checkout');
  const open = row.status === 'creating' || row.status === 'pending' || row.status === 'challenge';
  const limited = await deps.rateLimiter.hit(`checkout-check:${id}`, 1, CUSTOMER_CHECK_MS);
  if (open && limited.allowed) await checkTransaction(deps, id, systemContext());
  return portalCheckout(deps, customerId, id);
}
