/**
 * GenieACS tags kept in sync with Jaring, so ACS presets can act on them (e.g. a preset that
 * applies a walled-garden DNS to devices tagged `isolated`). Jaring owns only the tags it makes:
 * `jaring`, `cust-<customer number>`, `plan-<plan name>` and `isolated`; any other tag on a device
 * is left alone. Which devices differ is decided in SQL; only those are sent to the ACS, from a
 * background job, never inline in a sync.
 */
import { AcsError } from '@jaring/genieacs';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { acsClientFor, collectAcsCalls, logAcsCalls } from './acs-clients.ts';
import { findAcsServer } from './queries.ts';

/** The tags Jaring manages; everything else belongs to the operator. */
export const MANAGED_TAG = '^(jaring|isolated|cust-.+|plan-.+)$';

const slug = (expr: ReturnType<typeof sql>): ReturnType<typeof sql> =>
  sql`trim(both '-' from regexp_replace(lower(${expr}), '[^a-z0-9_]+', '-', 'g'))`;

export interface TagDiff {
  deviceId: string;
  acsDeviceId: string;
  add: string[];
  remove: string[];
  /** The device's tags once the change is applied. */
  next: string[];
}

/** Devices of the server whose managed tags differ from what their subscription implies. */
export async function selectTagDiffs(
  deps: AppDeps,
  acsServerId: string,
  limit: number,
): Promise<TagDiff[]> {
  const rows = await rowsOf<{
    id: string;
    acs_device_id: string;
    tags: string[];
    desired: string[];
  }>(
    deps.db.execute(sql`select id, acs_device_id, tags, desired from (
        select d.id, d.acs_device_id, d.tags,
          coalesce((select array_agg(t order by t) from unnest(d.tags) t where t ~ ${MANAGED_TAG}),
            '{}'::text[]) as actual,
          case when s.id is null then '{}'::text[] else (
            select array_agg(t order by t) from unnest(array_remove(array[
              'jaring',
              'cust-' || ${slug(sql`c.number`)},
              'plan-' || ${slug(sql`p.name`)},
              case when s.status = 'isolated' then 'isolated' end], null)) t) end as desired
        from devices d
        left join subscriptions s on s.id = d.subscription_id and s.status <> 'terminated'
        left join customers c on c.id = s.customer_id
        left join plans p on p.id = s.plan_id
        where d.acs_server_id = ${acsServerId}
      ) x where actual is distinct from desired
      order by id limit ${limit}`),
  );
  const managed = new RegExp(MANAGED_TAG);
  return rows.map((r) => {
    const tags = r.tags ?? [];
    const desired = r.desired ?? [];
    const actual = tags.filter((t) => managed.test(t));
    return {
      deviceId: r.id,
      acsDeviceId: r.acs_device_id,
      add: desired.filter((t) => !actual.includes(t)),
      remove: actual.filter((t) => !desired.includes(t)),
      next: [...tags.filter((t) => !managed.test(t)), ...desired],
    };
  });
}

/**
 * Applies tag differences for one server, a batch at a time, a few devices in parallel. A
 * device the ACS no longer knows is skipped (the next full sync removes it); an ACS that stops
 * answering ends the pass with an error so the job retries later.
 */
export async function syncTags(
  deps: AppDeps,
  acsServerId: string,
  budget = 5_000,
): Promise<{ devices: number; remaining: boolean }> {
  const server = await findAcsServer(deps.db, acsServerId);
  if (!server?.enabled || !server.syncTags) return { devices: 0, remaining: false };
  const client = acsClientFor(deps, server);
  let done = 0;
  const skipped = new Set<string>();
  for (;;) {
    const diffs = (await selectTagDiffs(deps, acsServerId, 200 + skipped.size)).filter(
      (d) => !skipped.has(d.deviceId),
    );
    if (diffs.length === 0) return { devices: done, remaining: false };
    if (done >= budget) return { devices: done, remaining: true };
    const outcome = await collectAcsCalls(async () => {
      for (let i = 0; i < diffs.length; i += 8) {
        await Promise.all(
          diffs.slice(i, i + 8).map(async (d) => {
            try {
              for (const t of d.add) await client.addTag(d.acsDeviceId, t);
              for (const t of d.remove) await client.removeTag(d.acsDeviceId, t);
            } catch (err) {
              if (err instanceof AcsError && err.code === 'not_found') {
                skipped.add(d.deviceId);
                return;
              }
              throw err;
            }
            await deps.db.execute(
              sql`update devices set tags = array(select json_array_elements_text(${JSON.stringify(d.next)}::json))
                where id = ${d.deviceId}`,
            );
            done++;
          }),
        );
      }
    });
    await logAcsCalls(deps.db, outcome.calls, {
      acsServerName: server.name,
      operation: 'tags',
    });
    if ('error' in outcome) throw outcome.error;
  }
}
