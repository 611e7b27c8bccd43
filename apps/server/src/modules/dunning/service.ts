import type { CustomerDunning, DunningRunResult } from '@jaring/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { notFound } from '../../lib/errors.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { readBillingSettings } from '../billing-settings/service.ts';
import { resellerScope } from '../customers/service.ts';
import { notifyCustomers, paymentLink } from '../notifications/outbox.ts';
import { enabledChannels, readStoredSettings } from '../notifications/settings.ts';
import { messageLinks } from '../portal/message-links.ts';
import { formatDateSql, formatRupiahSql } from '../notifications/templates.ts';
import { reconcileRouterJob } from '../reconcile/jobs.ts';
import { markRouterChanged } from '../reconcile/sync-request.ts';
import { today } from '../subscriptions/service.ts';

export interface DunningOptions {
  /** The pass's date (YYYY-MM-DD); today in APP_TIMEZONE when absent. */
  asOf?: string | undefined;
  dryRun: boolean;
}

const PREVIEW_LIMIT = 200;
/** Reminders and notices are not sent at night: not before this hour of the pass's day. */
const SEND_FROM_HOUR = 8;

class DryRunRollback extends Error {
  readonly result: DunningRunResult;
  constructor(result: DunningRunResult) {
    super('dry run');
    this.result = result;
  }
}

/**
 * The daily dunning pass, set-based (a handful of statements whatever the number of customers),
 * in one transaction:
 *  (a) issued / partially paid invoices past their due date become `overdue`;
 *  (b) reminders on the configured days relative to the due date (one per invoice and day);
 *  (c) subscriptions liable under the shared rule are isolated (`isolated_by = 'dunning'`),
 *      suspended or terminated after the configured days; each affected router's desired revision
 *      moves once and gets one reconcile.
 * (The invoice run announces issued invoices itself: billing/notices.ts.)
 * Every step is keyed (dunning_events.key, notifications.dedupe_key), so a rerun is a no-op. A
 * dry run does the same work and rolls it back: the preview is exactly what a run would do.
 */
export async function runDunning(
  deps: AppDeps,
  ctx: RequestContext,
  options: DunningOptions,
): Promise<DunningRunResult> {
  const asOf = options.asOf ?? today(deps);
  try {
    return await deps.db.transaction(async (tx) => {
      const result = await pass(deps, ctx, tx, asOf, options.dryRun);
      if (options.dryRun) throw new DryRunRollback(result);
      return result;
    });
  } catch (err) {
    if (err instanceof DryRunRollback) return err.result;
    throw err;
  }
}

interface ActRow {
  target: 'isolated' | 'suspended' | 'terminated';
  subscription_id: string;
  username: string;
  customer_id: string;
  customer_number: string;
  customer_name: string;
  router_id: string;
  invoice_id: string;
  invoice_number: string | null;
  due_date: string | Date;
}

const ACTION = { isolated: 'isolate', suspended: 'suspend', terminated: 'terminate' } as const;

function isoDate(v: string | Date): string {
  return typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10);
}

async function count(tx: Executor, q: SQL): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(tx.execute(q));
  return Number(row?.n ?? 0);
}

