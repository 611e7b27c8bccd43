import {
  NOTIFICATION_VARIABLES,
  type NotificationChannel,
  type NotificationTemplateId,
} from '@jaring/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { sendNotificationsJob } from './jobs.ts';
import { enabledChannels, readStoredSettings } from './settings.ts';
import { effectiveTemplates, type Locale, type TemplateOverride } from './templates.ts';

export type NotificationVariables = Partial<
  Record<(typeof NOTIFICATION_VARIABLES)[number], string | null>
>;

export interface QueueInput {
  customerId: string | null;
  channel: NotificationChannel;
  recipient: string;
  template: NotificationTemplateId;
  locale: Locale;
  variables: NotificationVariables;
  /** Unique across the outbox: a second message with the same key is dropped. */
  dedupeKey: string;
  sendAfter?: Date;
}

/** `text` with every `{{variable}}` replaced from the jsonb `vars`, in SQL (one renderer for all paths). */
function renderSql(text: string, vars: string): string {
  let out = text;
  for (const v of NOTIFICATION_VARIABLES) {
    out = `replace(${out}, '{{${v}}}', coalesce(${vars}->>'${v}', ''))`;
  }
  return out;
}

async function templatesJson(tx: Executor): Promise<string> {
  const overrides = await rowsOf<TemplateOverride>(
    tx.execute(sql`select template, locale, channel, subject, body from notification_templates`),
  );
  return JSON.stringify(effectiveTemplates(overrides));
}

/**
 * Renders and inserts the messages `source` describes (columns customer_id, channel, recipient,
 * template, locale, variables jsonb, dedupe_key, send_after) in one statement. A dedupe key
 * already in the outbox is skipped, so re-running whatever queued a message queues nothing.
 * Returns the number of messages queued. `src` is materialized: the planner cannot estimate
 * jsonb_to_recordset and would otherwise join every customer to the templates first.
 */
export async function insertRendered(tx: Executor, source: SQL): Promise<number> {
  const tpl = await templatesJson(tx);
  const [row] = await rowsOf<{ n: number | string }>(
    tx.execute(sql`with src as materialized (${source}),
      tpl as (
        select * from jsonb_to_recordset(${tpl}::jsonb)
          as t(template text, locale text, channel text, subject text, body text)
      ),
      ins as (
        insert into notifications (customer_id, channel, recipient, template, locale, variables,
          subject, body, dedupe_key, send_after)
        select src.customer_id, src.channel, src.recipient, src.template, src.locale, src.variables,
          ${sql.raw(renderSql('tpl.subject', 'src.variables'))},
          ${sql.raw(renderSql('tpl.body', 'src.variables'))},
          src.dedupe_key, src.send_after
        from src
        join tpl on tpl.template = src.template and tpl.locale = src.locale and tpl.channel = src.channel
        on conflict (dedupe_key) do nothing
        returning 1
      )
      select count(*) as n from ins`),
  );
  return Number(row?.n ?? 0);
}

/** Wakes the sender after the caller's transaction commits (one queued run at a time). */
export async function wakeSender(deps: AppDeps, tx: Executor): Promise<void> {
  await deps.jobs.enqueue(sendNotificationsJob, {}, { tx, singletonKey: 'notifications' });
}

/**
 * Queues one message on one channel, in the caller's transaction. Never queued twice: the
 * dedupe key is unique. With `deps`, the sender is woken to send it right after commit (else the
 * every-minute schedule picks it up). Returns whether it was queued.
 */
export async function queueNotification(
  tx: Executor,
  input: QueueInput,
  deps?: AppDeps,
): Promise<boolean> {
  const at = (input.sendAfter ?? (deps ? deps.clock.now() : new Date())).toISOString();
  const n = await insertRendered(
    tx,
    sql`select ${input.customerId}::uuid as customer_id, ${input.channel}::text as channel,
      ${input.recipient}::text as recipient, ${input.template}::text as template,
      ${input.locale}::text as locale, ${JSON.stringify(input.variables)}::jsonb as variables,
      ${input.dedupeKey}::text as dedupe_key, ${at}::timestamptz as send_after`,
  );
  if (n > 0 && deps) await wakeSender(deps, tx);
  return n > 0;
}

/** A customer's WhatsApp number as gateways want it: digits, `62...` instead of a leading 0. */
export const WHATSAPP_NUMBER_SQL = (phone: string): string =>
  `nullif(regexp_replace(regexp_replace(${phone}, '[^0-9]', '', 'g'), '^0', '62'), '')`;

/**
 * Queues a message for each customer row of `rows` (columns customer_id, template,
 * dedupe_base, variables jsonb) on every enabled channel the customer has an address for, in the
 * customer's locale. Dedupe key: `<dedupe_base>:<channel>`. Set-based: one statement for any
 * number of customers.
 */
export async function notifyCustomers(
  deps: AppDeps,
  tx: Executor,
  rows: SQL,
  sendAfter?: Date,
): Promise<number> {
  const settings = await readStoredSettings(tx);
  const channels = enabledChannels(settings);
  if (channels.length === 0) return 0;
  const at = (sendAfter ?? deps.clock.now()).toISOString();
  const n = await insertRendered(
    tx,
    sql`select r.customer_id, ch.channel, ch.recipient, r.template, cu.locale, r.variables,
        r.dedupe_base || ':' || ch.channel as dedupe_key, ${at}::timestamptz as send_after
      from (${rows}) r
      join customers cu on cu.id = r.customer_id
      cross join lateral (values
        ('whatsapp', ${sql.raw(WHATSAPP_NUMBER_SQL('cu.phone'))}),
        ('email', nullif(trim(cu.email), '')),
        ('telegram', nullif(trim(cu.telegram_chat_id), ''))
      ) as ch(channel, recipient)
      where ch.recipient is not null
        and ch.channel in (${sql.join(
          channels.map((c) => sql`${c}`),
          sql`, `,
        )})`,
  );
  if (n > 0) await wakeSender(deps, tx);
  return n;
}

/** One customer's message on each of its channels (see notifyCustomers). */
export async function notifyCustomer(
  deps: AppDeps,
  tx: Executor,
  input: {
    customerId: string;
    template: NotificationTemplateId;
    variables: NotificationVariables;
    dedupeKey: string;
    sendAfter?: Date;
  },
): Promise<number> {
  return notifyCustomers(
    deps,
    tx,
    sql`select ${input.customerId}::uuid as customer_id, ${input.template}::text as template,
      ${input.dedupeKey}::text as dedupe_base, ${JSON.stringify(input.variables)}::jsonb as variables`,
    input.sendAfter,
  );
}

/** The portal address put in messages as `{{paymentLink}}`. */
export function paymentLink(deps: AppDeps): string {
  return `${deps.config.appUrl}/portal`;
}
