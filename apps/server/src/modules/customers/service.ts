import type {
  CreateCustomer,
  Customer,
  ListCustomersQuery,
  Page,
  UpdateCustomer,
} from '@jaring/contracts';
import type { Executor } from '../../db/database.ts';
import { decodeCreatedCursor, toPage } from '../../lib/cursor.ts';
import { DomainError, forbidden, notFound } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/password.ts';
import { invalidField, onUnique, pick } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { markRouterChanged } from '../reconcile/sync-request.ts';
import {
  countLiveSubscriptions,
  type CustomerRow,
  deleteCustomerRow,
  findCustomer,
  hasBillingHistory,
  insertCustomer,
  lockOdp,
  nextCustomerNumber,
  odpUse,
  readSetting,
  routersOfCustomer,
  selectCustomers,
  siteExists,
  stampCustomerSubscriptions,
  updateCustomerRow,
  userRole,
} from './queries.ts';

export const NATIONAL_ID_CONTEXT = 'customers.national_id';
export const NUMBER_PREFIX_KEY = 'customers.numberPrefix';
const DEFAULT_PREFIX = 'JRG';

/**
 * Row-level scope of the caller: a reseller only ever sees its own customers (and their
 * subscriptions); every other role sees all. Returned as the reseller id to filter on.
 */
export function resellerScope(ctx: RequestContext): string | undefined {
  const p = ctx.principal;
  if (!p) throw new DomainError('unauthenticated', 'Authentication required');
  return p.user.role === 'reseller' ? p.user.id : undefined;
}

function canReadIdentity(ctx: RequestContext): boolean {
  return ctx.principal?.abilities.has('customers:read-identity') ?? false;
}

