import type {
  CreateOdp,
  CreateSite,
  ListOdpsQuery,
  ListSitesQuery,
  Odp,
  Page,
  Site,
  TopologyMap,
  TopologyMapQuery,
  TopologyTree,
  TopologyTreeQuery,
  UpdateOdp,
  UpdateSite,
} from '@jaring/contracts';
import type { Executor } from '../../db/database.ts';
import { decodeCreatedCursor, toPage } from '../../lib/cursor.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { invalidField, onUnique, pick } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import {
  countChildOdps,
  deleteOdpRow,
  deleteSiteRow,
  findOdp,
  findSite,
  insertOdp,
  insertSite,
  mapPoints,
  maxOdpPort,
  odpsByIds,
  type OdpWithUse,
  selectOdps,
  selectSites,
  siteUsage,
  type SiteRow,
  treeGroups,
  treeRouters,
  unroutedCustomers,
  updateOdpRow,
  updateSiteRow,
} from './queries.ts';

function toSiteDto(row: SiteRow): Site {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as Site['kind'],
    parentId: row.parentId,
    latitude: row.latitude,
    longitude: row.longitude,
    notes: row.notes,
  };
}

function toOdpDto(row: OdpWithUse): Odp {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as Odp['kind'],
    parentId: row.parentId,
    siteId: row.siteId,
    latitude: row.latitude,
    longitude: row.longitude,
    capacity: row.capacity,
    used: row.used,
    notes: row.notes,
  };
}

const nameTaken = (what: string): DomainError =>
  new DomainError('name_taken', `A ${what} with this name already exists`, {
    fields: [{ path: 'name', message: 'already in use', code: 'name_taken' }],
  });

// --- sites --------------------------------------------------------------------------------

export async function listSites(deps: AppDeps, q: ListSitesQuery): Promise<Page<Site>> {
  const rows = await selectSites(deps.db, {
    limit: q.limit + 1,
    ...(q.cursor ? { after: decodeCreatedCursor(q.cursor) } : {}),
    ...(q.q ? { q: q.q } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.parentId ? { parentId: q.parentId } : {}),
  });
  return toPage(rows, q.limit, toSiteDto);
}

export async function getSite(deps: AppDeps, id: string): Promise<Site> {
  const row = await findSite(deps.db, id);
  if (!row) throw notFound('Site');
  return toSiteDto(row);
}

/** A site's parent must exist and must not be the site itself or one of its descendants. */
async function checkSiteParent(tx: Executor, id: string | null, parentId: string): Promise<void> {
  let cursor: string | null = parentId;
  for (let depth = 0; cursor !== null; depth++) {
    if (cursor === id || depth > 64) {
      throw invalidField('parentId', 'A site cannot be inside itself', 'cycle');
    }
    const parent: SiteRow | undefined = await findSite(tx, cursor);
    if (!parent) throw invalidField('parentId', 'Parent site not found', 'not_found');
    cursor = parent.parentId;
  }
}

export async function createSite(
  deps: AppDeps,
  ctx: RequestContext,
  input: CreateSite,
): Promise<Site> {
  return deps.db.transaction(async (tx) => {
    if (input.parentId) await checkSiteParent(tx, null, input.parentId);
    const row = await insertSite(tx, {
      name: input.name,
      kind: input.kind,
      parentId: input.parentId ?? null,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      notes: input.notes ?? null,
    });
    if (!row) throw nameTaken('site');
    await recordAudit(tx, ctx, {
      action: 'site.created',
      entityType: 'site',
      entityId: row.id,
      after: row,
    });
    return toSiteDto(row);
  });
}

export async function updateSite(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: UpdateSite,
): Promise<Site> {
  return deps.db.transaction(async (tx) => {
    const before = await findSite(tx, id, true);
    if (!before) throw notFound('Site');
    if (input.parentId) await checkSiteParent(tx, id, input.parentId);
    const after = await onUnique(
      updateSiteRow(tx, id, {
        ...pick(input, ['name', 'kind', 'parentId', 'latitude', 'longitude', 'notes']),
        updatedAt: deps.clock.now(),
      }),
      () => nameTaken('site'),
    );
    if (!after) throw notFound('Site');
    await recordAudit(tx, ctx, {
      action: 'site.updated',
      entityType: 'site',
      entityId: id,
      before,
      after,
    });
    return toSiteDto(after);
  });
}

