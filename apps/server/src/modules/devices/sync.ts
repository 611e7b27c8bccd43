/**
 * Device sync: pages the ACS's devices by `_id` with a projection of only the mapped paths,
 * normalises each document (param-map.ts) and upserts each page in one statement, then matches
 * the page's devices to subscriptions in one more. Incremental syncs ask only for devices that
 * informed since the cursor, so a 50,000-device fleet where 1% changed costs one small query.
 */
import { paramOverridesSchema, type ParamMapRule } from '@jaring/contracts';
import {
  andQuery,
  type DeviceDocument,
  type GenieAcsClient,
  type NbiQuery,
} from '@jaring/genieacs';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { alertPolicy } from '../alerts/conditions.ts';
import { publishAlertChanges } from '../monitoring/live.ts';
import { readMonitoringSettings } from '../monitoring/settings.ts';
import { acsClientFor, collectAcsCalls, logAcsCalls } from './acs-clients.ts';
import { evaluateDeviceAlerts } from './alerts.ts';
import { matchDevices } from './mapping.ts';
import { normaliseDevice, syncProjection, type NormalisedDevice } from './param-map.ts';
import { claimSyncLease, updateAcsServerRow, type AcsServerRow } from './queries.ts';

export type SyncMode = 'incremental' | 'full';

export interface SyncResult {
  mode: SyncMode;
  /** Devices the ACS returned. */
  devices: number;
  /** Devices removed because the ACS no longer has them (full syncs only). */
  removed: number;
  /** Devices whose subscription link changed. */
  relinked: number;
  durationMs: number;
  cursor: string | null;
}

export interface SyncOptions {
  pageSize?: number;
}

/**
 * How far before the sync's start the next incremental sync looks back: a device that informs
 * while the pages are read may be missed by this sync, and the ACS's clock may differ a little
 * from ours. Small on purpose: every second of it is re-read devices.
 */
const CURSOR_MARGIN_MS = 5_000;
/** A sync that has not finished after this long is presumed dead; another may start. */
const SYNC_LEASE_MS = 30 * 60_000;

/**
 * For the rest of the transaction. The matching and alert statements join tens of thousands of
 * rows on expressions the planner cannot estimate; PostgreSQL's JIT then spent about 0.9 s
 * compiling a statement that runs in 0.1 s. (PGlite has no JIT and ignores the setting.)
 */
async function withoutJit(tx: Executor): Promise<void> {
  await tx.execute(sql`set local jit = off`);
}

export function overridesOf(server: Pick<AcsServerRow, 'paramOverrides'>): ParamMapRule[] {
  return paramOverridesSchema.safeParse(server.paramOverrides).data ?? [];
}

/** The columns of one upserted device, as the statement's JSON rows carry them. */
function toRecord(d: NormalisedDevice): Record<string, unknown> {
  return {
    id: d.acsDeviceId,
    oui: d.oui,
    pc: d.productClass,
    serial: d.serial,
    mf: d.manufacturer,
    model: d.model,
    fw: d.firmware,
    dm: d.dataModel,
    li: d.lastInform,
    reg: d.registeredAt,
    pppoe: d.pppoeUsername,
    wan: d.wanIp,
    ssids: d.ssids,
    hosts: d.hostsCount,
    rx: d.rxPowerDbm,
    up: d.uptimeS,
    tags: d.tags,
  };
}

