import type {
  ListNotificationsQuery,
  Notification,
  NotificationSettings,
  NotificationTemplate,
  NotificationTemplateId,
  Page,
  UpdateNotificationSettings,
} from '@jaring/contracts';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { notifications, notificationTemplates } from '../../db/schema/index.ts';
import { decodeCreatedCursor, toPage } from '../../lib/cursor.ts';
import { notFound } from '../../lib/errors.ts';
import { invalidField } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { findCustomer } from '../customers/queries.ts';
import { resellerScope } from '../customers/service.ts';
import {
  mergeSettings,
  publicSettings,
  readStoredSettings,
  writeStoredSettings,
} from './settings.ts';
import { channelOf, effectiveTemplates } from './templates.ts';

export async function getNotificationSettings(deps: AppDeps): Promise<NotificationSettings> {
  return publicSettings(await readStoredSettings(deps.db));
}

export async function updateNotificationSettings(
  deps: AppDeps,
  ctx: RequestContext,
  input: UpdateNotificationSettings,
): Promise<NotificationSettings> {
  return deps.db.transaction(async (tx) => {
    const before = await readStoredSettings(tx);
    const next = mergeSettings(deps.secretBox, before, input);
    if (next.email.enabled && (!next.email.host || !next.email.from)) {
      throw invalidField(
        'email.host',
        'An enabled email channel needs a host and a sender',
        'required',
      );
    }
    if (next.whatsapp.enabled && !next.whatsapp.url) {
      throw invalidField('whatsapp.url', 'An enabled WhatsApp gateway needs its URL', 'required');
    }
    if (next.telegram.enabled && !next.telegram.botTokenEnc) {
      throw invalidField(
        'telegram.botToken',
        'An enabled Telegram bot needs its token',
        'required',
      );
    }
    await writeStoredSettings(tx, next, deps.clock.now());
    const after = publicSettings(next);
    // The public view only: secrets appear as has* flags, never in the audit log.
    await recordAudit(tx, ctx, {
      action: 'notification_settings.update',
      entityType: 'settings',
      entityId: 'notifications',
      before: publicSettings(before),
      after,
    });
    return after;
  });
}

export async function listTemplates(deps: AppDeps): Promise<NotificationTemplate[]> {
  const rows = await deps.db.select().from(notificationTemplates);
  return effectiveTemplates(rows);
}

export async function putTemplate(
  deps: AppDeps,
  ctx: RequestContext,
  key: { template: NotificationTemplateId; locale: 'id' | 'en'; channel: string },
  input: { subject: string | null; body: string | null },
): Promise<NotificationTemplate> {
  const channel = channelOf(key.channel);
  return deps.db.transaction(async (tx) => {
    const where = and(
      eq(notificationTemplates.template, key.template),
      eq(notificationTemplates.locale, key.locale),
      eq(notificationTemplates.channel, channel),
    );
    const [before] = await tx.select().from(notificationTemplates).where(where);
    if (input.body === null) {
      await tx.delete(notificationTemplates).where(where);
    } else {
      const values = { subject: input.subject, body: input.body, updatedAt: deps.clock.now() };
      await tx
        .insert(notificationTemplates)
        .values({ ...key, channel, ...values })
        .onConflictDoUpdate({
          target: [
            notificationTemplates.template,
            notificationTemplates.locale,
            notificationTemplates.channel,
          ],
          set: values,
        });
    }
    const rows = await tx.select().from(notificationTemplates);
    const after = effectiveTemplates(rows).find(
      (t) => t.template === key.template && t.locale === key.locale && t.channel === channel,
    );
    if (!after) throw notFound('Template');
    await recordAudit(tx, ctx, {
      action: 'notification_template.update',
      entityType: 'notification_template',
      entityId: `${key.template}/${key.locale}/${channel}`,
      before: before ?? null,
      after,
    });
    return after;
  });
}

type NotificationRow = typeof notifications.$inferSelect;

function toDto(r: NotificationRow): Notification {
  return {
    id: r.id,
    customerId: r.customerId,
    channel: channelOf(r.channel),
    recipient: r.recipient,
    template: r.template,
    locale: r.locale === 'en' ? 'en' : 'id',
    subject: r.subject,
    body: r.body,
    status: r.status as Notification['status'],
    attempts: r.attempts,
    lastError: r.lastError,
    providerId: r.providerId,
    sendAfter: r.sendAfter.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

async function selectPage(
  db: Executor,
  q: { limit: number; cursor?: string | undefined },
  filters: (SQL | undefined)[],
): Promise<Page<Notification>> {
  const conds = [...filters];
  if (q.cursor) {
    const c = decodeCreatedCursor(q.cursor);
    conds.push(
      or(
        lt(notifications.createdAt, c.createdAt),
        and(eq(notifications.createdAt, c.createdAt), lt(notifications.id, c.id)),
      ),
    );
  }
  const rows = await db
    .select()
    .from(notifications)
    .where(and(...conds))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toDto);
}

export async function listNotifications(
  deps: AppDeps,
  q: ListNotificationsQuery,
): Promise<Page<Notification>> {
  return selectPage(deps.db, q, [
    q.status ? eq(notifications.status, q.status) : undefined,
    q.channel ? eq(notifications.channel, q.channel) : undefined,
    q.template ? eq(notifications.template, q.template) : undefined,
    q.customerId ? eq(notifications.customerId, q.customerId) : undefined,
  ]);
}

/** A customer's messages and their delivery status; resellers see only their own customers'. */
export async function listCustomerNotifications(
  deps: AppDeps,
  ctx: RequestContext,
  customerId: string,
  q: { limit: number; cursor?: string | undefined },
): Promise<Page<Notification>> {
  const customer = await findCustomer(deps.db, customerId, resellerScope(ctx));
  if (!customer) throw notFound('Customer');
  return selectPage(deps.db, q, [eq(notifications.customerId, customerId)]);
}
