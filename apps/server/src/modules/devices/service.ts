import type {
  AcsServer,
  AcsSyncQueued,
  AcsTestResult,
  CreateAcsServer,
  CustomerDevices,
  Device,
  DeviceCandidate,
  DeviceDetail,
  DeviceListQuery,
  DeviceReviewItem,
  DeviceReviewQuery,
  DeviceSsid,
  DeviceTask,
  OntSerial,
  Page,
  PortalDevice,
  PortalDeviceTask,
  TestAcsConnection,
  UpdateAcsServer,
} from '@jaring/contracts';
import { and, eq, ne, sql } from 'drizzle-orm';
import { subscriptions } from '../../db/schema/index.ts';
import { decodeCreatedCursor, encodeCreatedCursor, toPage } from '../../lib/cursor.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { onUnique, pick, rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { readMonitoringSettings } from '../monitoring/settings.ts';
import {
  ACS_PASSWORD_CONTEXT,
  breakerStateOf,
  collectAcsCalls,
  dropAcsClient,
  logAcsCalls,
  oneOffClient,
} from './acs-clients.ts';
import { attemptTask, recordAction, type ActionInput, type Requester } from './actions.ts';
import { devicesSyncJob, devicesTaskJob, type SyncPayload } from './jobs.ts';
import { overridesOf } from './sync.ts';
import {
  countDevicesByServer,
  deleteAcsServerRow,
  findAcsServer,
  findDevice,
  findDeviceTask,
  findDeviceView,
  findSubscriptionLink,
  insertAcsServer,
  selectAcsServers,
  selectCandidates,
  selectDeviceTasks,
  selectDeviceViews,
  updateAcsServerRow,
  updateDeviceRow,
  type AcsServerRow,
  type DeviceRow,
  type DeviceTaskRow,
  type DeviceView,
} from './queries.ts';

// ---- DTOs -----------------------------------------------------------------------------------------

function iso(d: Date | null): string | null {
  return d?.toISOString() ?? null;
}