export async function deleteSite(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await findSite(tx, id, true);
    if (!before) throw notFound('Site');
    const used = await siteUsage(tx, id);
    if (used > 0) {
      throw new DomainError(
        'in_use',
        `Site ${before.name} is still used by ${used} site(s), ODP(s), router(s) or customer(s)`,
      );
    }
    await deleteSiteRow(tx, id);
    await recordAudit(tx, ctx, {
      action: 'site.deleted',
      entityType: 'site',
      entityId: id,
      before,
    });
  });
}

// --- ODC/ODP ------------------------------------------------------------------------------

export async function listOdps(deps: AppDeps, q: ListOdpsQuery): Promise<Page<Odp>> {
  const rows = await selectOdps(deps.db, {
    limit: q.limit + 1,
    ...(q.cursor ? { after: decodeCreatedCursor(q.cursor) } : {}),
    ...(q.q ? { q: q.q } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.siteId ? { siteId: q.siteId } : {}),
    ...(q.parentId ? { parentId: q.parentId } : {}),
  });
  return toPage(rows, q.limit, toOdpDto);
}

export async function getOdp(deps: AppDeps, id: string): Promise<Odp> {
  const row = await findOdp(deps.db, id);
  if (!row) throw notFound('ODP');
  return toOdpDto(row);
}

/** An ODP hangs off an ODC; an ODC may hang off another ODC (cascaded splitters). */
async function checkOdpRefs(
  tx: Executor,
  id: string | null,
  parentId: string | null | undefined,
  siteId: string | null | undefined,
): Promise<void> {
  if (parentId) {
    if (parentId === id) throw invalidField('parentId', 'An ODP cannot feed itself', 'cycle');
    const parent = await findOdp(tx, parentId);
    if (!parent) throw invalidField('parentId', 'Parent ODC not found', 'not_found');
    if (parent.kind !== 'odc')
      throw invalidField('parentId', 'The parent must be an ODC', 'not_odc');
  }
  if (siteId && !(await findSite(tx, siteId))) {
    throw invalidField('siteId', 'Site not found', 'not_found');
  }
}

export async function createOdp(
  deps: AppDeps,
  ctx: RequestContext,
  input: CreateOdp,
): Promise<Odp> {
  return deps.db.transaction(async (tx) => {
    await checkOdpRefs(tx, null, input.parentId, input.siteId);
    const row = await insertOdp(tx, {
      name: input.name,
      kind: input.kind,
      parentId: input.parentId ?? null,
      siteId: input.siteId ?? null,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      capacity: input.capacity,
      notes: input.notes ?? null,
    });
    if (!row) throw nameTaken('distribution point');
    await recordAudit(tx, ctx, {
      action: 'odp.created',
      entityType: 'odp',
      entityId: row.id,
      after: row,
    });
    return toOdpDto({ ...row, used: 0 });
  });
}

export async function updateOdp(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: UpdateOdp,
): Promise<Odp> {
  return deps.db.transaction(async (tx) => {
    const before = await findOdp(tx, id, true);
    if (!before) throw notFound('ODP');
    await checkOdpRefs(tx, id, input.parentId, input.siteId);
    if (input.kind === 'odp' && before.kind === 'odc' && (await countChildOdps(tx, id)) > 0) {
      throw new DomainError('in_use', 'This ODC still feeds ODPs; it cannot become an ODP');
    }
    if (input.capacity !== undefined) {
      const highest = await maxOdpPort(tx, id);
      if (input.capacity < Math.max(before.used, highest)) {
        throw new DomainError(
          'in_use',
          `Capacity ${input.capacity} is below what is in use (${before.used} customers, highest port ${highest})`,
          { fields: [{ path: 'capacity', message: 'below current use', code: 'in_use' }] },
        );
      }
    }
    const after = await onUnique(
      updateOdpRow(tx, id, {
        ...pick(input, [
          'name',
          'kind',
          'parentId',
          'siteId',
          'latitude',
          'longitude',
          'capacity',
          'notes',
        ]),
        updatedAt: deps.clock.now(),
      }),
      () => nameTaken('distribution point'),
    );
    if (!after) throw notFound('ODP');
    const { used: _u, ...beforeRow } = before;
    await recordAudit(tx, ctx, {
      action: 'odp.updated',
      entityType: 'odp',
      entityId: id,
      before: beforeRow,
      after,
    });
    return toOdpDto({ ...after, used: before.used });
  });
}

