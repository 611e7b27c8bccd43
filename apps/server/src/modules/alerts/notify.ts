import type { MonitoringSettings } from '@jaring/contracts';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { insertRendered, wakeSender } from '../notifications/outbox.ts';
import type { AlertChange } from './conditions.ts';

function formatTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(at);
}

/**
 * Pages the on-call recipients about opened and resolved alerts through the outbox (WhatsApp,
 * Telegram, email), in the transaction that changed the alert. The dedupe key names the alert and
 * the moment, so a retried transaction never pages twice.
 */
export async function queueAlertMessages(
  deps: AppDeps,
  tx: Executor,
  changes: readonly AlertChange[],
  settings: MonitoringSettings,
): Promise<void> {
  if (settings.recipients.length === 0) return;
  const rows = changes.flatMap((c) =>
    settings.recipients.map((r) => {
      const at =
        c.kind === 'resolved' ? (c.alert.resolvedAt ?? c.alert.lastTriggeredAt) : c.alert.openedAt;
      return {
        channel: r.channel,
        recipient: r.recipient,
        locale: r.locale,
        template: c.kind === 'resolved' ? 'alert_resolved' : 'alert_opened',
        variables: {
          alertTitle: c.alert.title,
          alertSeverity: c.alert.severity,
          alertTime: formatTime(at, deps.config.timezone),
          alertLink: `${deps.config.appUrl}/alerts?id=${c.alert.id}`,
        },
        dedupe_key: `alert:${c.alert.id}:${c.kind}:${at.toISOString()}:${r.channel}:${r.recipient}`,
      };
    }),
  );
  const queued = await insertRendered(
    tx,
    sql`select null::uuid as customer_id, x.channel, x.recipient, x.template, x.locale,
      x.variables, x.dedupe_key, now() as send_after
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x(channel text, recipient text, template text, locale text, variables jsonb, dedupe_key text)`,
  );
  if (queued > 0) await wakeSender(deps, tx);
}
