import {
  ConnectionError,
  RouterOSError,
  TrapError,
  type Command,
  type Row,
  type Transport,
} from '@jaring/routeros';
import type { AppDeps } from '../../runtime/deps.ts';
import { insertIntegrationLog, type IntegrationLogEntry } from '../integration-log/queries.ts';
import { planMaxLimit, planRateLimit } from '../plans/rate-limit.ts';
import {
  computeDesiredState,
  type DesiredState,
  type PlanInput,
  type SubscriptionInput,
} from './desired-state.ts';
import { diffMenu, type MenuChange } from './diff.ts';
import { APPLY_ORDER, MENUS, type MenuName } from './menus.ts';
import {
  findRouter,
  recordRouterDown,
  recordSyncOutcome,
  selectLiveSubscriptions,
  selectRouterPlans,
  type PlanRecord,
} from './queries.ts';
import { routerPool, type RouterRecord } from './router-pools.ts';

export interface MenuPlan {
  menu: MenuName;
  changes: MenuChange[];
  conflicts: string[];
}

export interface ReconcileReport {
  routerId: string;
  revision: string;
  dryRun: boolean;
  menus: MenuPlan[];
  applied: number;
  failed: { menu: MenuName; key: string; op: string; error: string }[];
  kicked: string[];
  durationMs: number;
}

export class RouterUnreachableError extends Error {
  override name = 'RouterUnreachableError';
}

function toPlanInput(p: PlanRecord): PlanInput {
  return {
    type: p.type as PlanInput['type'],
    name: p.name,
    profileName: p.profileName,
    rateLimit: planRateLimit(p),
    maxLimit: planMaxLimit(p),
    localAddress: p.localAddress,
    remotePool: p.remotePool,
    sharedUsers: p.sharedUsers,
  };
}

async function loadDesired(deps: AppDeps, router: RouterRecord): Promise<DesiredState> {
  const [planRows, subRows] = await Promise.all([
    selectRouterPlans(deps.db, router.id),
    selectLiveSubscriptions(deps.db, router.id),
  ]);
  const byId = new Map(planRows.map((p) => [p.id, toPlanInput(p)]));
  const subs: SubscriptionInput[] = [];
  for (const s of subRows) {
    const plan = byId.get(s.planId);
    if (!plan) continue;
    subs.push({
      id: s.id,
      customerId: s.customerId,
      customerNumber: s.customerNumber,
      customerName: s.customerName,
      type: s.type as SubscriptionInput['type'],
      username: s.username,
      password: s.passwordEnc
        ? deps.secretBox.decrypt(s.passwordEnc, 'subscriptions.password')
        : '',
      staticIp: s.staticIp,
      status: s.status as SubscriptionInput['status'],
      adopt: s.adopt,
      plan,
    });
  }
  return computeDesiredState(
    {
      isolationMode: router.isolationMode as 'disable' | 'profile',
      isolationPool: router.isolationPool,
    },
    [...byId.values()],
    subs,
  );
}

async function readActual(
  pool: Transport,
  menus: readonly MenuName[],
): Promise<Map<MenuName, Row[]>> {
  const results = await Promise.all(
    menus.map(async (menu) => {
      const spec = MENUS[menu];
      const res = await pool.exec({
        command: `${spec.path}/print`,
        proplist: [...new Set(['.id', spec.key, 'comment', ...spec.fields])],
      });
      return [menu, res.rows] as const;
    }),
  );
  return new Map(results);
}

function commandFor(menu: MenuName, change: MenuChange): Command {
  const path = MENUS[menu].path;
  if (change.op === 'add') {
    // Unset properties are left to the router's default rather than sent empty.
    const attributes = Object.fromEntries(Object.entries(change.props).filter(([, v]) => v !== ''));
    return { command: `${path}/add`, attributes };
  }
  if (change.op === 'set')
    return { command: `${path}/set`, attributes: { '.id': change.id, ...change.props } };
  return { command: `${path}/remove`, attributes: { '.id': change.id } };
}

