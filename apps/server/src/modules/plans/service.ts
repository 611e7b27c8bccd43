import type { CreatePlan, ListPlansQuery, Page, Plan, UpdatePlan } from '@jaring/contracts';
import { formatRateLimit } from '@jaring/routeros';
import type { Executor } from '../../db/database.ts';
import { decodeCreatedCursor, toPage } from '../../lib/cursor.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { onUnique, pick } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { markRouterChanged } from '../reconcile/sync-request.ts';
import {
  deletePlanRow,
  existingRouterIds,
  findPlan,
  insertPlan,
  livePlanUsage,
  planUsage,
  type PlanRow,
  profileNamesLike,
  routerIdsOfPlans,
  selectPlans,
  setPlanRouters,
  updatePlanRow,
} from './queries.ts';

type Burst = NonNullable<Plan['burst']>;

interface Rates {
  downloadKbps: number;
  uploadKbps: number;
  burst: Burst | null;
}

/**
 * The RouterOS rate-limit of a plan: `rx/tx` is the client's upload/download, rates in bit/s
 * with decimal units (`2M` = 2,000 kbit/s), as RouterOS reads them.
 */
export function planRateLimit(r: Rates): string {
  const bits = (kbps: number): number => kbps * 1000;
  return formatRateLimit({
    rx: bits(r.uploadKbps),
    tx: bits(r.downloadKbps),
    ...(r.burst
      ? {
          burstRx: bits(r.burst.uploadKbps),
          burstTx: bits(r.burst.downloadKbps),
          thresholdRx: bits(r.burst.thresholdUploadKbps),
          thresholdTx: bits(r.burst.thresholdDownloadKbps),
          burstTimeRx: r.burst.seconds,
          burstTimeTx: r.burst.seconds,
        }
      : {}),
  });
}

/** Burst must lift the rate above the base, and its threshold must sit below the burst rate. */
function checkRates(r: Rates): void {
  const b = r.burst;
  if (!b) return;
  const errors: { path: string; message: string; code: string }[] = [];
  if (b.downloadKbps <= r.downloadKbps) {
    errors.push({
      path: 'burst.downloadKbps',
      message: `must be above the download rate (${r.downloadKbps} kbit/s)`,
      code: 'too_small',
    });
  }
  if (b.uploadKbps <= r.uploadKbps) {
    errors.push({
      path: 'burst.uploadKbps',
      message: `must be above the upload rate (${r.uploadKbps} kbit/s)`,
      code: 'too_small',
    });
  }
  if (b.thresholdDownloadKbps >= b.downloadKbps) {
    errors.push({
      path: 'burst.thresholdDownloadKbps',
      message: 'must be below the burst download rate',
      code: 'too_big',
    });
  }
  if (b.thresholdUploadKbps >= b.uploadKbps) {
    errors.push({
      path: 'burst.thresholdUploadKbps',
      message: 'must be below the burst upload rate',
      code: 'too_big',
    });
  }
  if (errors.length > 0) {
    throw new DomainError('validation_failed', 'The plan rates are impossible', { fields: errors });
  }
}

function burstOf(row: PlanRow): Burst | null {
  if (
    row.burstDownloadKbps === null ||
    row.burstUploadKbps === null ||
    row.burstThresholdDownloadKbps === null ||
    row.burstThresholdUploadKbps === null ||
    row.burstSeconds === null
  ) {
    return null;
  }
  return {
    downloadKbps: row.burstDownloadKbps,
    uploadKbps: row.burstUploadKbps,
    thresholdDownloadKbps: row.burstThresholdDownloadKbps,
    thresholdUploadKbps: row.burstThresholdUploadKbps,
    seconds: row.burstSeconds,
  };
}

function burstColumns(b: Burst | null): Partial<PlanRow> {
  return {
    burstDownloadKbps: b?.downloadKbps ?? null,
    burstUploadKbps: b?.uploadKbps ?? null,
    burstThresholdDownloadKbps: b?.thresholdDownloadKbps ?? null,
    burstThresholdUploadKbps: b?.thresholdUploadKbps ?? null,
    burstSeconds: b?.seconds ?? null,
  };
}

