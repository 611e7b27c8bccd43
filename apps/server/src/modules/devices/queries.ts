import { and, asc, desc, eq, ilike, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import {
  acsServers,
  customers,
  devices,
  deviceTasks,
  plans,
  subscriptions,
} from '../../db/schema/index.ts';
import type { CreatedCursor } from '../../lib/cursor.ts';
import { escapeLike, rowsOf } from '../../lib/sql-helpers.ts';

export type AcsServerRow = typeof acsServers.$inferSelect;
export type NewAcsServerRow = typeof acsServers.$inferInsert;
export type DeviceRow = typeof devices.$inferSelect;
export type DeviceTaskRow = typeof deviceTasks.$inferSelect;
export type NewDeviceTaskRow = typeof deviceTasks.$inferInsert;

// ---- ACS servers ----------------------------------------------------------------------------------

export async function findAcsServer(
  db: Executor,
  id: string,
  lock = false,
): Promise<AcsServerRow | undefined> {
  const q = db.select().from(acsServers).where(eq(acsServers.id, id)).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function selectAcsServers(
  db: Executor,
  f: { limit: number; after?: CreatedCursor | undefined },
): Promise<AcsServerRow[]> {
  return db
    .select()
    .from(acsServers)
    .where(
      f.after
        ? or(
            lt(acsServers.createdAt, f.after.createdAt),
            and(eq(acsServers.createdAt, f.after.createdAt), lt(acsServers.id, f.after.id)),
          )
        : undefined,
    )
    .orderBy(desc(acsServers.createdAt), desc(acsServers.id))
    .limit(f.limit);
}

export async function selectEnabledAcsServers(db: Executor): Promise<AcsServerRow[]> {
  return db.select().from(acsServers).where(eq(acsServers.enabled, true));
}

export async function countDevicesByServer(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: devices.acsServerId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(devices)
    .where(inArray(devices.acsServerId, [...ids]))
    .groupBy(devices.acsServerId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function insertAcsServer(
  db: Executor,
  values: NewAcsServerRow,
): Promise<AcsServerRow | undefined> {
  const [row] = await db.insert(acsServers).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateAcsServerRow(
  db: Executor,
  id: string,
  values: Partial<NewAcsServerRow>,
): Promise<AcsServerRow | undefined> {
  const [row] = await db.update(acsServers).set(values).where(eq(acsServers.id, id)).returning();
  return row;
}

export async function deleteAcsServerRow(db: Executor, id: string): Promise<void> {
  await db.delete(acsServers).where(eq(acsServers.id, id));
}

/**
 * Takes the server's sync lease: one sync per server at a time across every worker, and a
 * crashed worker's lease simply runs out.
 */
export async function claimSyncLease(
  db: Executor,
  id: string,
  now: Date,
  until: Date,
): Promise<AcsServerRow | undefined> {
  const [row] = await db
    .update(acsServers)
    .set({ syncLeaseUntil: until })
    .where(
      and(
        eq(acsServers.id, id),
        or(isNull(acsServers.syncLeaseUntil), lt(acsServers.syncLeaseUntil, now)),
      ),
    )
    .returning();
  return row;
}

// ---- Devices --------------------------------------------------------------------------------------

/** A device with what the API shows beside it. */
export interface DeviceView {
  device: DeviceRow;
  acsServerName: string;
  onlineWindowMinutes: number;
  subscriptionUsername: string | null;
  customerId: string | null;
  customerNumber: string | null;
  customerName: string | null;
  pendingTasks: number;
}

const viewColumns = {
  device: devices,
  acsServerName: acsServers.name,
  onlineWindowMinutes: acsServers.onlineWindowMinutes,
  subscriptionUsername: subscriptions.username,
  customerId: customers.id,
  customerNumber: customers.number,
  customerName: customers.name,
  pendingTasks: sql<number>`(select count(*) from device_tasks t
    where t.device_id = ${devices.id} and t.status in ('queued', 'sent'))`.mapWith(Number),
};

export interface DeviceFilter {
  limit: number;
  after?: CreatedCursor | undefined;
  q?: string | undefined;
  acsServerId?: string | undefined;
  offline?: boolean | undefined;
  weakSignalBelow?: number | undefined;
  unmatched?: boolean | undefined;
  matchState?: string | undefined;
  matchStates?: readonly string[] | undefined;
  subscriptionId?: string | undefined;
  customerId?: string | undefined;
  /** Only devices linked to a subscription that is not terminated. */
  liveLinks?: boolean | undefined;
  now: Date;
}

function onlineSql(now: Date): SQL {
  return sql`(${devices.lastInform} is not null and ${devices.lastInform} > ${now}::timestamptz - make_interval(mins => ${acsServers.onlineWindowMinutes}))`;
}

export async function selectDeviceViews(db: Executor, f: DeviceFilter): Promise<DeviceView[]> {
  const where: (SQL | undefined)[] = [];
  if (f.after) {
    where.push(
      or(
        lt(devices.createdAt, f.after.createdAt),
        and(eq(devices.createdAt, f.after.createdAt), lt(devices.id, f.after.id)),
      ),
    );
  }
  if (f.acsServerId) where.push(eq(devices.acsServerId, f.acsServerId));
  if (f.subscriptionId) where.push(eq(devices.subscriptionId, f.subscriptionId));
  if (f.customerId) where.push(eq(subscriptions.customerId, f.customerId));
  if (f.liveLinks) where.push(ne(subscriptions.status, 'terminated'));
  if (f.offline !== undefined)
    where.push(f.offline ? sql`not ${onlineSql(f.now)}` : onlineSql(f.now));
  if (f.weakSignalBelow !== undefined) where.push(lt(devices.rxPowerDbm, f.weakSignalBelow));
  if (f.unmatched !== undefined) {
    where.push(
      f.unmatched ? isNull(devices.subscriptionId) : sql`${devices.subscriptionId} is not null`,
    );
  }
  if (f.matchState) where.push(eq(devices.matchState, f.matchState));
  if (f.matchStates) where.push(inArray(devices.matchState, [...f.matchStates]));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    where.push(
      or(
        ilike(devices.serial, like),
        ilike(devices.pppoeUsername, like),
        ilike(devices.acsDeviceId, like),
        ilike(customers.number, like),
        ilike(customers.name, like),
        ilike(subscriptions.username, like),
      ),
    );
  }
  return db
    .select(viewColumns)
    .from(devices)
    .innerJoin(acsServers, eq(acsServers.id, devices.acsServerId))
    .leftJoin(subscriptions, eq(subscriptions.id, devices.subscriptionId))
    .leftJoin(customers, eq(customers.id, subscriptions.customerId))
    .where(and(...where))
    .orderBy(desc(devices.createdAt), desc(devices.id))
    .limit(f.limit);
}

export async function findDeviceView(db: Executor, id: string): Promise<DeviceView | undefined> {
  const [row] = await db
    .select(viewColumns)
    .from(devices)
    .innerJoin(acsServers, eq(acsServers.id, devices.acsServerId))
    .leftJoin(subscriptions, eq(subscriptions.id, devices.subscriptionId))
    .leftJoin(customers, eq(customers.id, subscriptions.customerId))
    .where(eq(devices.id, id))
    .limit(1);
  return row;
}

export async function findDevice(
  db: Executor,
  id: string,
  lock = false,
): Promise<DeviceRow | undefined> {
  const q = db.select().from(devices).where(eq(devices.id, id)).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function updateDeviceRow(
  db: Executor,
  id: string,
  values: Partial<typeof devices.$inferInsert>,
): Promise<DeviceRow | undefined> {
  const [row] = await db.update(devices).set(values).where(eq(devices.id, id)).returning();
  return row;
}

/** A live subscription with its customer, for linking and the review list. */
export interface SubscriptionLink {
  subscriptionId: string;
  username: string;
  customerId: string;
  customerNumber: string;
  customerName: string;
  status: string;
}

export async function findSubscriptionLink(
  db: Executor,
  subscriptionId: string,
): Promise<SubscriptionLink | undefined> {
  const [row] = await db
    .select({
      subscriptionId: subscriptions.id,
      username: subscriptions.username,
      customerId: customers.id,
      customerNumber: customers.number,
      customerName: customers.name,
      status: subscriptions.status,
    })
    .from(subscriptions)
    .innerJoin(customers, eq(customers.id, subscriptions.customerId))
    .where(eq(subscriptions.id, subscriptionId))
    .limit(1);
  return row;
}

export interface CandidateRow extends SubscriptionLink {
  deviceId: string;
  reason: 'pppoe_username' | 'ont_serial' | 'similar_username';
}

/**
 * Subscriptions that could own each device: same PPPoE username, same ONT serial, or (for the
 * human to judge) a similar username by trigram similarity. At most five per device.
 */
export async function selectCandidates(
  db: Executor,
  deviceIds: readonly string[],
): Promise<CandidateRow[]> {
  if (deviceIds.length === 0) return [];
  const rows = await rowsOf<{
    device_id: string;
    subscription_id: string;
    username: string;
    customer_id: string;
    customer_number: string;
    customer_name: string;
    status: string;
    reason: CandidateRow['reason'];
  }>(
    db.execute(sql`select * from (
        select c.*, row_number() over (partition by c.device_id order by c.prio, c.username) as rn
        from (
          select d.id as device_id, s.id as subscription_id, s.username, cu.id as customer_id,
            cu.number as customer_number, cu.name as customer_name, s.status,
            case when lower(s.ont_serial) = lower(d.serial) then 'ont_serial'
              when lower(s.username) = lower(d.pppoe_username) then 'pppoe_username'
              else 'similar_username' end as reason,
            case when lower(s.ont_serial) = lower(d.serial) then 0
              when lower(s.username) = lower(d.pppoe_username) then 1 else 2 end as prio
          from devices d
          join subscriptions s on s.status <> 'terminated' and (
            lower(s.ont_serial) = lower(d.serial)
            or lower(s.username) = lower(d.pppoe_username)
            or (d.pppoe_username is not null and length(d.pppoe_username) >= 3
              and lower(s.username) % lower(d.pppoe_username)))
          join customers cu on cu.id = s.customer_id
          where d.id in (select jsonb_array_elements_text(${JSON.stringify(deviceIds)}::jsonb)::uuid)
        ) c
      ) ranked where rn <= 5`),
  );
  return rows.map((r) => ({
    deviceId: r.device_id,
    subscriptionId: r.subscription_id,
    username: r.username,
    customerId: r.customer_id,
    customerNumber: r.customer_number,
    customerName: r.customer_name,
    status: r.status,
    reason: r.reason,
  }));
}

// ---- Tasks ----------------------------------------------------------------------------------------

export async function insertDeviceTask(
  db: Executor,
  values: NewDeviceTaskRow,
): Promise<DeviceTaskRow> {
  const [row] = await db.insert(deviceTasks).values(values).returning();
  if (!row) throw new Error('device task not inserted');
  return row;
}

export async function findDeviceTask(db: Executor, id: string): Promise<DeviceTaskRow | undefined> {
  const [row] = await db.select().from(deviceTasks).where(eq(deviceTasks.id, id)).limit(1);
  return row;
}

export async function updateDeviceTask(
  db: Executor,
  id: string,
  values: Partial<NewDeviceTaskRow>,
): Promise<DeviceTaskRow | undefined> {
  const [row] = await db.update(deviceTasks).set(values).where(eq(deviceTasks.id, id)).returning();
  return row;
}

/**
 * Claims a task in `status` under a lease: nobody else talks to the ACS about it until the lease
 * runs out (a crashed holder's task is picked up again after that). Claiming a queued task
 * counts an attempt; a sent one is only being checked.
 */
export async function claimTask(
  db: Executor,
  id: string,
  status: 'queued' | 'sent',
  now: Date,
  until: Date,
): Promise<DeviceTaskRow | undefined> {
  const [row] = await db
    .update(deviceTasks)
    .set({
      leaseUntil: until,
      ...(status === 'queued' ? { attempts: sql`${deviceTasks.attempts} + 1` } : {}),
    })
    .where(
      and(
        eq(deviceTasks.id, id),
        eq(deviceTasks.status, status),
        or(isNull(deviceTasks.leaseUntil), lt(deviceTasks.leaseUntil, now)),
      ),
    )
    .returning();
  return row;
}

export async function selectDeviceTasks(
  db: Executor,
  f: { deviceId?: string; customerId?: string; limit: number; beforeCreated?: CreatedCursor },
): Promise<DeviceTaskRow[]> {
  return db
    .select()
    .from(deviceTasks)
    .where(
      and(
        f.deviceId ? eq(deviceTasks.deviceId, f.deviceId) : undefined,
        f.customerId ? eq(deviceTasks.customerId, f.customerId) : undefined,
        f.beforeCreated
          ? or(
              lt(deviceTasks.createdAt, f.beforeCreated.createdAt),
              and(
                eq(deviceTasks.createdAt, f.beforeCreated.createdAt),
                lt(deviceTasks.id, f.beforeCreated.id),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(deviceTasks.createdAt), desc(deviceTasks.id))
    .limit(f.limit);
}

/** Pending tasks whose turn has come: queued ones due for another try, sent ones to check. */
export async function selectDueTasks(
  db: Executor,
  now: Date,
  limit: number,
): Promise<{ id: string; status: string }[]> {
  return db
    .select({ id: deviceTasks.id, status: deviceTasks.status })
    .from(deviceTasks)
    .where(
      and(
        inArray(deviceTasks.status, ['queued', 'sent']),
        or(isNull(deviceTasks.nextAttemptAt), lt(deviceTasks.nextAttemptAt, now)),
        or(isNull(deviceTasks.leaseUntil), lt(deviceTasks.leaseUntil, now)),
      ),
    )
    .orderBy(asc(deviceTasks.nextAttemptAt))
    .limit(limit);
}

/** Tasks queued at the ACS for devices this sync saw inform again: worth checking now. */
export async function selectSentTasksOfServer(
  db: Executor,
  acsServerId: string,
  since: Date,
): Promise<string[]> {
  const rows = await db
    .select({ id: deviceTasks.id })
    .from(deviceTasks)
    .innerJoin(devices, eq(devices.id, deviceTasks.deviceId))
    .where(
      and(
        eq(devices.acsServerId, acsServerId),
        eq(deviceTasks.status, 'sent'),
        sql`${devices.lastInform} >= coalesce(${deviceTasks.sentAt}, ${since})`,
      ),
    )
    .limit(500);
  return rows.map((r) => r.id);
}

/** The plan and customer facts GenieACS tags are made of, for one device. */
export async function selectLinkFacts(
  db: Executor,
  subscriptionId: string,
): Promise<{ customerNumber: string; planName: string; status: string } | undefined> {
  const [row] = await db
    .select({
      customerNumber: customers.number,
      planName: plans.name,
      status: subscriptions.status,
    })
    .from(subscriptions)
    .innerJoin(customers, eq(customers.id, subscriptions.customerId))
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(eq(subscriptions.id, subscriptionId))
    .limit(1);
  return row;
}
