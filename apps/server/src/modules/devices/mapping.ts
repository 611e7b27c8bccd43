/**
 * Device <-> subscription matching, set-based. A device belongs to the live subscription whose
 * ONT serial (entered at installation) equals its serial, or whose PPPoE username equals the
 * one configured on the device. One candidate: `matched`; none: `unmatched`; several (a serial
 * recorded twice, or serial and username pointing at different subscriptions): `ambiguous`, for
 * a person to decide in the review list. `manual` links and unlinks are never touched.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';

/** Which devices of a server a matching pass looks at. */
export type MatchScope =
  { kind: 'acs-ids'; acsDeviceIds: readonly string[] } | { kind: 'review' } | { kind: 'all' };

function scopeFilter(scope: MatchScope): SQL {
  switch (scope.kind) {
    case 'acs-ids':
      return sql`d.acs_device_id in (select json_array_elements_text(${JSON.stringify(scope.acsDeviceIds)}::json))`;
    case 'review':
      // Waiting devices (a subscription may have appeared) and links that no longer hold (the
      // subscription ended, or its username or serial changed).
      return sql`(d.match_state in ('unmatched', 'ambiguous') or (d.match_state = 'matched' and (
          d.subscription_id is null
          or not exists (select 1 from subscriptions s where s.id = d.subscription_id
            and s.status <> 'terminated'
            and (lower(s.username) = lower(d.pppoe_username) or lower(s.ont_serial) = lower(d.serial))))))`;
    case 'all':
      return sql`true`;
  }
}

/** Runs one matching pass; returns the ids of devices whose link changed. */
export async function matchDevices(
  tx: Executor,
  acsServerId: string,
  scope: MatchScope,
): Promise<string[]> {
  if (scope.kind === 'acs-ids' && scope.acsDeviceIds.length === 0) return [];
  const rows = await rowsOf<{ id: string }>(
    tx.execute(sql`with scope as (
        select d.id, d.pppoe_username, d.serial from devices d
        where d.acs_server_id = ${acsServerId} and d.match_state <> 'manual' and ${scopeFilter(scope)}
      ),
      cand as (
        select sc.id as device_id, s.id as subscription_id, 'ont_serial' as reason
        from scope sc join subscriptions s
          on lower(s.ont_serial) = lower(sc.serial) and s.status <> 'terminated'
        union
        select sc.id, s.id, 'pppoe_username'
        from scope sc join subscriptions s
          on lower(s.username) = lower(sc.pppoe_username) and s.status <> 'terminated'
      ),
      agg as (
        select sc.id, count(distinct c.subscription_id) as n,
          min(c.subscription_id::text)::uuid as subscription_id, min(c.reason) as reason
        from scope sc left join cand c on c.device_id = sc.id
        group by sc.id
      ),
      decided as (
        select id,
          case when n = 1 then subscription_id end as subscription_id,
          case when n = 0 then 'unmatched' when n = 1 then 'matched' else 'ambiguous' end as state,
          case when n = 1 then reason end as reason
        from agg
      )
      update devices d set subscription_id = x.subscription_id, match_state = x.state,
        match_reason = x.reason
      from decided x
      where d.id = x.id and (d.subscription_id is distinct from x.subscription_id
        or d.match_state is distinct from x.state or d.match_reason is distinct from x.reason)
      returning d.id`),
  );
  return rows.map((r) => r.id);
}
