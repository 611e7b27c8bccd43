import type { GatewayEventOutcome, GatewayId } from '@jaring/contracts';
import type { Executor } from '../../db/database.ts';
import { uuid7 } from '../../lib/uuid7.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { GatewayCall } from './adapter.ts';
import { adapterFor } from './adapters.ts';
import { applyObserved } from './apply.ts';
import { loadGatewayConfig } from './config.ts';
import { logGatewayCalls } from './call-log.ts';
import { gatewayMetrics } from './metrics.ts';
import {
  dueForCheck,
  findTransaction,
  insertEvent,
  lockTransaction,
  updateTransaction,
  type TransactionRow,
} from './queries.ts';
import { GIVE_UP_AFTER_EXPIRY_MS, nextCheckAfter } from './schedule.ts';
import type { Observed } from './state-machine.ts';

/** How long a checkout may stay `creating` (no answer from the gateway) before it is closed. */
const CREATING_GRACE_MS = 15 * 60_000;

function bodyOf(call: GatewayCall | undefined): string | null {
  if (!call || call.responseBody === undefined) return null;
  const text =
    typeof call.responseBody === 'string' ? call.responseBody : JSON.stringify(call.responseBody);
  return text.length > 65_536 ? text.slice(0, 65_536) : text;
}

/**
 * Asks the gateway for one transaction's status and applies the answer exactly as if it were a
 * notification. The call is made outside any database transaction; the answer is applied under
 * the transaction's row lock, so it and a notification arriving meanwhile never both pay.
 */
export async function checkTransaction(
  deps: AppDeps,
  id: string,
  ctx: RequestContext,
): Promise<TransactionRow | undefined> {
  const before = await findTransaction(deps.db, id);
  if (!before) return undefined;
  const gateway = before.gateway as GatewayId;
  const adapter = adapterFor(gateway);
  const config = await loadGatewayConfig(deps, gateway);
  const calls: GatewayCall[] = [];
  let observed: Observed | null = null;
  let error: string | null = null;
  try {
    observed = await adapter.status(
      config,
      { orderId: before.orderId, reference: before.reference },
      (c) => calls.push(c),
    );
  } catch (err) {
    error = (err as Error).message;
  }
  gatewayMetrics(deps.metrics).statusChecks.inc({ gateway, ok: String(error === null) });
  const call = calls.at(-1);
  const now = deps.clock.now();

  return deps.db.transaction(async (tx) => {
    const row = await lockTransaction(tx, id);
    if (!row) return undefined;
    let outcome: GatewayEventOutcome = 'failed';
    let current = row;
    if (observed && observed.orderId === row.orderId) {
      const result = await applyObserved(deps, tx, row, observed, { ctx, noticeAt: null });
      outcome = result.outcome;
      current = result.row;
    } else if (!error) {
      // The gateway does not know the order: the customer never picked a channel on the payment
      // page, or the create call never reached it. Once expired, nothing can pay it any more.
      outcome = 'updated';
      current = await closeUnknown(tx, row, now);
    }
    const schedule =
      current.status === 'pending' ||
      current.status === 'challenge' ||
      current.status === 'creating'
        ? nextCheckAfter({ ...current, checkCount: current.checkCount + 1 }, now)
        : null;
    current = await updateTransaction(tx, id, {
      lastCheckedAt: now,
      checkCount: current.checkCount + 1,
      nextCheckAt: schedule,
      error: error ?? (outcome === 'failed' ? null : current.error),
    });
    await insertEvent(tx, {
      id: uuid7(now),
      gateway,
      kind: 'status_check',
      at: now,
      transactionId: id,
      orderId: row.orderId,
      verified: null,
      gatewayStatus: observed?.gatewayStatus ?? null,
      status: observed?.status ?? null,
      outcome: error ? 'failed' : outcome,
      processedAt: now,
      httpStatus: call?.status ?? null,
      latencyMs: call ? Math.round(call.durationMs) : null,
      remoteIp: null,
      error,
      body: bodyOf(call),
    });
    await logGatewayCalls(tx, gateway, calls, {
      customerId: row.customerId,
      requestId: ctx.requestId,
    });
    return current;
  });
}

async function closeUnknown(tx: Executor, row: TransactionRow, now: Date): Promise<TransactionRow> {
  const expired = row.expiresAt !== null && row.expiresAt.getTime() < now.getTime();
  const stuck =
    row.status === 'creating' && now.getTime() - row.createdAt.getTime() > CREATING_GRACE_MS;
  const abandoned =
    row.expiresAt !== null && now.getTime() - row.expiresAt.getTime() > GIVE_UP_AFTER_EXPIRY_MS;
  if (!expired && !stuck && !abandoned) return row;
  return updateTransaction(tx, row.id, {
    status: row.status === 'creating' ? 'failed' : 'expired',
    gatewayStatus: row.gatewayStatus ?? 'not_found',
    updatedAt: now,
    nextCheckAt: null,
  });
}

/** One poller pass: every transaction due for a look, a few at a time. */
export async function pollDueTransactions(
  deps: AppDeps,
  ctx: RequestContext,
  options: { limit?: number; concurrency?: number } = {},
): Promise<number> {
  const due = await dueForCheck(deps.db, deps.clock.now(), options.limit ?? 200);
  const queue = [...due];
  const workers = Array.from(
    { length: Math.min(options.concurrency ?? 4, queue.length) },
    async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        try {
          await checkTransaction(deps, row.id, ctx);
        } catch (err) {
          deps.logger.warn({ err, orderId: row.orderId }, 'gateway status check failed');
        }
      }
    },
  );
  await Promise.all(workers);
  return due.length;
}