export function toAcsServerDto(deps: AppDeps, row: AcsServerRow, deviceCount: number): AcsServer {
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.baseUrl,
    username: row.username,
    hasPassword: row.passwordEnc !== null,
    enabled: row.enabled,
    syncIntervalMinutes: row.syncIntervalMinutes,
    onlineWindowMinutes: row.onlineWindowMinutes,
    timeoutMs: row.timeoutMs,
    taskTimeoutMs: row.taskTimeoutMs,
    paramOverrides: overridesOf(row),
    syncTags: row.syncTags,
    deviceCount,
    sync: {
      lastSyncAt: iso(row.lastSyncAt),
      lastFullSyncAt: iso(row.lastFullSyncAt),
      cursor: iso(row.syncCursor),
      lastDevices: row.lastSyncDevices,
      lastDurationMs: row.lastSyncMs,
      lastError: row.lastError,
      lastErrorAt: iso(row.lastErrorAt),
    },
    breaker: breakerStateOf(deps, row.id),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function isOnline(v: DeviceView, now: Date): boolean {
  const li = v.device.lastInform;
  return li !== null && now.getTime() - li.getTime() < v.onlineWindowMinutes * 60_000;
}

export function toDeviceDto(v: DeviceView, now: Date, thresholdDbm: number): Device {
  const d = v.device;
  return {
    id: d.id,
    acsServerId: d.acsServerId,
    acsServerName: v.acsServerName,
    acsDeviceId: d.acsDeviceId,
    oui: d.oui,
    productClass: d.productClass,
    serial: d.serial,
    manufacturer: d.manufacturer,
    model: d.model,
    firmware: d.firmware,
    dataModel: (d.dataModel as Device['dataModel']) ?? null,
    lastInformAt: iso(d.lastInform),
    online: isOnline(v, now),
    pppoeUsername: d.pppoeUsername,
    wanIp: d.wanIp,
    ssids: d.ssids as DeviceSsid[],
    hostsCount: d.hostsCount,
    rxPowerDbm: d.rxPowerDbm,
    weakSignal: d.rxPowerDbm !== null && d.rxPowerDbm < thresholdDbm,
    uptimeS: d.uptimeS,
    tags: d.tags,
    matchState: d.matchState as Device['matchState'],
    link:
      d.subscriptionId && v.customerId && v.subscriptionUsername
        ? {
            subscriptionId: d.subscriptionId,
            username: v.subscriptionUsername,
            customerId: v.customerId,
            customerNumber: v.customerNumber ?? '',
            customerName: v.customerName ?? '',
          }
        : null,
    pendingTasks: v.pendingTasks,
    syncedAt: d.syncedAt.toISOString(),
  };
}

export function toTaskDto(t: DeviceTaskRow): DeviceTask {
  return {
    id: t.id,
    deviceId: t.deviceId,
    subscriptionId: t.subscriptionId,
    kind: t.kind as DeviceTask['kind'],
    params: (t.params ?? {}) as Record<string, unknown>,
    status: t.status as DeviceTask['status'],
    acsTaskId: t.acsTaskId,
    fault: (t.fault as DeviceTask['fault']) ?? null,
    lastError: t.lastError,
    requestedBy: {
      type: t.requestedByType as DeviceTask['requestedBy']['type'],
      id: t.requestedById,
      name: t.requestedByName,
    },
    attempts: t.attempts,
    nextAttemptAt: iso(t.nextAttemptAt),
    createdAt: t.createdAt.toISOString(),
    sentAt: iso(t.sentAt),
    completedAt: iso(t.completedAt),
  };
}

function toPortalTaskDto(t: DeviceTaskRow): PortalDeviceTask {
  return {
    id: t.id,
    kind: t.kind as PortalDeviceTask['kind'],
    status: t.status as PortalDeviceTask['status'],
    params: (t.params ?? {}) as Record<string, unknown>,
    fault: (t.fault as PortalDeviceTask['fault']) ?? null,
    createdAt: t.createdAt.toISOString(),
    completedAt: iso(t.completedAt),
  };
}

async function rxThreshold(deps: AppDeps): Promise<number> {
  return (await readMonitoringSettings(deps.db)).rules.deviceRxPower.thresholdDbm;
}

// ---- ACS servers ----------------------------------------------------------------------------------

function auditView(row: AcsServerRow): Record<string, unknown> {
  const { passwordEnc: _p, syncLeaseUntil: _l, ...rest } = row;
  return { ...rest, hasPassword: row.passwordEnc !== null };
}

const nameTaken = (): DomainError =>
  new DomainError('name_taken', 'An ACS server with this name already exists', {
    fields: [{ path: 'name', message: 'already in use', code: 'name_taken' }],
  });

export async function listAcsServers(
  deps: AppDeps,
  q: { limit: number; cursor?: string | undefined },
): Promise<Page<AcsServer>> {
  const rows = await selectAcsServers(deps.db, {
    limit: q.limit + 1,
    after: q.cursor ? decodeCreatedCursor(q.cursor) : undefined,
  });
  const counts = await countDevicesByServer(
    deps.db,
    rows.map((r) => r.id),
  );
  return toPage(rows, q.limit, (r) => toAcsServerDto(deps, r, counts.get(r.id) ?? 0));
}

export async function getAcsServer(deps: AppDeps, id: string): Promise<AcsServer> {
  const row = await findAcsServer(deps.db, id);
  if (!row) throw notFound('ACS server');
  const counts = await countDevicesByServer(deps.db, [id]);
  return toAcsServerDto(deps, row, counts.get(id) ?? 0);
}

/** Reaches the NBI with the given settings; counts its devices. */
export async function testAcsConnection(
  deps: AppDeps,
  ctx: RequestContext,
  input: TestAcsConnection,
): Promise<AcsTestResult> {
  const client = oneOffClient({
    baseUrl: input.baseUrl,
    username: input.username ?? null,
    password: input.password ?? null,
    timeoutMs: input.timeoutMs,
  });
  const started = performance.now();
  const run = await collectAcsCalls(() => client.countDevices());
  client.close();
  const latencyMs = Math.round(performance.now() - started);
  await logAcsCalls(deps.db, run.calls, {
    acsServerName: new URL(input.baseUrl).host,
    operation: 'test',
    requestId: ctx.requestId,
  });
  if ('error' in run) {
    const error = run.error instanceof Error ? run.error.message : String(run.error);
    return { ok: false, latencyMs, deviceCount: null, error: error.slice(0, 500) };
  }
  return { ok: true, latencyMs, deviceCount: run.result, error: null };
}

export async function testSavedAcsServer(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<AcsTestResult> {
  const row = await findAcsServer(deps.db, id);
  if (!row) throw notFound('ACS server');
  return testAcsConnection(deps, ctx, {
    baseUrl: row.baseUrl,
    username: row.username,
    password: row.passwordEnc
      ? deps.secretBox.decrypt(row.passwordEnc, ACS_PASSWORD_CONTEXT)
      : null,
    timeoutMs: row.timeoutMs,
  });
}

export async function createAcsServer(
  deps: AppDeps,
  ctx: RequestContext,
  input: CreateAcsServer,
): Promise<AcsServer> {
  if (input.verify) {
    const probe = await testAcsConnection(deps, ctx, {
      baseUrl: input.baseUrl,
      username: input.username ?? null,
      password: input.password ?? null,
      timeoutMs: Math.min(input.timeoutMs, 15_000),
    });
    if (!probe.ok)
      throw new DomainError('acs_unavailable', `The ACS did not answer: ${probe.error ?? ''}`);
  }
  const row = await deps.db.transaction(async (tx) => {
    const created = await insertAcsServer(tx, {
      name: input.name,
      baseUrl: input.baseUrl.replace(/\/+$/, ''),
      username: input.username ?? null,
      passwordEnc: input.password
        ? deps.secretBox.encrypt(input.password, ACS_PASSWORD_CONTEXT)
        : null,
      enabled: input.enabled,
      syncIntervalMinutes: input.syncIntervalMinutes,
      onlineWindowMinutes: input.onlineWindowMinutes,
      timeoutMs: input.timeoutMs,
      taskTimeoutMs: input.taskTimeoutMs,
      paramOverrides: input.paramOverrides,
      syncTags: input.syncTags,
      createdAt: deps.clock.now(),
      updatedAt: deps.clock.now(),
    });
    if (!created) throw nameTaken();
    await recordAudit(tx, ctx, {
      action: 'acs_server.created',
      entityType: 'acs_server',
      entityId: created.id,
      after: auditView(created),
    });
    // The first sync is a full one, queued with the server itself.
    if (created.enabled) {
      const payload: SyncPayload = { acsServerId: created.id, mode: 'full' };
      await deps.jobs.enqueue(devicesSyncJob, payload, { tx, singletonKey: `${created.id}:full` });
    }
    return created;
  });
  return toAcsServerDto(deps, row, 0);
}

export async function updateAcsServer(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: UpdateAcsServer,
): Promise<AcsServer> {
  const row = await deps.db.transaction(async (tx) => {
    const before = await findAcsServer(tx, id, true);
    if (!before) throw notFound('ACS server');
    const updated = await onUnique(
      updateAcsServerRow(tx, id, {
        ...pick(input, [
          'name',
          'enabled',
          'syncIntervalMinutes',
          'onlineWindowMinutes',
          'timeoutMs',
          'taskTimeoutMs',
          'paramOverrides',
          'syncTags',
        ]),
        ...(input.baseUrl === undefined ? {} : { baseUrl: input.baseUrl.replace(/\/+$/, '') }),
        ...(input.username === undefined ? {} : { username: input.username }),
        ...(input.password === undefined
          ? {}
          : {
              passwordEnc: input.password
                ? deps.secretBox.encrypt(input.password, ACS_PASSWORD_CONTEXT)
                : null,
            }),
        updatedAt: deps.clock.now(),
      }),
      nameTaken,
    );
    if (!updated) throw notFound('ACS server');
    await recordAudit(tx, ctx, {
      action: input.password === undefined ? 'acs_server.updated' : 'acs_server.updated.password',
      entityType: 'acs_server',
      entityId: id,
      before: auditView(before),
      after: auditView(updated),
    });
    return updated;
  });
  const counts = await countDevicesByServer(deps.db, [id]);
  return toAcsServerDto(deps, row, counts.get(id) ?? 0);
}

export async function deleteAcsServer(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await findAcsServer(tx, id, true);
    if (!before) throw notFound('ACS server');
    await deleteAcsServerRow(tx, id);
    await recordAudit(tx, ctx, {
      action: 'acs_server.deleted',
      entityType: 'acs_server',
      entityId: id,
      before: auditView(before),
    });
  });
  dropAcsClient(deps, id);
}

