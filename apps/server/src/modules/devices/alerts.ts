/**
 * Device alerts into the monitoring alerts: weak optical signal (`device_rx_power:<deviceId>`)
 * and no inform for a long time (`device_offline:<deviceId>`). Decided for a whole ACS server in
 * a few statements after each sync: 50,000 devices cannot be judged one query at a time every
 * five minutes. Only devices linked to a live subscription are judged: an unlinked device is
 * usually stock or a replaced ONT, and alerting on those would bury the real ones.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { alerts } from '../../db/schema/index.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import type { AlertChange, AlertPolicy } from '../alerts/conditions.ts';
import { queueAlertMessages } from '../alerts/notify.ts';

type AlertRow = typeof alerts.$inferSelect;

function toAlertRow(r: Record<string, unknown>): AlertRow {
  const d = (v: unknown): Date | null =>
    v instanceof Date ? v : typeof v === 'string' || typeof v === 'number' ? new Date(v) : null;
  return {
    id: String(r['id']),
    rule: String(r['rule']),
    key: String(r['key']),
    severity: String(r['severity']),
    status: String(r['status']),
    entityType: String(r['entity_type']),
    entityId: (r['entity_id'] as string | null) ?? null,
    routerId: (r['router_id'] as string | null) ?? null,
    title: String(r['title']),
    details: (typeof r['details'] === 'string'
      ? JSON.parse(r['details'])
      : r['details']) as unknown,
    openedAt: d(r['opened_at']) ?? new Date(0),
    lastTriggeredAt: d(r['last_triggered_at']) ?? new Date(0),
    acknowledgedAt: d(r['acknowledged_at']),
    acknowledgedBy: (r['acknowledged_by'] as string | null) ?? null,
    resolvedAt: d(r['resolved_at']),
    resolvedBy: (r['resolved_by'] as string | null) ?? null,
    note: (r['note'] as string | null) ?? null,
    flapCount: Number(r['flap_count'] ?? 0),
  };
}

/**
 * Re-judges every device of the server against the current thresholds. `rx_low_since` is when
 * a sync first saw the RX power under the threshold, so `forMinutes` counts from there.
 */
export async function evaluateDeviceAlerts(
  deps: AppDeps,
  tx: Executor,
  acsServerId: string,
  policy: AlertPolicy,
  now: Date,
): Promise<AlertChange[]> {
  const rx = policy.settings.rules.deviceRxPower;
  const off = policy.settings.rules.deviceOffline;
  const tz = deps.config.timezone;
  const rxSince = new Date(now.getTime() - rx.forMinutes * 60_000);
  const offlineCutoff = new Date(now.getTime() - off.hours * 3_600_000);

  await tx.execute(sql`update devices set rx_low_since = case
      when rx_power_dbm < ${rx.thresholdDbm} then coalesce(rx_low_since, ${now}) end
    where acs_server_id = ${acsServerId}
      and (rx_low_since is not null) is distinct from (coalesce(rx_power_dbm < ${rx.thresholdDbm}, false))`);

  // Resolution looks devices up by primary key; the guard keeps the cast away from other rules'
  // entity ids, which need not be uuids.
  const entityUuid = sql`(case when a.entity_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then a.entity_id::uuid end)`;
  const label = sql`coalesce(c.name || ' (' || s.username || ')', d.serial)`;
  const openedRx = rx.enabled
    ? await rowsOf<Record<string, unknown>>(
        tx.execute(sql`insert into alerts (rule, key, severity, status, entity_type, entity_id,
            router_id, title, details, opened_at, last_triggered_at)
          select 'device_rx_power', 'device_rx_power:' || d.id::text, ${rx.severity}, 'open', 'device',
            d.id::text, s.router_id,
            'Weak ONT signal ' || to_char(d.rx_power_dbm, 'FM990.00') || ' dBm: ' || ${label},
            jsonb_build_object('deviceId', d.id, 'serial', d.serial, 'rxPowerDbm', d.rx_power_dbm,
              'thresholdDbm', ${rx.thresholdDbm}::real, 'customer', c.name, 'customerNumber', c.number,
              'customerId', c.id, 'username', s.username),
            d.rx_low_since, ${now}
          from devices d
          join subscriptions s on s.id = d.subscription_id and s.status <> 'terminated'
          join customers c on c.id = s.customer_id
          where d.acs_server_id = ${acsServerId} and d.rx_low_since <= ${rxSince}
            and d.rx_power_dbm < ${rx.thresholdDbm}
          on conflict (key) where status <> 'resolved' do nothing
          returning *`),
      )
    : [];
  const resolvedRx = await rowsOf<Record<string, unknown>>(
    tx.execute(sql`update alerts a set status = 'resolved', resolved_at = ${now}
      where a.rule = 'device_rx_power' and a.status <> 'resolved'
        and (${!rx.enabled}
          or exists (select 1 from devices d where d.id = ${entityUuid}
            and d.acs_server_id = ${acsServerId}
            and (d.rx_power_dbm is null or d.rx_power_dbm >= ${rx.thresholdDbm} or d.subscription_id is null))
          or not exists (select 1 from devices d where d.id = ${entityUuid}))
      returning *`),
  );

  const openedOffline = off.enabled
    ? await rowsOf<Record<string, unknown>>(
        tx.execute(sql`insert into alerts (rule, key, severity, status, entity_type, entity_id,
            router_id, title, details, opened_at, last_triggered_at)
          select 'device_offline', 'device_offline:' || d.id::text, ${off.severity}, 'open', 'device',
            d.id::text, s.router_id,
            'ONT offline since ' || to_char(d.last_inform at time zone ${tz}, 'YYYY-MM-DD HH24:MI') ||
              ': ' || ${label},
            jsonb_build_object('deviceId', d.id, 'serial', d.serial, 'lastInformAt', d.last_inform,
              'customer', c.name, 'customerNumber', c.number, 'customerId', c.id,
              'username', s.username),
            d.last_inform, ${now}
          from devices d
          join subscriptions s on s.id = d.subscription_id and s.status = 'active'
          join customers c on c.id = s.customer_id
          where d.acs_server_id = ${acsServerId} and d.last_inform < ${offlineCutoff}
          on conflict (key) where status <> 'resolved' do nothing
          returning *`),
      )
    : [];
  const resolvedOffline = await rowsOf<Record<string, unknown>>(
    tx.execute(sql`update alerts a set status = 'resolved', resolved_at = ${now}
      where a.rule = 'device_offline' and a.status <> 'resolved'
        and (${!off.enabled}
          or exists (select 1 from devices d where d.id = ${entityUuid}
            and d.acs_server_id = ${acsServerId}
            and (d.last_inform >= ${offlineCutoff} or d.subscription_id is null
              or not exists (select 1 from subscriptions s where s.id = d.subscription_id
                and s.status = 'active')))
          or not exists (select 1 from devices d where d.id = ${entityUuid}))
      returning *`),
  );

  const changes: AlertChange[] = [
    ...[...openedRx, ...openedOffline].map((r) => ({
      kind: 'opened' as const,
      alert: toAlertRow(r),
    })),
    ...[...resolvedRx, ...resolvedOffline].map((r) => ({
      kind: 'resolved' as const,
      alert: toAlertRow(r),
    })),
  ];
  const notify = changes.filter((c) =>
    c.alert.rule === 'device_rx_power' ? rx.notify : off.notify,
  );
  if (notify.length > 0) await queueAlertMessages(deps, tx, notify, policy.settings);
  return changes;
}