export function toPlanDto(row: PlanRow, routerIds: string[]): Plan {
  const burst = burstOf(row);
  return {
    id: row.id,
    name: row.name,
    type: row.type as Plan['type'],
    profileName: row.profileName,
    downloadKbps: row.downloadKbps,
    uploadKbps: row.uploadKbps,
    burst,
    rateLimit: planRateLimit({ downloadKbps: row.downloadKbps, uploadKbps: row.uploadKbps, burst }),
    price: row.price.toString(),
    taxRateBp: row.taxRateBp,
    billingPeriod: row.billingPeriod as Plan['billingPeriod'],
    localAddress: row.localAddress,
    remotePool: row.remotePool,
    sharedUsers: row.sharedUsers,
    routerIds,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** `jaring-<slug of the name>`, made unique with a counter; never changes afterwards. */
async function newProfileName(tx: Executor, name: string): Promise<string> {
  const slug =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'plan';
  const base = `jaring-${slug}`;
  const taken = await profileNamesLike(tx, base);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

async function checkRouterIds(tx: Executor, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)].sort();
  const found = await existingRouterIds(tx, unique);
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new DomainError('validation_failed', `Unknown router id(s): ${missing.join(', ')}`, {
      fields: missing.map((id) => ({
        path: `routerIds.${ids.indexOf(id)}`,
        message: `router ${id} not found`,
        code: 'not_found',
      })),
    });
  }
  return unique;
}

const nameTaken = (): DomainError =>
  new DomainError('name_taken', 'A plan with this name already exists', {
    fields: [{ path: 'name', message: 'already in use', code: 'name_taken' }],
  });

function auditView(row: PlanRow, routerIds: string[]): Record<string, unknown> {
  return { ...row, routerIds };
}

/** Routers in a stable order, so concurrent changes lock them in the same order. */
async function markAll(deps: AppDeps, tx: Executor, routerIds: Iterable<string>): Promise<void> {
  for (const id of [...new Set(routerIds)].sort()) await markRouterChanged(deps, tx, id);
}

export async function listPlans(deps: AppDeps, q: ListPlansQuery): Promise<Page<Plan>> {
  const rows = await selectPlans(deps.db, {
    limit: q.limit + 1,
    ...(q.cursor ? { after: decodeCreatedCursor(q.cursor) } : {}),
    ...(q.q ? { q: q.q } : {}),
    ...(q.type ? { type: q.type } : {}),
    ...(q.routerId ? { routerId: q.routerId } : {}),
    ...(q.active ? { active: q.active === 'true' } : {}),
  });
  const routerMap = await routerIdsOfPlans(
    deps.db,
    rows.map((r) => r.id),
  );
  return toPage(rows, q.limit, (r) => toPlanDto(r, routerMap.get(r.id) ?? []));
}

export async function getPlan(deps: AppDeps, id: string): Promise<Plan> {
  const row = await findPlan(deps.db, id);
  if (!row) throw notFound('Plan');
  const routerMap = await routerIdsOfPlans(deps.db, [id]);
  return toPlanDto(row, routerMap.get(id) ?? []);
}

export async function createPlan(
  deps: AppDeps,
  ctx: RequestContext,
  input: CreatePlan,
): Promise<Plan> {
  const burst = input.burst ?? null;
  checkRates({ downloadKbps: input.downloadKbps, uploadKbps: input.uploadKbps, burst });
  return deps.db.transaction(async (tx) => {
    const routerIds = await checkRouterIds(tx, input.routerIds);
    let row: PlanRow | undefined;
    // A concurrent plan with a name of the same slug may take the profile name first: retry.
    for (let attempt = 0; !row && attempt < 5; attempt++) {
      row = await onUnique(
        insertPlan(tx, {
          name: input.name,
          type: input.type,
          profileName: await newProfileName(tx, input.name),
          downloadKbps: input.downloadKbps,
          uploadKbps: input.uploadKbps,
          ...burstColumns(burst),
          price: BigInt(input.price),
          taxRateBp: input.taxRateBp,
          billingPeriod: input.billingPeriod,
          localAddress: input.localAddress ?? null,
          remotePool: input.remotePool ?? null,
          sharedUsers: input.sharedUsers,
          active: input.active,
        }),
        nameTaken,
      );
    }
    if (!row) throw new DomainError('conflict', 'Could not find a free profile name; try again');
    await setPlanRouters(tx, row.id, routerIds);
    await markAll(deps, tx, routerIds);
    await recordAudit(tx, ctx, {
      action: 'plan.created',
      entityType: 'plan',
      entityId: row.id,
      after: auditView(row, routerIds),
    });
    return toPlanDto(row, routerIds);
  });
}