async function pass(
  deps: AppDeps,
  ctx: RequestContext,
  tx: Executor,
  asOf: string,
  dryRun: boolean,
): Promise<DunningRunResult> {
  // Two passes at once (the schedule and a manual run) queue here instead of racing.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('jaring.dunning'))`);
  const settings = (await readBillingSettings(tx)).dunning;
  const now = deps.clock.now().toISOString();
  const d = sql`${asOf}::date`;
  const link = paymentLink(deps);
  const [quiet] = await rowsOf<{ at: Date | string }>(
    tx.execute(
      sql`select greatest(${now}::timestamptz, (${d} + make_interval(hours => ${SEND_FROM_HOUR})) at time zone ${deps.config.timezone}) as at`,
    ),
  );
  const sendAfter = new Date(quiet?.at ?? now);
  const invoiceVars = (i: string, cu: string): SQL =>
    sql.raw(`jsonb_build_object('name', ${cu}.name, 'customerNumber', ${cu}.number,
      'invoiceNumber', ${i}.number, 'amount', ${formatRupiahSql(`${i}.total - ${i}.paid`)},
      'dueDate', ${formatDateSql(`${i}.due_date`)}, 'paymentLink', `);
  let notifications = 0;

  // (a) Overdue.
  const overdue = await count(
    tx,
    sql`with up as (
        update invoices set status = 'overdue'
        where status in ('issued', 'partially_paid') and due_date < ${d} and paid < total
        returning id, customer_id, subscription_id
      ),
      ev as (
        insert into dunning_events (key, kind, customer_id, subscription_id, invoice_id, created_at)
        select 'overdue:' || id, 'overdue', customer_id, subscription_id, id, ${now}::timestamptz from up
        on conflict (key) do nothing
      )
      select count(*) as n from up`,
  );

  // (b) Reminders.
  let reminders = 0;
  const days = [...new Set(settings.reminderDays)];
  if (days.length > 0) {
    const daysSql = sql.join(
      days.map(
        (day) =>
          sql`(${day}::int, ${day < 0 ? 'reminder_before_due' : day === 0 ? 'reminder_due_today' : 'reminder_overdue'}::text)`,
      ),
      sql`, `,
    );
    const due = sql`select i.id, i.customer_id, i.subscription_id, d.day, d.template, i.number,
        i.due_date, i.total, i.paid
      from invoices i join (values ${daysSql}) as d(day, template) on i.due_date = ${d} - d.day
      where i.status in ('issued', 'partially_paid', 'overdue') and i.paid < i.total`;
    reminders = await count(
      tx,
      sql`with due as (${due}),
        ev as (
          insert into dunning_events (key, kind, customer_id, subscription_id, invoice_id, detail, created_at)
          select 'reminder:' || id || ':' || day, 'reminder', customer_id, subscription_id, id,
            jsonb_build_object('day', day), ${now}::timestamptz
          from due
          on conflict (key) do nothing
          returning 1
        )
        select count(*) as n from ev`,
    );
    // Each reminder carries its own one-time link straight to the invoice in the portal.
    const links = messageLinks(deps, 'reminder');
    if (enabledChannels(await readStoredSettings(tx)).length > 0) {
      await links.store(
        tx,
        sql`select due.customer_id, due.id as invoice_id, due.day::text as salt,
            greatest(due.due_date, ${d}) as valid_until
          from (${due}) due`,
      );
    }
    notifications += await notifyCustomers(
      deps,
      tx,
      sql`select due.customer_id, due.template, 'reminder:' || due.id || ':' || due.day as dedupe_base,
          ${invoiceVars('due', 'cu')}${links.url('due.customer_id', 'due.id', 'due.day')}) as variables
        from (${due}) due join customers cu on cu.id = due.customer_id`,
      sendAfter,
    );
  }

  // (c) Isolation, suspension, termination: the shared rule, driven from the overdue invoices.
  const suspendDays = settings.suspendAfterDays;
  const terminateDays = settings.terminateAfterDays;
  const acts = await rowsOf<ActRow>(
    tx.execute(sql`with li as (
        select i.id, i.customer_id, i.subscription_id, i.kind, i.number, i.due_date
        from invoices i
        where i.status = 'overdue' and i.paid < i.total and i.due_date < ${d}
      ),
      pairs as (
        select s.id as sid, li.* from li join subscriptions s on s.id = li.subscription_id
        where li.kind = 'subscription'
        union all
        select s.id as sid, li.* from li join subscriptions s on s.customer_id = li.customer_id
        where li.kind = 'manual'
      ),
      liable as (
        select distinct on (s.id) s.id as subscription_id, s.username, s.status, s.router_id,
          s.customer_id, cu.number as customer_number, cu.name as customer_name,
          p.id as invoice_id, p.number as invoice_number, p.due_date,
          case
            when ${terminateDays}::int is not null and p.due_date + ${terminateDays}::int < ${d}
              then 'terminated'
            when ${suspendDays}::int is not null
              and p.due_date + greatest(${suspendDays}::int, s.grace_days) < ${d} then 'suspended'
            else 'isolated'
          end as target
        from pairs p
        join subscriptions s on s.id = p.sid
        join customers cu on cu.id = s.customer_id
        where s.status in ('active', 'isolated', 'suspended') and s.auto_isolate
          and s.isolated_by is distinct from 'staff'
          and p.due_date + s.grace_days < ${d}
          and not cu.dunning_exempt
          and (cu.promise_to_pay_until is null or cu.promise_to_pay_until < ${d})
        order by s.id, p.due_date, p.id
      ),
      acts as materialized (
        select * from liable
        where array_position(array['active', 'isolated', 'suspended', 'terminated'], target)
          > array_position(array['active', 'isolated', 'suspended', 'terminated'], status)
      ),
      bump as (
        update routers r set desired_revision = r.desired_revision + 1
        where r.id in (select router_id from acts)
        returning r.id, r.desired_revision
      ),
      upd as (
        update subscriptions s set
          status = a.target,
          -- Isolation and suspension by dunning are lifted by a payment; termination is final.
          isolated_by = case when a.target in ('isolated', 'suspended') then 'dunning' else s.isolated_by end,
          router_revision = b.desired_revision,
          next_plan_id = case when a.target = 'terminated' then null else s.next_plan_id end,
          next_plan_from = case when a.target = 'terminated' then null else s.next_plan_from end,
          updated_at = ${now}::timestamptz
        from acts a join bump b on b.id = a.router_id
        where s.id = a.subscription_id and s.status = a.status
        returning a.*
      ),
      ev as (
        insert into dunning_events (key, kind, customer_id, subscription_id, invoice_id, detail, created_at)
        select case u.target when 'isolated' then 'isolate' when 'suspended' then 'suspend' else 'terminate' end
            || ':' || u.subscription_id || ':' || u.invoice_id,
          case u.target when 'isolated' then 'isolate' when 'suspended' then 'suspend' else 'terminate' end,
          u.customer_id, u.subscription_id, u.invoice_id, jsonb_build_object('from', u.status),
          ${now}::timestamptz
        from upd u
        on conflict (key) do nothing
      )
      select u.target, u.subscription_id, u.username, u.customer_id, u.customer_number,
        u.customer_name, u.router_id, u.invoice_id, u.invoice_number, u.due_date
      from upd u
      order by u.customer_number, u.username`),
  );
  const routerIds = [...new Set(acts.map((a) => a.router_id))];
  // One reconcile per router, however many of its subscriptions changed (routers, not customers).
  for (const routerId of routerIds) {
    await deps.jobs.enqueue(
      reconcileRouterJob,
      { routerId },
      { tx, singletonKey: routerId, startAfter: 1 },
    );
  }
  const isolatedPairs = acts
    .filter((a) => a.target === 'isolated')
    .map((a) => [a.subscription_id, a.invoice_id]);
  if (isolatedPairs.length > 0) {
    notifications += await notifyCustomers(
      deps,
      tx,
      sql`select i.customer_id, 'service_isolated' as template,
          'isolate:' || (x->>0) || ':' || i.id as dedupe_base,
          ${invoiceVars('i', 'cu')}${link}::text) as variables
        from jsonb_array_elements(${JSON.stringify(isolatedPairs)}::jsonb) as x
        join invoices i on i.id = (x->>1)::uuid
        join customers cu on cu.id = i.customer_id`,
      sendAfter,
    );
  }

  const by = (t: ActRow['target']): number => acts.filter((a) => a.target === t).length;
  const result: DunningRunResult = {
    asOf,
    dryRun,
    overdue,
    reminders,
    isolated: by('isolated'),
    suspended: by('suspended'),
    terminated: by('terminated'),
    routers: routerIds.length,
    notifications,
    preview: acts.slice(0, PREVIEW_LIMIT).map((a) => ({
      action: ACTION[a.target],
      subscriptionId: a.subscription_id,
      username: a.username,
      customerId: a.customer_id,
      customerNumber: a.customer_number,
      customerName: a.customer_name,
      invoiceId: a.invoice_id,
      invoiceNumber: a.invoice_number,
      dueDate: isoDate(a.due_date),
    })),
  };
  if (!dryRun && (overdue + reminders + acts.length > 0 || ctx.principal)) {
    await recordAudit(tx, ctx, {
      action: 'dunning.run',
      entityType: 'dunning_run',
      entityId: asOf,
      after: { ...result, preview: undefined },
    });
  }
  return result;
}

