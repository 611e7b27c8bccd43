import type { GatewayId } from '@jaring/contracts';
import type { AppDeps } from '../../runtime/deps.ts';
import { uuid7 } from '../../lib/uuid7.ts';
import { recordAudit } from '../audit/service.ts';
import { systemContext, type RequestContext } from '../auth/principal.ts';
import type { WebhookAnswer } from './adapter.ts';
import { adapterFor } from './adapters.ts';
import { applyObserved } from './apply.ts';
import { canVerify, loadGatewayConfig } from './config.ts';
import { gatewayEventJob } from './jobs.ts';
import { gatewayMetrics } from './metrics.ts';
import {
  insertEvent,
  insertEvents,
  lockEvent,
  lockTransactionByOrder,
  markEventProcessed,
  type NewEventRow,
} from './queries.ts';

/** Headers worth keeping with a notification (never cookies or authorization). */
const KEPT_HEADERS = [
  'content-type',
  'user-agent',
  'x-callback-event',
  'x-callback-signature',
  'x-forwarded-for',
];

/** Refused notifications answered per IP and minute before they are no longer even stored. */
export const REFUSED_PER_MINUTE = 60;

/** Verified notifications stored in one transaction at most. */
const WRITE_BATCH_MAX = 100;

interface Waiting {
  row: NewEventRow;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Stores verified notifications with their jobs, many to a transaction. A notification that
 * arrives while a write is in flight waits for the next write, which takes everything that
 * arrived meanwhile; one that arrives alone is written at once. Under a storm one transaction
 * (four round trips) stores and queues dozens of notifications instead of one, on one pooled
 * connection however many requests are open. Every caller is answered only after the
 * transaction holding its notification has committed, so "stored and queued, then
 * acknowledged" holds for each. A failed write answers 500 to every notification in it, and
 * the gateways send them again.
 */
class InboxWriter {
  readonly #deps: AppDeps;
  readonly #waiting: Waiting[] = [];
  #writing = false;

  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  store(row: NewEventRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ row, resolve, reject });
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#waiting.length > 0) {
        const batch = this.#waiting.splice(0, WRITE_BATCH_MAX);
        try {
          await this.#deps.db.transaction(async (tx) => {
            await insertEvents(
              tx,
              batch.map((w) => w.row),
            );
            await this.#deps.jobs.enqueueMany(
              gatewayEventJob,
              batch.map((w) => ({ eventId: w.row.id })),
              { tx },
            );
          });
          for (const w of batch) w.resolve();
        } catch (err) {
          for (const w of batch) w.reject(err);
        }
      }
    } finally {
      this.#writing = false;
    }
  }
}

/** One writer per app (its deps), so concurrent requests share its transactions. */
const writers = new WeakMap<AppDeps, InboxWriter>();

function inboxWriter(deps: AppDeps): InboxWriter {
  let writer = writers.get(deps);
  if (!writer) {
    writer = new InboxWriter(deps);
    writers.set(deps, writer);
  }
  return writer;
}

export interface IngestInput {
  gateway: GatewayId;
  raw: Buffer;
  headers: Record<string, string | string[] | undefined>;
  ctx: RequestContext;
}

/**
 * A notification arrives: check its signature, store it raw (verified or not), queue its
 * processing in the same transaction, and answer. Nothing else happens on the request, so the
 * gateway gets its answer in milliseconds however busy the workers are.
 */
export async function ingestNotification(
  deps: AppDeps,
  input: IngestInput,
): Promise<WebhookAnswer> {
  const adapter = adapterFor(input.gateway);
  const config = await loadGatewayConfig(deps, input.gateway);
  const metrics = gatewayMetrics(deps.metrics);
  const verdict = canVerify(config)
    ? adapter.verify(config, input.raw, input.headers)
    : ({ ok: false, orderId: null, error: `${adapter.name} is not configured` } as const);
  metrics.notifications.inc({ gateway: input.gateway, verified: String(verdict.ok) });

  if (!verdict.ok) {
    // A flood of forged requests must not fill the database: past a modest rate per address
    // they are refused without being stored.
    const limited = await deps.rateLimiter.hit(
      `gateway-refused:${input.ctx.ip}`,
      REFUSED_PER_MINUTE,
      60_000,
    );
    if (!limited.allowed) return adapter.refused(verdict.error);
  }

  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const v = input.headers[name];
    if (typeof v === 'string') headers[name] = v.slice(0, 500);
  }
  const now = deps.clock.now();
  const id = uuid7(now);
  const body = input.raw.toString('utf8');
  const row: NewEventRow = {
    id,
    gateway: input.gateway,
    kind: 'notification',
    at: now,
    orderId: verdict.ok ? verdict.observed.orderId : verdict.orderId,
    verified: verdict.ok,
    gatewayStatus: verdict.ok ? verdict.observed.gatewayStatus : null,
    status: verdict.ok ? verdict.observed.status : null,
    outcome: verdict.ok ? 'received' : 'rejected',
    processedAt: verdict.ok ? null : now,
    remoteIp: input.ctx.ip || null,
    error: verdict.ok ? null : verdict.error,
    body: body.length > 65_536 ? body.slice(0, 65_536) : body,
    headers,
  };
  if (verdict.ok) {
    // Stored with its job, in a transaction shared with whatever else arrived meanwhile.
    await inboxWriter(deps).store(row);
    return adapter.accepted();
  }
  await deps.db.transaction(async (tx) => {
    await insertEvent(tx, row);
    await recordAudit(tx, input.ctx, {
      action: 'gateway.notification_rejected',
      entityType: 'gateway_event',
      entityId: id,
      after: { gateway: input.gateway, orderId: verdict.orderId, reason: verdict.error },
    });
  });
  deps.logger.warn(
    { gateway: input.gateway, ip: input.ctx.ip, orderId: verdict.orderId, reason: verdict.error },
    'gateway notification refused',
  );
  return adapter.refused(verdict.error);
}

/**
 * The job behind a stored notification: re-read it, lock its transaction and apply what it says.
 * Runs any number of times with the same result: a processed event is skipped, and the
 * transaction row lock orders every notification of one order.
 */
export async function processEvent(deps: AppDeps, eventId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    if (!event || event.processedAt || !event.verified) return;
    const gateway = event.gateway as GatewayId;
    const config = await loadGatewayConfig({ db: tx, secretBox: deps.secretBox }, gateway);
    const verdict = adapterFor(gateway).verify(
      config,
      Buffer.from(event.body ?? '', 'utf8'),
      event.headers ?? {},
    );
    const now = deps.clock.now();
    if (!verdict.ok) {
      // Keys changed between receipt and processing: keep it for finance, do not guess.
      await markEventProcessed(tx, eventId, {
        processedAt: now,
        outcome: 'rejected',
        transactionId: null,
        status: null,
        error: `no longer verifies: ${verdict.error}`,
      });
      return;
    }
    const row = await lockTransactionByOrder(tx, verdict.observed.orderId);
    if (!row || row.gateway !== gateway) {
      await markEventProcessed(tx, eventId, {
        processedAt: now,
        outcome: 'unknown_order',
        transactionId: null,
        status: verdict.observed.status,
        error: null,
      });
      return;
    }
    const result = await applyObserved(deps, tx, row, verdict.observed, {
      ctx: systemContext(),
      noticeAt: event.at,
    });
    await markEventProcessed(tx, eventId, {
      processedAt: now,
      outcome: result.outcome,
      transactionId: row.id,
      status: verdict.observed.status,
      error: null,
    });
  });
}