function needsKick(menu: MenuName, change: MenuChange): boolean {
  if (menu !== 'pppSecret' && menu !== 'hotspotUser') return false;
  if (change.op === 'remove') return true;
  return change.op === 'set' && change.changed.some((f) => MENUS[menu].kickOn.includes(f));
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isUnreachable(err: unknown): boolean {
  return err instanceof RouterOSError && !(err instanceof TrapError);
}

/**
 * Brings one router to the state the database describes: reads what the router has, computes
 * the difference for every menu Jaring manages, and applies it in one pipelined batch. Safe to run
 * at any time and any number of times; with `dryRun` it only reports the drift.
 */
export async function reconcileRouter(
  deps: AppDeps,
  routerId: string,
  options: { dryRun?: boolean; requestId?: string } = {},
): Promise<ReconcileReport | undefined> {
  const started = performance.now();
  const router = await findRouter(deps.db, routerId);
  if (!router) return undefined;
  // Read the revision before the state: changes committed after this point bump it again and
  // get a pass of their own.
  const revision = router.desiredRevision;
  const desired = await loadDesired(deps, router);
  const pool = routerPool(deps, router);
  const log: IntegrationLogEntry[] = [];
  const base = { system: 'routeros', routerId, requestId: options.requestId ?? null };

  let actual: Map<MenuName, Row[]>;
  try {
    // Every managed menu is read, even with nothing desired: it may hold our leftovers.
    actual = await readActual(pool, APPLY_ORDER);
  } catch (err) {
    const message = errorText(err);
    if (!options.dryRun) {
      await recordRouterDown(deps.db, routerId, message);
      await insertIntegrationLog(deps.db, [
        {
          ...base,
          operation: 'reconcile',
          ok: false,
          latencyMs: Math.round(performance.now() - started),
          error: message,
        },
      ]);
    }
    if (isUnreachable(err) || err instanceof ConnectionError)
      throw new RouterUnreachableError(message, { cause: err });
    throw err;
  }

  const plans: MenuPlan[] = APPLY_ORDER.map((menu) => {
    const d = diffMenu(MENUS[menu], desired[menu], actual.get(menu) ?? []);
    return { menu, changes: d.changes, conflicts: d.conflicts };
  });
  const report: ReconcileReport = {
    routerId,
    revision: revision.toString(),
    dryRun: options.dryRun === true,
    menus: plans.filter((p) => p.changes.length > 0 || p.conflicts.length > 0),
    applied: 0,
    failed: [],
    kicked: [],
    durationMs: 0,
  };
  if (options.dryRun) {
    report.durationMs = Math.round(performance.now() - started);
    return report;
  }

  // Creates and updates go in dependency order (pools, profiles, then users); removals in the
  // reverse order, so a profile is never removed while a secret still points at it.
  const forward = plans.map((p) => ({
    menu: p.menu,
    changes: p.changes.filter((c) => c.op !== 'remove'),
  }));
  const backward = [...plans]
    .reverse()
    .map((p) => ({ menu: p.menu, changes: p.changes.filter((c) => c.op === 'remove') }));
  const kick = new Set<string>();
  let unreachable: unknown;
  for (const phase of [...forward, ...backward]) {
    if (phase.changes.length === 0 || unreachable) continue;
    await Promise.all(
      phase.changes.map(async (change) => {
        const t0 = performance.now();
        const cmd = commandFor(phase.menu, change);
        try {
          await pool.exec(cmd);
          report.applied += 1;
          if (needsKick(phase.menu, change)) kick.add(`${phase.menu}:${change.key}`);
          log.push({
            ...base,
            subscriptionId: change.subscriptionId ?? null,
            customerId: change.customerId ?? null,
            operation: cmd.command,
            ok: true,
            latencyMs: Math.round(performance.now() - t0),
            detail: `${change.op} ${change.key}${change.changed.length ? ` (${change.changed.join(', ')})` : ''}`,
          });
        } catch (err) {
          if (isUnreachable(err)) unreachable ??= err;
          report.failed.push({
            menu: phase.menu,
            key: change.key,
            op: change.op,
            error: errorText(err),
          });
          log.push({
            ...base,
            subscriptionId: change.subscriptionId ?? null,
            customerId: change.customerId ?? null,
            operation: cmd.command,
            ok: false,
            latencyMs: Math.round(performance.now() - t0),
            detail: `${change.op} ${change.key}`,
            error: errorText(err),
          });
        }
      }),
    );
  }

  if (!unreachable && kick.size > 0) {
    report.kicked = await kickSessions(pool, kick, log, base);
  }

  const conflicts = plans.flatMap((p) => p.conflicts.map((k) => `${MENUS[p.menu].path} ${k}`));
  const problems = [
    ...report.failed.map((f) => `${f.op} ${f.key}: ${f.error}`),
    ...conflicts.map((c) => `${c} exists on the router and is not managed by Jaring`),
  ];
  report.durationMs = Math.round(performance.now() - started);
  const outcome = {
    revision,
    ok: problems.length === 0,
    error: problems.length ? problems.slice(0, 5).join('; ') : null,
    at: deps.clock.now(),
  };
  // A pass that found the router in sync only stamps the router: the drift pass runs every
  // 15 minutes on every router, and a log row for each would bury the calls that did something.
  if (log.length === 0 && problems.length === 0 && !unreachable) {
    await recordSyncOutcome(deps.db, routerId, outcome);
    return report;
  }
  log.push({
    ...base,
    operation: 'reconcile',
    ok: problems.length === 0 && !unreachable,
    latencyMs: report.durationMs,
    detail: summarize(report),
    error: outcome.error,
  });
  await deps.db.transaction(async (tx) => {
    await insertIntegrationLog(tx, log);
    if (unreachable) await recordRouterDown(tx, routerId, errorText(unreachable));
    else await recordSyncOutcome(tx, routerId, outcome);
  });
  if (unreachable) throw new RouterUnreachableError(errorText(unreachable), { cause: unreachable });
  return report;
}

async function kickSessions(
  pool: Transport,
  keys: Set<string>,
  log: IntegrationLogEntry[],
  base: { system: string; routerId: string; requestId: string | null },
): Promise<string[]> {
  const kicked: string[] = [];
  const targets = [
    { menu: 'pppSecret', path: '/ppp/active' },
    { menu: 'hotspotUser', path: '/ip/hotspot/active' },
  ] as const;
  for (const t of targets) {
    const names = new Set(
      [...keys].filter((k) => k.startsWith(`${t.menu}:`)).map((k) => k.slice(t.menu.length + 1)),
    );
    if (names.size === 0) continue;
    const field = t.menu === 'pppSecret' ? 'name' : 'user';
    const t0 = performance.now();
    let rows: Row[];
    try {
      rows = (await pool.exec({ command: `${t.path}/print`, proplist: ['.id', field] })).rows;
    } catch {
      continue;
    }
    const victims = rows.filter((r) => names.has(r[field] ?? ''));
    await Promise.all(
      victims.map(async (r) => {
        try {
          await pool.exec({ command: `${t.path}/remove`, attributes: { '.id': r['.id'] ?? '' } });
          kicked.push(r[field] ?? '');
          log.push({
            ...base,
            operation: `${t.path}/remove`,
            ok: true,
            latencyMs: Math.round(performance.now() - t0),
            detail: `kick ${r[field] ?? ''}`,
          });
        } catch (err) {
          // The session may have ended on its own between print and remove.
          log.push({
            ...base,
            operation: `${t.path}/remove`,
            ok: false,
            latencyMs: Math.round(performance.now() - t0),
            detail: `kick ${r[field] ?? ''}`,
            error: errorText(err),
          });
        }
      }),
    );
  }
  return kicked;
}

function summarize(r: ReconcileReport): string {
  const parts: string[] = [];
  for (const m of r.menus) {
    const n = (op: string): number => m.changes.filter((c) => c.op === op).length;
    const bits = [
      n('add') && `+${n('add')}`,
      n('set') && `~${n('set')}`,
      n('remove') && `-${n('remove')}`,
    ].filter(Boolean);
    if (bits.length) parts.push(`${MENUS[m.menu].path} ${bits.join(' ')}`);
  }
  if (r.kicked.length) parts.push(`kicked ${r.kicked.length}`);
  return parts.length ? parts.join(', ') : 'in sync';
}