export async function deleteOdp(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await findOdp(tx, id, true);
    if (!before) throw notFound('ODP');
    const children = await countChildOdps(tx, id);
    if (before.used > 0 || children > 0) {
      throw new DomainError(
        'in_use',
        `${before.name} still serves ${before.used} customer(s) and feeds ${children} ODP(s)`,
      );
    }
    await deleteOdpRow(tx, id);
    const { used: _u, ...beforeRow } = before;
    await recordAudit(tx, ctx, {
      action: 'odp.deleted',
      entityType: 'odp',
      entityId: id,
      before: beforeRow,
    });
  });
}

// --- views --------------------------------------------------------------------------------

export async function topologyTree(deps: AppDeps, q: TopologyTreeQuery): Promise<TopologyTree> {
  const routerList = await treeRouters(deps.db, q.routerId);
  if (q.routerId && routerList.length === 0) throw notFound('Router');
  if (q.odpId && !(await findOdp(deps.db, q.odpId))) throw notFound('ODP');
  // Names are listed when one router or ODP is opened; the whole network comes as counts.
  const cap = q.customersPerNode ?? (q.routerId || q.odpId ? 20 : 0);
  const groups = await treeGroups(deps.db, { routerId: q.routerId, odpId: q.odpId }, cap);
  const odpIds = new Set<string>();
  for (const g of groups) if (g.odpId) odpIds.add(g.odpId);
  // ODCs above the ODPs in use, so the client can draw router -> ODC -> ODP.
  const odpMap = new Map<string, OdpWithUse>();
  let pending = [...odpIds];
  for (let depth = 0; pending.length > 0 && depth < 8; depth++) {
    const rows = await odpsByIds(deps.db, pending);
    pending = [];
    for (const r of rows) {
      odpMap.set(r.id, r);
      if (r.parentId && !odpMap.has(r.parentId)) pending.push(r.parentId);
    }
  }
  const nodes = (list: {
    total: number;
    customers: TopologyTree['unrouted']['customers'];
  }): TopologyTree['unrouted'] => ({
    customerCount: list.total,
    customers: list.customers,
    more: list.total > list.customers.length,
  });
  const routersOut = routerList.map((r) => {
    const mine = groups.filter((g) => g.routerId === r.id);
    const odpNodes: TopologyTree['routers'][number]['odps'] = [];
    const included = new Set<string>();
    const add = (odpId: string, group: (typeof mine)[number] | undefined): void => {
      const odp = odpMap.get(odpId);
      if (!odp || included.has(odpId)) return;
      included.add(odpId);
      odpNodes.push({
        id: odp.id,
        name: odp.name,
        kind: odp.kind as 'odc' | 'odp',
        parentId: odp.parentId,
        capacity: odp.capacity,
        used: odp.used,
        ...nodes(group ?? { total: 0, customers: [] }),
      });
      if (odp.parentId)
        add(
          odp.parentId,
          mine.find((g) => g.odpId === odp.parentId),
        );
    };
    for (const g of mine) if (g.odpId) add(g.odpId, g);
    const unassigned = mine.find((g) => g.odpId === null);
    return {
      id: r.id,
      name: r.name,
      online: r.online,
      customerCount: r.customerCount,
      odps: odpNodes.sort((a, b) => a.name.localeCompare(b.name)),
      unassigned: nodes(unassigned ?? { total: 0, customers: [] }),
    };
  });
  const unrouted =
    q.routerId || q.odpId ? { total: 0, customers: [] } : await unroutedCustomers(deps.db, cap);
  return { routers: routersOut, unrouted: nodes(unrouted) };
}

export async function topologyMap(deps: AppDeps, q: TopologyMapQuery): Promise<TopologyMap> {
  const points = await mapPoints(deps.db, q.bbox, q.limit);
  return {
    points: points.slice(0, q.limit) as TopologyMap['points'],
    truncated: points.length > q.limit,
  };
}