export interface CustomerDunningView {
  customerId: string;
  exempt: boolean;
  promiseToPayUntil: string | null;
}

/**
 * Exempts a customer or records a promise to pay. Either lifts the customer's dunning isolations
 * at once (the reason the operator records it is usually a customer asking for service back);
 * staff isolations stay. When the promise runs out unpaid, the next pass isolates again.
 */
export async function setCustomerDunning(
  deps: AppDeps,
  ctx: RequestContext,
  customerId: string,
  input: CustomerDunning,
): Promise<CustomerDunningView> {
  const resellerId = resellerScope(ctx);
  return deps.db.transaction(async (tx) => {
    const [before] = await rowsOf<{
      dunning_exempt: boolean;
      promise_to_pay_until: string | Date | null;
    }>(
      tx.execute(sql`select dunning_exempt, promise_to_pay_until from customers
        where id = ${customerId} ${resellerId ? sql`and reseller_id = ${resellerId}` : sql``}
        for update`),
    );
    if (!before) throw notFound('Customer');
    await tx.execute(sql`update customers set dunning_exempt = ${input.exempt},
      promise_to_pay_until = ${input.promiseToPayUntil}::date, updated_at = ${deps.clock.now().toISOString()}::timestamptz
      where id = ${customerId}`);
    const day = today(deps);
    const shielded =
      input.exempt || (input.promiseToPayUntil !== null && input.promiseToPayUntil >= day);
    const restored: string[] = [];
    if (shielded) {
      const subs = await rowsOf<{ id: string; router_id: string }>(
        tx.execute(sql`select id, router_id from subscriptions
          where customer_id = ${customerId} and status = 'isolated' and isolated_by = 'dunning'
          order by id for update`),
      );
      for (const routerId of [...new Set(subs.map((s) => s.router_id))]) {
        const revision = await markRouterChanged(deps, tx, routerId);
        const ids = subs.filter((s) => s.router_id === routerId).map((s) => s.id);
        await tx.execute(sql`update subscriptions set status = 'active', isolated_by = null,
            router_revision = ${revision.toString()}::bigint, updated_at = ${deps.clock.now().toISOString()}::timestamptz
          where id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`);
        restored.push(...ids);
      }
    }
    const after: CustomerDunningView = {
      customerId,
      exempt: input.exempt,
      promiseToPayUntil: input.promiseToPayUntil,
    };
    await recordAudit(tx, ctx, {
      action: 'customer.dunning',
      entityType: 'customer',
      entityId: customerId,
      before: {
        exempt: before.dunning_exempt,
        promiseToPayUntil:
          before.promise_to_pay_until === null ? null : isoDate(before.promise_to_pay_until),
      },
      after: { ...after, restoredSubscriptions: restored },
    });
    return after;
  });
}