/** Writes a page of devices in one statement; unchanged rows are left alone. */
export async function upsertDevices(
  tx: Executor,
  acsServerId: string,
  page: readonly NormalisedDevice[],
  now: Date,
): Promise<void> {
  if (page.length === 0) return;
  await tx.execute(sql`insert into devices as d (acs_server_id, acs_device_id, oui, product_class,
      serial, manufacturer, model, firmware, data_model, last_inform, registered_at, pppoe_username,
      wan_ip, ssids, hosts_count, rx_power_dbm, uptime_s, tags, synced_at, created_at)
    select ${acsServerId}::uuid, x.id, x.oui, x.pc, x.serial, x.mf, x.model, x.fw, x.dm, x.li, x.reg,
      x.pppoe, x.wan, coalesce(x.ssids, '[]'::jsonb), x.hosts, x.rx, x.up,
      coalesce(x.tags, '{}'::text[]), ${now}::timestamptz,
      -- Keyset cursors carry milliseconds: now() would store microseconds.
      ${now}::timestamptz
    from json_to_recordset(${JSON.stringify(page.map(toRecord))}::json) as x(id text, oui text,
      pc text, serial text, mf text, model text, fw text, dm text, li timestamptz, reg timestamptz,
      pppoe text, wan text, ssids jsonb, hosts integer, rx real, up bigint, tags text[])
    on conflict (acs_server_id, acs_device_id) do update set
      oui = excluded.oui, product_class = excluded.product_class, serial = excluded.serial,
      manufacturer = excluded.manufacturer, model = excluded.model, firmware = excluded.firmware,
      data_model = excluded.data_model, last_inform = excluded.last_inform,
      registered_at = excluded.registered_at, pppoe_username = excluded.pppoe_username,
      wan_ip = excluded.wan_ip, ssids = excluded.ssids, hosts_count = excluded.hosts_count,
      rx_power_dbm = excluded.rx_power_dbm, uptime_s = excluded.uptime_s, tags = excluded.tags,
      synced_at = excluded.synced_at
    where d.last_inform is distinct from excluded.last_inform
      or d.pppoe_username is distinct from excluded.pppoe_username
      or d.serial is distinct from excluded.serial
      or d.ssids is distinct from excluded.ssids
      or d.tags is distinct from excluded.tags
      or d.rx_power_dbm is distinct from excluded.rx_power_dbm
      or d.uptime_s is distinct from excluded.uptime_s
      or d.wan_ip is distinct from excluded.wan_ip
      or d.hosts_count is distinct from excluded.hosts_count
      or d.firmware is distinct from excluded.firmware
      or d.model is distinct from excluded.model
      or d.manufacturer is distinct from excluded.manufacturer
      or d.data_model is distinct from excluded.data_model
      or d.registered_at is distinct from excluded.registered_at`);
}

/** Devices of the server the ACS no longer has (a full sync saw every device it has). */
async function removeUnseen(
  tx: Executor,
  acsServerId: string,
  seen: readonly string[],
): Promise<number> {
  const rows = await rowsOf<{ id: string }>(
    tx.execute(sql`delete from devices d where d.acs_server_id = ${acsServerId}
      and not exists (select 1 from json_array_elements_text(${JSON.stringify(seen)}::json) s(id)
        where s.id = d.acs_device_id)
      returning d.id`),
  );
  return rows.length;
}