export async function requestAcsSync(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  mode: 'incremental' | 'full',
): Promise<AcsSyncQueued> {
  await deps.db.transaction(async (tx) => {
    const server = await findAcsServer(tx, id);
    if (!server) throw notFound('ACS server');
    await recordAudit(tx, ctx, {
      action: 'acs_server.sync_requested',
      entityType: 'acs_server',
      entityId: id,
      after: { mode },
    });
    const payload: SyncPayload = { acsServerId: id, mode };
    await deps.jobs.enqueue(devicesSyncJob, payload, { tx, singletonKey: `${id}:${mode}` });
  });
  return { acsServerId: id, mode, queued: true };
}

// ---- Devices --------------------------------------------------------------------------------------

export async function listDevices(deps: AppDeps, q: DeviceListQuery): Promise<Page<Device>> {
  const now = deps.clock.now();
  const threshold = await rxThreshold(deps);
  const rows = await selectDeviceViews(deps.db, {
    limit: q.limit + 1,
    after: q.cursor ? decodeCreatedCursor(q.cursor) : undefined,
    q: q.q || undefined,
    acsServerId: q.acsServerId,
    offline: q.offline,
    weakSignalBelow: q.weakSignal ? threshold : undefined,
    unmatched: q.unmatched,
    matchState: q.matchState,
    subscriptionId: q.subscriptionId,
    now,
  });
  return toPage(
    rows.map((v) => ({ ...v, createdAt: v.device.createdAt, id: v.device.id })),
    q.limit,
    (v) => toDeviceDto(v, now, threshold),
  );
}

