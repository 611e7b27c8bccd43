import {
  DEFAULT_ROUTER_PORTS,
  type CreateRouter,
  type ListRoutersQuery,
  type Page,
  type Router,
  type UpdateRouter,
} from '@jaring/contracts';
import { decodeCreatedCursor, toPage } from '../../lib/cursor.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { invalidField, onUnique, pick } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { testUnsavedRouter } from '../reconcile/service.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { markRouterChanged } from '../reconcile/sync-request.ts';
import {
  countRouterSubscriptions,
  deleteRouterRow,
  findRouter,
  insertRouter,
  type RouterRow,
  selectRouters,
  siteExists,
  updateRouterRow,
} from './queries.ts';

export const PASSWORD_CONTEXT = 'routers.password';

/** The port each transport listens on by default. */
export const DEFAULT_PORTS: Readonly<Record<Router['transport'], number>> = DEFAULT_ROUTER_PORTS;

export function toRouterDto(row: RouterRow): Router {
  return {
    id: row.id,
    name: row.name,
    addresses: row.addresses,
    port: row.port,
    transport: row.transport as Router['transport'],
    tlsMode: row.tlsMode as Router['tlsMode'],
    tlsFingerprint: row.tlsFingerprint,
    username: row.username,
    codepage: row.codepage as Router['codepage'],
    rosVersion: row.rosVersion,
    identity: row.identity,
    board: row.board,
    siteId: row.siteId,
    latitude: row.latitude,
    longitude: row.longitude,
    notes: row.notes,
    isolationMode: row.isolationMode as Router['isolationMode'],
    isolationPool: row.isolationPool,
    status: {
      online: row.online,
      lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
      lastError: row.lastError,
    },
    sync: {
      pending: row.desiredRevision > row.syncedRevision,
      lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
      lastSyncError: row.lastSyncError,
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a router: no credential, not even encrypted. */
function auditView(row: RouterRow): Record<string, unknown> {
  const { passwordEnc: _p, ...rest } = row;
  return rest;
}

const nameTaken = (): DomainError =>
  new DomainError('name_taken', 'A router with this name already exists', {
    fields: [{ path: 'name', message: 'already in use', code: 'name_taken' }],
  });

function checkTls(tlsMode: string, fingerprint: string | null | undefined): void {
  if (tlsMode === 'fingerprint' && !fingerprint) {
    throw invalidField(
      'tlsFingerprint',
      'A certificate fingerprint is required when TLS mode is fingerprint',
      'required',
    );
  }
}

/** Fingerprints are kept as lower-case colon-separated hex, whatever form was sent. */
function normaliseFingerprint(fp: string | null | undefined): string | null | undefined {
  if (fp === undefined || fp === null) return fp;
  const hex = fp.replace(/:/g, '').toLowerCase();
  return hex.match(/../g)?.join(':') ?? hex;
}

export async function listRouters(deps: AppDeps, q: ListRoutersQuery): Promise<Page<Router>> {
  const rows = await selectRouters(deps.db, {
    limit: q.limit + 1,
    ...(q.cursor ? { after: decodeCreatedCursor(q.cursor) } : {}),
    ...(q.q ? { q: q.q } : {}),
    ...(q.siteId ? { siteId: q.siteId } : {}),
  });
  return toPage(rows, q.limit, toRouterDto);
}

export async function getRouter(deps: AppDeps, id: string): Promise<Router> {
  const row = await findRouter(deps.db, id);
  if (!row) throw notFound('Router');
  return toRouterDto(row);
}

export async function createRouter(
  deps: AppDeps,
  ctx: RequestContext,
  input: CreateRouter,
): Promise<Router> {
  checkTls(input.tlsMode, input.tlsFingerprint);
  // Probed before the transaction: a router that cannot be reached leaves nothing behind.
  const probe = input.verify
    ? await testUnsavedRouter({ ...input, tlsFingerprint: input.tlsFingerprint ?? null })
    : undefined;
  return deps.db.transaction(async (tx) => {
    if (input.siteId && !(await siteExists(tx, input.siteId))) {
      throw invalidField('siteId', 'Site not found', 'not_found');
    }
    const row = await insertRouter(tx, {
      name: input.name,
      addresses: input.addresses,
      port: input.port ?? DEFAULT_PORTS[input.transport],
      transport: input.transport,
      tlsMode: input.tlsMode,
      tlsFingerprint: normaliseFingerprint(input.tlsFingerprint) ?? null,
      username: input.username,
      passwordEnc: deps.secretBox.encrypt(input.password, PASSWORD_CONTEXT),
      codepage: input.codepage,
      siteId: input.siteId ?? null,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      notes: input.notes ?? null,
      isolationMode: input.isolationMode,
      ...(input.isolationPool ? { isolationPool: input.isolationPool } : {}),
      ...(probe
        ? {
            identity: probe.identity,
            rosVersion: probe.version,
            board: probe.board,
            online: true,
            lastSeenAt: deps.clock.now(),
          }
        : {}),
    });
    if (!row) throw nameTaken();
    await recordAudit(tx, ctx, {
      action: 'router.created',
      entityType: 'router',
      entityId: row.id,
      after: auditView(row),
    });
    return toRouterDto(row);
  });
}

export async function updateRouter(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: UpdateRouter,
): Promise<Router> {
  return deps.db.transaction(async (tx) => {
    const before = await findRouter(tx, id, true);
    if (!before) throw notFound('Router');
    const tlsMode = input.tlsMode ?? before.tlsMode;
    const fingerprint =
      input.tlsFingerprint === undefined ? before.tlsFingerprint : input.tlsFingerprint;
    checkTls(tlsMode, fingerprint);
    if (input.siteId && !(await siteExists(tx, input.siteId))) {
      throw invalidField('siteId', 'Site not found', 'not_found');
    }
    // A new transport brings its default port along unless the old port was a custom one.
    let port = input.port;
    if (port === undefined && input.transport && input.transport !== before.transport) {
      const oldDefault = DEFAULT_PORTS[before.transport as Router['transport']];
      if (before.port === oldDefault) port = DEFAULT_PORTS[input.transport];
    }
    const isolationChanged =
      (input.isolationMode !== undefined && input.isolationMode !== before.isolationMode) ||
      (input.isolationPool !== undefined && input.isolationPool !== before.isolationPool);
    const updated = await onUnique(
      updateRouterRow(tx, id, {
        ...pick(input, [
          'name',
          'addresses',
          'transport',
          'tlsMode',
          'username',
          'codepage',
          'siteId',
          'latitude',
          'longitude',
          'notes',
          'isolationMode',
          'isolationPool',
        ]),
        ...(port === undefined ? {} : { port }),
        ...(input.tlsFingerprint === undefined
          ? {}
          : { tlsFingerprint: normaliseFingerprint(input.tlsFingerprint) ?? null }),
        ...(input.password === undefined
          ? {}
          : { passwordEnc: deps.secretBox.encrypt(input.password, PASSWORD_CONTEXT) }),
        updatedAt: deps.clock.now(),
      }),
      nameTaken,
    );
    if (!updated) throw notFound('Router');
    let after = updated;
    if (isolationChanged) {
      // Isolated subscriptions are rendered differently now: the router must converge.
      await markRouterChanged(deps, tx, id);
      after = (await findRouter(tx, id)) ?? updated;
    }
    await recordAudit(tx, ctx, {
      action: input.password === undefined ? 'router.updated' : 'router.updated.password',
      entityType: 'router',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return toRouterDto(after);
  });
}

export async function deleteRouter(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await findRouter(tx, id, true);
    if (!before) throw notFound('Router');
    const subs = await countRouterSubscriptions(tx, id);
    if (subs.all > 0) {
      throw new DomainError(
        'in_use',
        subs.live > 0
          ? `Router ${before.name} still serves ${subs.live} subscription(s); move or terminate them first`
          : `Router ${before.name} is referenced by ${subs.all} terminated subscription(s) kept for history`,
      );
    }
    await deleteRouterRow(tx, id);
    await recordAudit(tx, ctx, {
      action: 'router.deleted',
      entityType: 'router',
      entityId: id,
      before: auditView(before),
    });
  });
}