export async function updatePlan(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: UpdatePlan,
): Promise<Plan> {
  return deps.db.transaction(async (tx) => {
    const before = await findPlan(tx, id, true);
    if (!before) throw notFound('Plan');
    const oldRouters = (await routerIdsOfPlans(tx, [id])).get(id) ?? [];
    const rates: Rates = {
      downloadKbps: input.downloadKbps ?? before.downloadKbps,
      uploadKbps: input.uploadKbps ?? before.uploadKbps,
      burst: input.burst === undefined ? burstOf(before) : input.burst,
    };
    checkRates(rates);
    const newRouters =
      input.routerIds === undefined ? oldRouters : await checkRouterIds(tx, input.routerIds);
    const removed = oldRouters.filter((r) => !newRouters.includes(r));
    const added = newRouters.filter((r) => !oldRouters.includes(r));
    if (removed.length > 0) {
      const usage = (await livePlanUsage(tx, id)).filter((u) => removed.includes(u.routerId));
      if (usage.length > 0) {
        throw new DomainError(
          'in_use',
          `Subscriptions on router(s) ${usage.map((u) => u.routerId).join(', ')} use this plan; move them or change their plan first`,
          {
            fields: [
              {
                path: 'routerIds',
                message: 'a removed router still uses this plan',
                code: 'in_use',
              },
            ],
          },
        );
      }
    }
    const after = await onUnique(
      updatePlanRow(tx, id, {
        ...pick(input, [
          'name',
          'downloadKbps',
          'uploadKbps',
          'taxRateBp',
          'billingPeriod',
          'localAddress',
          'remotePool',
          'sharedUsers',
          'active',
        ]),
        ...(input.burst === undefined ? {} : burstColumns(input.burst)),
        ...(input.price === undefined ? {} : { price: BigInt(input.price) }),
        updatedAt: deps.clock.now(),
      }),
      nameTaken,
    );
    if (!after) throw notFound('Plan');
    if (input.routerIds !== undefined) await setPlanRouters(tx, id, newRouters);
    // What the routers carry: the profile's rate-limit, addresses and shared users.
    const beforeRates: Rates = {
      downloadKbps: before.downloadKbps,
      uploadKbps: before.uploadKbps,
      burst: burstOf(before),
    };
    const profileChanged =
      planRateLimit(rates) !== planRateLimit(beforeRates) ||
      after.localAddress !== before.localAddress ||
      after.remotePool !== before.remotePool ||
      after.sharedUsers !== before.sharedUsers;
    await markAll(
      deps,
      tx,
      profileChanged ? [...oldRouters, ...newRouters] : [...added, ...removed],
    );
    await recordAudit(tx, ctx, {
      action: 'plan.updated',
      entityType: 'plan',
      entityId: id,
      before: auditView(before, oldRouters),
      after: auditView(after, newRouters),
    });
    return toPlanDto(after, newRouters);
  });
}

export async function deletePlan(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await findPlan(tx, id, true);
    if (!before) throw notFound('Plan');
    const usage = await planUsage(tx, id);
    const total = usage.reduce((n, u) => n + u.n, 0);
    if (total > 0) {
      throw new DomainError(
        'in_use',
        `Plan ${before.name} is used by ${total} subscription(s) (terminated ones are kept for history); deactivate it instead`,
      );
    }
    const routerIds = (await routerIdsOfPlans(tx, [id])).get(id) ?? [];
    await deletePlanRow(tx, id);
    // The profile leaves every router that carried it.
    await markAll(deps, tx, routerIds);
    await recordAudit(tx, ctx, {
      action: 'plan.deleted',
      entityType: 'plan',
      entityId: id,
      before: auditView(before, routerIds),
    });
  });
}