function detailParameters(v: DeviceView): { name: string; value: string }[] {
  const d = v.device;
  const out: [string, string | null][] = [
    ['ACS device id', d.acsDeviceId],
    ['OUI', d.oui],
    ['Product class', d.productClass],
    ['Data model', d.dataModel === 'tr181' ? 'TR-181' : d.dataModel === 'tr098' ? 'TR-098' : null],
    ['Registered', iso(d.registeredAt)],
    ['Match', d.matchReason ? `${d.matchState} (${d.matchReason})` : d.matchState],
  ];
  return out
    .filter((p): p is [string, string] => p[1] !== null)
    .map(([name, value]) => ({ name, value }));
}

export async function getDevice(deps: AppDeps, id: string): Promise<DeviceDetail> {
  const v = await findDeviceView(deps.db, id);
  if (!v) throw notFound('Device');
  const server = await findAcsServer(deps.db, v.device.acsServerId);
  const tasks = await selectDeviceTasks(deps.db, { deviceId: id, limit: 20 });
  const now = deps.clock.now();
  return {
    ...toDeviceDto(v, now, await rxThreshold(deps)),
    tasks: tasks.map(toTaskDto),
    parameters: detailParameters(v),
    stale:
      breakerStateOf(deps, v.device.acsServerId) === 'open' || (server?.lastError ?? null) !== null,
  };
}

export async function listDeviceTasks(
  deps: AppDeps,
  id: string,
  q: { limit: number; cursor?: string | undefined },
): Promise<Page<DeviceTask>> {
  const device = await findDevice(deps.db, id);
  if (!device) throw notFound('Device');
  const rows = await selectDeviceTasks(deps.db, {
    deviceId: id,
    limit: q.limit + 1,
    ...(q.cursor ? { beforeCreated: decodeCreatedCursor(q.cursor) } : {}),
  });
  return toPage(rows, q.limit, toTaskDto);
}

async function deviceDto(deps: AppDeps, id: string): Promise<Device> {
  const v = await findDeviceView(deps.db, id);
  if (!v) throw notFound('Device');
  return toDeviceDto(v, deps.clock.now(), await rxThreshold(deps));
}

export async function linkDevice(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  subscriptionId: string,
): Promise<Device> {
  await deps.db.transaction(async (tx) => {
    const before = await findDevice(tx, id, true);
    if (!before) throw notFound('Device');
    const link = await findSubscriptionLink(tx, subscriptionId);
    if (!link || link.status === 'terminated') {
      throw new DomainError('validation_failed', 'Subscription not found or terminated', {
        fields: [{ path: 'subscriptionId', message: 'not found or terminated', code: 'not_found' }],
      });
    }
    await updateDeviceRow(tx, id, {
      subscriptionId,
      matchState: 'manual',
      matchReason: 'manual',
    });
    await recordAudit(tx, ctx, {
      action: 'device.linked',
      entityType: 'device',
      entityId: id,
      before: { subscriptionId: before.subscriptionId, matchState: before.matchState },
      after: { subscriptionId, matchState: 'manual', customerNumber: link.customerNumber },
    });
  });
  return deviceDto(deps, id);
}