function laterIso(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * Pages through the matching devices by `_id` (an index range on the ACS, however many there
 * are). The next page is requested while the current one is written: the ACS's rendering and our
 * parsing overlap the database's work instead of adding to it.
 */
async function readPages(
  client: GenieAcsClient,
  query: NbiQuery | undefined,
  projection: readonly string[],
  pageSize: number,
  onPage: (docs: DeviceDocument[]) => Promise<void>,
): Promise<void> {
  const fetchAfter = (last: string | undefined): Promise<DeviceDocument[]> => {
    const q = last === undefined ? query : andQuery(query, { _id: { $gt: last } });
    return client.queryDevices({
      ...(q === undefined ? {} : { query: q }),
      projection,
      sort: { _id: 1 },
      limit: pageSize,
    });
  };
  let next = fetchAfter(undefined);
  for (;;) {
    const page = await next;
    const tail = page.at(-1);
    const more = page.length === pageSize && tail !== undefined;
    if (more) {
      next = fetchAfter(tail._id);
      // Awaited on the next turn; until then a failure must not count as unhandled.
      next.catch(() => undefined);
    }
    if (page.length > 0) await onPage(page);
    if (!more) return;
  }
}

/**
 * Runs one sync of one ACS server, unless another is running (answers null then). Errors are
 * recorded on the server and thrown, so the job retries.
 */
export async function syncAcsServer(
  deps: AppDeps,
  acsServerId: string,
  mode: SyncMode,
  options: SyncOptions = {},
): Promise<SyncResult | null> {
  const now = deps.clock.now();
  const server = await claimSyncLease(
    deps.db,
    acsServerId,
    now,
    new Date(now.getTime() + SYNC_LEASE_MS),
  );
  if (!server) return null;
  const started = performance.now();
  // The cursor is compared with `_lastInform`, which is the ACS's wall clock, not business time.
  const wallStart = Date.now();
  const client = acsClientFor(deps, server);
  const overrides = overridesOf(server);
  const projection = syncProjection(overrides);
  const pageSize = options.pageSize ?? 1000;
  const since = mode === 'incremental' ? server.syncCursor : null;
  const query: NbiQuery | undefined = since
    ? { _lastInform: { $gt: since.toISOString() } }
    : undefined;
  let count = 0;
  let relinked = 0;
  let removed = 0;
  let maxSeen: string | null = null;
  const seen: string[] = [];

  const fail = async (error: unknown, calls: Parameters<typeof logAcsCalls>[1]): Promise<never> => {
    const message = error instanceof Error ? error.message : String(error);
    await deps.db.transaction(async (tx) => {
      await logAcsCalls(tx, calls, { acsServerName: server.name, operation: `sync ${mode}` });
      await updateAcsServerRow(tx, acsServerId, {
        lastError: message.slice(0, 500),
        lastErrorAt: deps.clock.now(),
        syncLeaseUntil: null,
      });
    });
    throw error;
  };

  const outcome = await collectAcsCalls(async () => {
    await readPages(client, query, projection, pageSize, async (docs) => {
      const page = docs.map((doc) => normaliseDevice(doc, overrides));
      for (const d of page) {
        maxSeen = laterIso(maxSeen, d.lastInform);
        if (mode === 'full') seen.push(d.acsDeviceId);
      }
      count += page.length;
      await deps.db.transaction(async (tx) => {
        await withoutJit(tx);
        await upsertDevices(tx, acsServerId, page, now);
        const changed = await matchDevices(tx, acsServerId, {
          kind: 'acs-ids',
          acsDeviceIds: page.map((d) => d.acsDeviceId),
        });
        relinked += changed.length;
      });
    });
  });
  const calls = outcome.calls;
  if ('error' in outcome) return fail(outcome.error, calls);

  const policy = alertPolicy(await readMonitoringSettings(deps.db));
  const finished = deps.clock.now();
  const previous = server.syncCursor?.toISOString() ?? null;
  const floor = new Date(wallStart - CURSOR_MARGIN_MS).toISOString();
  const newest = laterIso(previous, maxSeen);
  const cursor = newest === null ? null : Date.parse(newest) < Date.parse(floor) ? newest : floor;
  const durationMs = Math.round(performance.now() - started);
  const changes = await deps.db
    .transaction(async (tx) => {
      await withoutJit(tx);
      // An ACS answering "no devices at all" is far more likely misconfigured than empty: keep what
      // is known rather than wipe every device and its history.
      if (mode === 'full' && seen.length > 0) removed = await removeUnseen(tx, acsServerId, seen);
      relinked += (await matchDevices(tx, acsServerId, { kind: 'review' })).length;
      const alertChanges = await evaluateDeviceAlerts(deps, tx, acsServerId, policy, finished);
      await logAcsCalls(tx, calls, { acsServerName: server.name, operation: `sync ${mode}` });
      await updateAcsServerRow(tx, acsServerId, {
        syncCursor: cursor === null ? null : new Date(cursor),
        lastSyncAt: finished,
        ...(mode === 'full' ? { lastFullSyncAt: finished } : {}),
        lastSyncDevices: count,
        lastSyncMs: durationMs,
        lastError: null,
        lastErrorAt: null,
        syncLeaseUntil: null,
      });
      return alertChanges;
    })
    // The calls are logged by `fail`, and the lease is released for the retry.
    .catch((err: unknown) => fail(err, calls));
  await publishAlertChanges(deps, changes);
  return { mode, devices: count, removed, relinked, durationMs, cursor };
}

/** Re-reads one device from the ACS into its stored record (after an action succeeded). */
export async function refreshStoredDevice(
  deps: AppDeps,
  server: AcsServerRow,
  acsDeviceId: string,
): Promise<boolean> {
  const client = acsClientFor(deps, server);
  const overrides = overridesOf(server);
  const doc = await client.getDevice(acsDeviceId, syncProjection(overrides));
  if (!doc) return false;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await upsertDevices(tx, server.id, [normaliseDevice(doc, overrides)], now);
  });
  return true;
}
