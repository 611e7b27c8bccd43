import {
  DEFAULT_ROUTER_PORTS,
  type Page,
  type RouterTestResult,
  type TestRouterConnection,
} from '@jaring/contracts';
import { eq } from 'drizzle-orm';
import { customers } from '../../db/schema/index.ts';
import { decodeIdCursor, toIdPage } from '../../lib/cursor.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import {
  insertIntegrationLog,
  selectIntegrationLog,
  type IntegrationLogRow,
} from '../integration-log/queries.ts';
import { reconcileRouterJob } from './jobs.ts';
import { probeRouter } from './probe.ts';
import { findRouter, recordRouterDown, recordRouterFacts } from './queries.ts';
import { reconcileRouter, type ReconcileReport } from './reconciler.ts';
import { connectionOptions, poolOptionsFor } from './router-pools.ts';

export async function testUnsavedRouter(input: TestRouterConnection): Promise<RouterTestResult> {
  return probeRouter(
    connectionOptions({
      ...input,
      port: input.port ?? DEFAULT_ROUTER_PORTS[input.transport],
      tlsFingerprint: input.tlsFingerprint ?? null,
    }),
    'connection-test',
  );
}

/** Tests a saved router, records what it learned (identity, version) and logs the call. */
export async function testSavedRouter(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<RouterTestResult> {
  const router = await findRouter(deps.db, id);
  if (!router) throw notFound('Router');
  const started = performance.now();
  try {
    const result = await probeRouter(poolOptionsFor(deps, router), router.id);
    await recordRouterFacts(deps.db, id, {
      identity: result.identity,
      version: result.version,
      board: result.board,
      at: deps.clock.now(),
    });
    await insertIntegrationLog(deps.db, [
      {
        system: 'routeros',
        routerId: id,
        operation: 'test-connection',
        ok: true,
        latencyMs: result.latencyMs,
        detail:
          `${result.identity ?? '?'} RouterOS ${result.version ?? '?'} ${result.board ?? ''}`.trim(),
        requestId: ctx.requestId,
      },
    ]);
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await recordRouterDown(deps.db, id, message);
    await insertIntegrationLog(deps.db, [
      {
        system: 'routeros',
        routerId: id,
        operation: 'test-connection',
        ok: false,
        latencyMs: Math.round(performance.now() - started),
        error: message,
        requestId: ctx.requestId,
      },
    ]);
    throw err;
  }
}

export async function requestSync(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<{ jobId: string | null }> {
  const router = await findRouter(deps.db, id);
  if (!router) throw notFound('Router');
  return deps.db.transaction(async (tx) => {
    const jobId = await deps.jobs.enqueue(
      reconcileRouterJob,
      { routerId: id },
      { tx, singletonKey: id },
    );
    await recordAudit(tx, ctx, {
      action: 'router.sync-requested',
      entityType: 'router',
      entityId: id,
    });
    return { jobId };
  });
}

export async function showDrift(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<ReconcileReport> {
  try {
    const report = await reconcileRouter(deps, id, { dryRun: true, requestId: ctx.requestId });
    if (!report) throw notFound('Router');
    return report;
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new DomainError(
      'router_unreachable',
      `Could not read the router: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

export interface IntegrationLogDto {
  id: string;
  at: string;
  system: string;
  routerId: string | null;
  subscriptionId: string | null;
  customerId: string | null;
  operation: string;
  ok: boolean;
  latencyMs: number;
  detail: string | null;
  error: string | null;
}

function toDto(r: IntegrationLogRow): IntegrationLogDto {
  return {
    id: r.id.toString(),
    at: r.at.toISOString(),
    system: r.system,
    routerId: r.routerId,
    subscriptionId: r.subscriptionId,
    customerId: r.customerId,
    operation: r.operation,
    ok: r.ok,
    latencyMs: r.latencyMs,
    detail: r.detail,
    error: r.error,
  };
}

/** A reseller may only look at its own customers; to everyone else they do not exist. */
export async function assertCustomerVisible(
  deps: AppDeps,
  ctx: RequestContext,
  customerId: string,
): Promise<void> {
  const [row] = await deps.db
    .select({ resellerId: customers.resellerId })
    .from(customers)
    .where(eq(customers.id, customerId))
    .limit(1);
  const p = ctx.principal;
  if (!row || (p?.user.role === 'reseller' && row.resellerId !== p.user.id))
    throw notFound('Customer');
}

export async function listIntegrationLog(
  deps: AppDeps,
  filter: { routerId?: string; customerId?: string; subscriptionId?: string },
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<IntegrationLogDto>> {
  const rows = await selectIntegrationLog(deps.db, {
    ...filter,
    beforeId: page.cursor === undefined ? undefined : decodeIdCursor(page.cursor),
    limit: page.limit + 1,
  });
  return toIdPage(rows, page.limit, toDto);
}