export async function unlinkDevice(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  automatic: boolean,
): Promise<Device> {
  await deps.db.transaction(async (tx) => {
    const before = await findDevice(tx, id, true);
    if (!before) throw notFound('Device');
    // Back to automatic: the next sync's review pass decides again.
    const state = automatic ? 'unmatched' : 'manual';
    await updateDeviceRow(tx, id, { subscriptionId: null, matchState: state, matchReason: null });
    await recordAudit(tx, ctx, {
      action: 'device.unlinked',
      entityType: 'device',
      entityId: id,
      before: { subscriptionId: before.subscriptionId, matchState: before.matchState },
      after: { subscriptionId: null, matchState: state },
    });
  });
  return deviceDto(deps, id);
}

export async function reviewDevices(
  deps: AppDeps,
  q: DeviceReviewQuery,
): Promise<Page<DeviceReviewItem>> {
  const now = deps.clock.now();
  const threshold = await rxThreshold(deps);
  const rows = await selectDeviceViews(deps.db, {
    limit: q.limit + 1,
    after: q.cursor ? decodeCreatedCursor(q.cursor) : undefined,
    acsServerId: q.acsServerId,
    matchStates: q.matchState ? [q.matchState] : ['unmatched', 'ambiguous'],
    now,
  });
  const page = rows.slice(0, q.limit);
  const candidates = await selectCandidates(
    deps.db,
    page.map((r) => r.device.id),
  );
  const byDevice = new Map<string, DeviceCandidate[]>();
  for (const c of candidates) {
    const list = byDevice.get(c.deviceId) ?? [];
    list.push({
      subscriptionId: c.subscriptionId,
      username: c.username,
      customerId: c.customerId,
      customerNumber: c.customerNumber,
      customerName: c.customerName,
      reason: c.reason,
    });
    byDevice.set(c.deviceId, list);
  }
  const data = page.map((v) => ({
    device: toDeviceDto(v, now, threshold),
    candidates: byDevice.get(v.device.id) ?? [],
  }));
  const last = rows.length > q.limit ? rows[q.limit - 1] : undefined;
  return {
    data,
    nextCursor: last ? encodeCreatedCursor(last.device) : null,
  };
}

export async function customerDevices(deps: AppDeps, customerId: string): Promise<CustomerDevices> {
  const now = deps.clock.now();
  const threshold = await rxThreshold(deps);
  const rows = await selectDeviceViews(deps.db, { limit: 50, customerId, now });
  const tasks = await selectDeviceTasks(deps.db, { customerId, limit: 20 });
  return {
    data: rows.map((v) => toDeviceDto(v, now, threshold)),
    tasks: tasks.map(toTaskDto),
  };
}

export async function setOntSerial(
  deps: AppDeps,
  ctx: RequestContext,
  subscriptionId: string,
  serial: string | null,
): Promise<OntSerial> {
  return deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ id: subscriptions.id, ontSerial: subscriptions.ontSerial })
      .from(subscriptions)
      .where(eq(subscriptions.id, subscriptionId))
      .for('update');
    if (!before) throw notFound('Subscription');
    await tx
      .update(subscriptions)
      .set({ ontSerial: serial, updatedAt: deps.clock.now() })
      .where(eq(subscriptions.id, subscriptionId));
    // Devices waiting for a match are judged again at the next sync (review pass).
    await recordAudit(tx, ctx, {
      action: 'subscription.ont_serial_set',
      entityType: 'subscription',
      entityId: subscriptionId,
      before: { ontSerial: before.ontSerial },
      after: { ontSerial: serial },
    });
    return { subscriptionId, serial };
  });
}

export async function getOntSerial(deps: AppDeps, subscriptionId: string): Promise<OntSerial> {
  const [row] = await deps.db
    .select({ id: subscriptions.id, ontSerial: subscriptions.ontSerial })
    .from(subscriptions)
    .where(eq(subscriptions.id, subscriptionId));
  if (!row) throw notFound('Subscription');
  return { subscriptionId: row.id, serial: row.ontSerial };
}

// ---- Actions --------------------------------------------------------------------------------------