export function toCustomerDto(deps: AppDeps, ctx: RequestContext, row: CustomerRow): Customer {
  let nationalId: string | null = null;
  if (row.nationalIdEnc) {
    nationalId = canReadIdentity(ctx)
      ? deps.secretBox.decrypt(row.nationalIdEnc, NATIONAL_ID_CONTEXT)
      : `${'*'.repeat(12)}${row.nationalIdLast4 ?? '****'}`;
  }
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    phone: row.phone,
    email: row.email,
    address: row.address,
    nationalId,
    latitude: row.latitude,
    longitude: row.longitude,
    notes: row.notes,
    status: row.status as Customer['status'],
    siteId: row.siteId,
    odpId: row.odpId,
    odpPort: row.odpPort,
    resellerId: row.resellerId,
    hasPortalLogin: row.portalPasswordHash !== null,
    locale: row.locale === 'en' ? 'en' : 'id',
    creditBalance: row.creditBalance.toString(),
    dunningExempt: row.dunningExempt,
    promiseToPayUntil: row.promiseToPayUntil,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log keeps: no NIK (only its last 4) and no password hash. */
function auditView(row: CustomerRow): Record<string, unknown> {
  const { nationalIdEnc: _n, portalPasswordHash, ...rest } = row;
  return { ...rest, hasPortalLogin: portalPasswordHash !== null };
}

/** The operator's customer number prefix (setting `customers.numberPrefix`). */
export async function numberPrefix(tx: Executor): Promise<string> {
  const value = await readSetting(tx, NUMBER_PREFIX_KEY);
  return typeof value === 'string' && /^[A-Za-z0-9-]{0,12}$/.test(value) ? value : DEFAULT_PREFIX;
}

export function formatCustomerNumber(prefix: string, n: bigint): string {
  return `${prefix}${n.toString().padStart(6, '0')}`;
}

/** Who owns the customer: a reseller always itself; others may name a reseller user. */
async function resolveReseller(
  tx: Executor,
  ctx: RequestContext,
  requested: string | null | undefined,
): Promise<string | null | undefined> {
  const self = resellerScope(ctx);
  if (self !== undefined) {
    if (requested !== undefined && requested !== self) {
      throw forbidden('A reseller can only manage its own customers');
    }
    return self;
  }
  if (requested) {
    if ((await userRole(tx, requested)) !== 'reseller') {
      throw invalidField('resellerId', 'No reseller with this id', 'not_found');
    }
  }
  return requested;
}

/** Site, ODP and ODP port of a customer: they must exist, fit, and not collide. */
async function checkPlacement(
  tx: Executor,
  customerId: string | undefined,
  siteId: string | null | undefined,
  odpId: string | null | undefined,
  odpPort: number | null | undefined,
  odpChanged: boolean,
): Promise<void> {
  if (siteId && !(await siteExists(tx, siteId))) {
    throw invalidField('siteId', 'Site not found', 'not_found');
  }
  if (odpPort !== null && odpPort !== undefined && !odpId) {
    throw invalidField('odpPort', 'A port needs an ODP', 'required');
  }
  if (!odpId) return;
  const odp = await lockOdp(tx, odpId);
  if (!odp) throw invalidField('odpId', 'ODP not found', 'not_found');
  if (odp.kind !== 'odp') throw invalidField('odpId', 'Customers attach to an ODP, not an ODC');
  if (odpPort !== null && odpPort !== undefined && odpPort > odp.capacity) {
    throw invalidField('odpPort', `${odp.name} has ports 1 to ${odp.capacity}`, 'too_big');
  }
  const use = await odpUse(tx, odpId, customerId);
  if (odpChanged && use.used >= odp.capacity) {
    throw new DomainError('conflict', `${odp.name} is full (${use.used}/${odp.capacity})`, {
      fields: [{ path: 'odpId', message: 'ODP is full', code: 'odp_full' }],
    });
  }
  if (odpPort !== null && odpPort !== undefined && use.portTaken(odpPort)) {
    throw portTaken(odp.name, odpPort);
  }
}

const portTaken = (odp: string, port: number): DomainError =>
  new DomainError('odp_port_taken', `Port ${port} of ${odp} is already in use`, {
    fields: [{ path: 'odpPort', message: 'already in use', code: 'odp_port_taken' }],
  });

export async function listCustomers(
  deps: AppDeps,
  ctx: RequestContext,
  q: ListCustomersQuery,
): Promise<Page<Customer>> {
  const resellerId = resellerScope(ctx);
  const rows = await selectCustomers(deps.db, {
    limit: q.limit + 1,
    ...(q.cursor ? { after: decodeCreatedCursor(q.cursor) } : {}),
    ...(resellerId ? { resellerId } : {}),
    ...(q.q ? { q: q.q } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.routerId ? { routerId: q.routerId } : {}),
    ...(q.odpId ? { odpId: q.odpId } : {}),
  });
  return toPage(rows, q.limit, (r) => toCustomerDto(deps, ctx, r));
}

export async function getCustomer(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<Customer> {
  const row = await findCustomer(deps.db, id, resellerScope(ctx));
  if (!row) throw notFound('Customer');
  return toCustomerDto(deps, ctx, row);
}

export async function createCustomer(
  deps: AppDeps,
  ctx: RequestContext,
  input: CreateCustomer,
): Promise<Customer> {
  const portalPasswordHash = input.portalPassword ? await hashPassword(input.portalPassword) : null;
  return deps.db.transaction(async (tx) => {
    const resellerId = await resolveReseller(tx, ctx, input.resellerId);
    await checkPlacement(tx, undefined, input.siteId, input.odpId, input.odpPort, true);
    const number = formatCustomerNumber(await numberPrefix(tx), await nextCustomerNumber(tx));
    const row = await insertCustomer(tx, {
      number,
      name: input.name,
      phone: input.phone ?? null,
      email: input.email ?? null,
      address: input.address ?? null,
      nationalIdEnc: input.nationalId
        ? deps.secretBox.encrypt(input.nationalId, NATIONAL_ID_CONTEXT)
        : null,
      nationalIdLast4: input.nationalId ? input.nationalId.slice(-4) : null,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      notes: input.notes ?? null,
      siteId: input.siteId ?? null,
      odpId: input.odpId ?? null,
      odpPort: input.odpPort ?? null,
      resellerId: resellerId ?? null,
      portalPasswordHash,
      createdAt: deps.clock.now(),
      updatedAt: deps.clock.now(),
    });
    if (!row) throw portTaken('the ODP', input.odpPort ?? 0);
    await recordAudit(tx, ctx, {
      action: 'customer.created',
      entityType: 'customer',
      entityId: row.id,
      after: auditView(row),
    });
    return toCustomerDto(deps, ctx, row);
  });
}

export async function updateCustomer(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: UpdateCustomer,
): Promise<Customer> {
  const portalPasswordHash =
    input.portalPassword === undefined
      ? undefined
      : input.portalPassword === null
        ? null
        : await hashPassword(input.portalPassword);
  return deps.db.transaction(async (tx) => {
    const before = await findCustomer(tx, id, resellerScope(ctx), true);
    if (!before) throw notFound('Customer');
    const resellerId =
      input.resellerId === undefined ? undefined : await resolveReseller(tx, ctx, input.resellerId);
    const odpId = input.odpId === undefined ? before.odpId : input.odpId;
    // Moving to another ODP drops the old port unless a new one is given.
    const odpPort =
      input.odpPort !== undefined
        ? input.odpPort
        : input.odpId !== undefined && input.odpId !== before.odpId
          ? null
          : before.odpPort;
    const placementChanged =
      input.siteId !== undefined || input.odpId !== undefined || input.odpPort !== undefined;
    if (placementChanged) {
      await checkPlacement(
        tx,
        id,
        input.siteId,
        odpId,
        odpPort,
        odpId !== null && odpId !== before.odpId,
      );
    }
    const after = await onUnique(
      updateCustomerRow(tx, id, {
        ...pick(input, [
          'name',
          'phone',
          'email',
          'address',
          'latitude',
          'longitude',
          'notes',
          'status',
          'siteId',
        ]),
        ...(placementChanged ? { odpId, odpPort } : {}),
        ...(resellerId === undefined ? {} : { resellerId }),
        ...(input.nationalId === undefined
          ? {}
          : {
              nationalIdEnc: input.nationalId
                ? deps.secretBox.encrypt(input.nationalId, NATIONAL_ID_CONTEXT)
                : null,
              nationalIdLast4: input.nationalId ? input.nationalId.slice(-4) : null,
            }),
        ...(portalPasswordHash === undefined ? {} : { portalPasswordHash }),
        updatedAt: deps.clock.now(),
      }),
      () => portTaken('the ODP', odpPort ?? 0),
    );
    if (!after) throw notFound('Customer');
    if (after.name !== before.name) {
      // Router entries carry the customer's number and name in their comment.
      for (const routerId of await routersOfCustomer(tx, id)) {
        const revision = await markRouterChanged(deps, tx, routerId);
        await stampCustomerSubscriptions(tx, id, routerId, revision);
      }
    }
    await recordAudit(tx, ctx, {
      action: 'customer.updated',
      entityType: 'customer',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return toCustomerDto(deps, ctx, after);
  });
}

export async function deleteCustomer(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await findCustomer(tx, id, resellerScope(ctx), true);
    if (!before) throw notFound('Customer');
    const live = await countLiveSubscriptions(tx, id);
    if (live > 0) {
      throw new DomainError(
        'in_use',
        `${before.name} still has ${live} subscription(s) that are not terminated`,
      );
    }
    if (await hasBillingHistory(tx, id)) {
      throw new DomainError(
        'in_use',
        `${before.name} has invoices or payments; set the customer inactive instead of deleting`,
      );
    }
    await deleteCustomerRow(tx, id);
    await recordAudit(tx, ctx, {
      action: 'customer.deleted',
      entityType: 'customer',
      entityId: id,
      before: auditView(before),
    });
  });
}