/** Records the task, tries it once now, and tells whether the outcome is already known. */
async function runAction(
  deps: AppDeps,
  ctx: RequestContext,
  requester: Requester,
  device: DeviceRow,
  input: ActionInput,
): Promise<DeviceTaskRow> {
  const task = await recordAction(
    deps,
    ctx,
    requester,
    device,
    input,
    async (tx, t, startAfter) => {
      await deps.jobs.enqueue(devicesTaskJob, { taskId: t.id }, { tx, startAfter });
    },
  );
  try {
    return (await attemptTask(deps, task.id, { requestId: ctx.requestId })) ?? task;
  } catch (err) {
    // The task and its job are committed: the job will retry it.
    deps.logger.warn({ err, taskId: task.id }, 'first device task attempt failed');
    return (await findDeviceTask(deps.db, task.id)) ?? task;
  }
}

export async function staffDeviceAction(
  deps: AppDeps,
  ctx: RequestContext,
  deviceId: string,
  input: ActionInput,
): Promise<DeviceTask> {
  const device = await findDevice(deps.db, deviceId);
  if (!device) throw notFound('Device');
  const user = ctx.principal?.user;
  const requester: Requester = {
    type: user ? 'user' : 'system',
    id: user?.id ?? null,
    name: user ? user.name || user.email : null,
  };
  return toTaskDto(await runAction(deps, ctx, requester, device, input));
}

// ---- Portal ---------------------------------------------------------------------------------------

/** The device only when it is linked to one of the customer's subscriptions; else 404. */
async function ownDevice(deps: AppDeps, customerId: string, deviceId: string): Promise<DeviceRow> {
  const device = await findDevice(deps.db, deviceId);
  const owner = device?.subscriptionId
    ? await deps.db
        .select({ id: subscriptions.id })
        .from(subscriptions)
        .where(
          and(
            eq(subscriptions.id, device.subscriptionId),
            eq(subscriptions.customerId, customerId),
            ne(subscriptions.status, 'terminated'),
          ),
        )
    : [];
  // Not linked, another customer's, or no such device: one answer, so ids reveal nothing.
  if (!device || owner.length === 0) throw notFound('Device');
  return device;
}

export async function portalDevices(
  deps: AppDeps,
  customerId: string,
): Promise<{ data: PortalDevice[] }> {
  const now = deps.clock.now();
  const rows = await selectDeviceViews(deps.db, { limit: 20, customerId, liveLinks: true, now });
  const ids = rows.map((r) => r.device.id);
  const lastWifi = new Map<string, DeviceTaskRow>();
  if (ids.length > 0) {
    const tasks = await rowsOf<{ id: string }>(
      deps.db.execute(sql`select distinct on (device_id) id from device_tasks
        where kind = 'wifi' and customer_id = ${customerId}
          and device_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)
        order by device_id, created_at desc`),
    );
    for (const r of tasks) {
      const t = await findDeviceTask(deps.db, r.id);
      if (t) lastWifi.set(t.deviceId, t);
    }
  }
  return {
    data: rows.map((v): PortalDevice => {
      const t = lastWifi.get(v.device.id);
      return {
        id: v.device.id,
        subscriptionId: v.device.subscriptionId,
        manufacturer: v.device.manufacturer,
        model: v.device.model,
        online: isOnline(v, now),
        lastInformAt: iso(v.device.lastInform),
        ssids: v.device.ssids as DeviceSsid[],
        hostsCount: v.device.hostsCount,
        lastWifiTask: t
          ? {
              id: t.id,
              status: t.status as PortalDeviceTask['status'],
              createdAt: t.createdAt.toISOString(),
              completedAt: iso(t.completedAt),
              fault: (t.fault as PortalDeviceTask['fault']) ?? null,
            }
          : null,
      };
    }),
  };
}

export async function portalWifi(
  deps: AppDeps,
  ctx: RequestContext,
  customerId: string,
  deviceId: string,
  input: {
    ssid?: string | undefined;
    password?: string | undefined;
    indexes?: number[] | undefined;
  },
): Promise<PortalDeviceTask> {
  const device = await ownDevice(deps, customerId, deviceId);
  const task = await runAction(
    deps,
    ctx,
    { type: 'customer', id: customerId, name: 'customer (portal)' },
    device,
    { kind: 'wifi', ...input },
  );
  return toPortalTaskDto(task);
}

export async function portalTask(
  deps: AppDeps,
  customerId: string,
  deviceId: string,
  taskId: string,
): Promise<PortalDeviceTask> {
  await ownDevice(deps, customerId, deviceId);
  const task = await findDeviceTask(deps.db, taskId);
  if (!task || task.deviceId !== deviceId || task.customerId !== customerId) throw notFound('Task');
  return toPortalTaskDto(task);
}

export { toPortalTaskDto };
