import type { NotificationChannel } from '@jaring/contracts';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import {
  decryptSecret,
  enabledChannels,
  readStoredSettings,
  type StoredNotificationSettings,
} from './settings.ts';

/**
 * Delivery is AT MOST ONCE. A row is claimed (attempts + 1, last_error = IN_FLIGHT, send_after
 * pushed a lease into the future) and committed before anything is sent. Then:
 * - sent: status `sent`;
 * - the gateway or mail server answered with an error: nothing went out, so it is retried after
 *   a backoff, up to maxAttempts, then `failed`;
 * - the process died between claim and outcome: the row is still IN_FLIGHT when its lease runs
 *   out, and we cannot know whether the message left. It is marked `failed` ("delivery unknown")
 *   rather than resent: a duplicate WhatsApp to a customer is worse than a missing reminder,
 *   which the next dunning step or the operator (who sees the status) covers.
 */
export const IN_FLIGHT = 'in flight';
const LEASE_MS = 10 * 60_000;
const SEND_TIMEOUT_MS = 20_000;

interface ClaimedRow {
  id: string;
  channel: NotificationChannel;
  recipient: string;
  subject: string | null;
  body: string;
  attempts: number;
}

export interface SendResult {
  sent: number;
  failed: number;
  retrying: number;
  expired: number;
}

/** Retry delay after the n-th failed attempt: 1, 2, 4 ... minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

class SendError extends Error {}

interface Transport {
  send(row: ClaimedRow): Promise<string | null>;
  close(): void;
}

function fill(
  template: string,
  values: Record<string, string>,
  encode: (s: string) => string,
): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, k: string) =>
    k in values ? encode(values[k] ?? '') : m,
  );
}

async function httpCall(url: string, init: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
  } catch (err) {
    throw new SendError(`request failed: ${(err as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) throw new SendError(`HTTP ${res.status}: ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function whatsappTransport(deps: AppDeps, s: StoredNotificationSettings['whatsapp']): Transport {
  const token = decryptSecret(deps.secretBox, 'whatsapp', s.tokenEnc) ?? '';
  return {
    async send(row): Promise<string | null> {
      const values = { to: row.recipient, message: row.body, token };
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(s.headers)) headers[k] = fill(v, { token }, (x) => x);
      const encode =
        s.format === 'json'
          ? (x: string): string => JSON.stringify(x).slice(1, -1)
          : encodeURIComponent;
      const body = fill(s.bodyTemplate, values, encode);
      let url = s.url ?? '';
      const init: RequestInit = { method: s.method, headers };
      if (s.method === 'GET') {
        url += (url.includes('?') ? '&' : '?') + fill(s.bodyTemplate, values, encodeURIComponent);
      } else {
        headers['content-type'] =
          s.format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
        init.body = body;
      }
      const reply = await httpCall(url, init);
      // Indonesian gateways often answer 200 with {"status": false, "reason": ...}.
      if (typeof reply === 'object' && reply !== null) {
        const r = reply as Record<string, unknown>;
        if (r['status'] === false || r['success'] === false) {
          throw new SendError(`gateway refused: ${JSON.stringify(reply).slice(0, 300)}`);
        }
        const id =
          r['id'] ?? r['message_id'] ?? (r['data'] as Record<string, unknown> | undefined)?.['id'];
        return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
      }
      return null;
    },
    close(): void {},
  };
}

function telegramTransport(deps: AppDeps, s: StoredNotificationSettings['telegram']): Transport {
  const token = decryptSecret(deps.secretBox, 'telegram', s.botTokenEnc) ?? '';
  const base = s.baseUrl.replace(/\/+$/, '');
  return {
    async send(row): Promise<string | null> {
      const reply = (await httpCall(`${base}/bot${token}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: row.recipient, text: row.body }),
      })) as { ok?: boolean; result?: { message_id?: number }; description?: string } | string;
      if (typeof reply !== 'object' || reply.ok !== true) {
        throw new SendError(`telegram refused: ${JSON.stringify(reply).slice(0, 300)}`);
      }
      return reply.result?.message_id === undefined ? null : String(reply.result.message_id);
    },
    close(): void {},
  };
}

function emailTransport(deps: AppDeps, s: StoredNotificationSettings['email']): Transport {
  const password = decryptSecret(deps.secretBox, 'email', s.passwordEnc);
  const transporter = nodemailer.createTransport({
    host: s.host ?? undefined,
    port: s.port,
    secure: s.secure,
    ...(s.user ? { auth: { user: s.user, pass: password ?? '' } } : {}),
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  return {
    async send(row): Promise<string | null> {
      try {
        const info = (await transporter.sendMail({
          from: s.from ?? undefined,
          to: row.recipient,
          subject: row.subject ?? '',
          text: row.body,
        })) as { messageId?: string };
        return info.messageId ?? null;
      } catch (err) {
        throw new SendError(`smtp: ${(err as Error).message}`);
      }
    },
    close(): void {
      transporter.close();
    },
  };
}

function transportFor(
  deps: AppDeps,
  s: StoredNotificationSettings,
  channel: NotificationChannel,
): Transport {
  switch (channel) {
    case 'email':
      return emailTransport(deps, s.email);
    case 'whatsapp':
      return whatsappTransport(deps, s.whatsapp);
    case 'telegram':
      return telegramTransport(deps, s.telegram);
  }
}

/**
 * One sending pass: gives up expired claims, then per enabled channel claims what its rate
 * limit allows (messages sent in the last minute count against it) and sends them in order.
 * Rows of disabled channels wait, pending, until the channel is enabled.
 */
export async function sendPending(deps: AppDeps): Promise<SendResult> {
  const settings = await readStoredSettings(deps.db);
  const now = deps.clock.now();
  const result: SendResult = { sent: 0, failed: 0, retrying: 0, expired: 0 };
  const expired = await rowsOf<{ id: string }>(
    deps.db.execute(sql`update notifications
      set status = 'failed', last_error = 'delivery unknown: the sender stopped after claiming it; not resent'
      where status = 'pending' and last_error = ${IN_FLIGHT} and send_after <= ${now.toISOString()}::timestamptz
      returning id`),
  );
  result.expired = expired.length;
  await Promise.all(
    enabledChannels(settings).map(async (channel) => {
      const rate = settings[channel].ratePerMinute;
      const [used] = await rowsOf<{ n: number | string }>(
        deps.db.execute(sql`select count(*) as n from notifications
          where channel = ${channel} and (
            (status = 'sent' and sent_at > ${new Date(now.getTime() - 60_000).toISOString()}::timestamptz)
            or (status = 'pending' and last_error = ${IN_FLIGHT}))`),
      );
      const budget = rate - Number(used?.n ?? 0);
      if (budget <= 0) return;
      const claimed = await rowsOf<ClaimedRow>(
        deps.db.execute(sql`update notifications n
          set attempts = n.attempts + 1, last_error = ${IN_FLIGHT},
            send_after = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz
          from (
            select id from notifications
            where status = 'pending' and channel = ${channel}
              and send_after <= ${now.toISOString()}::timestamptz
            order by send_after, created_at, id
            limit ${budget}
            for update skip locked
          ) c
          where n.id = c.id
          returning n.id, n.channel, n.recipient, n.subject, n.body, n.attempts`),
      );
      if (claimed.length === 0) return;
      claimed.sort((a, b) => a.id.localeCompare(b.id));
      const transport = transportFor(deps, settings, channel);
      try {
        for (const row of claimed) {
          await sendOne(deps, settings, transport, row, result);
        }
      } finally {
        transport.close();
      }
    }),
  );
  return result;
}

async function sendOne(
  deps: AppDeps,
  settings: StoredNotificationSettings,
  transport: Transport,
  row: ClaimedRow,
  result: SendResult,
): Promise<void> {
  let providerId: string | null;
  try {
    providerId = await transport.send(row);
  } catch (err) {
    if (!(err instanceof SendError)) throw err;
    const at = deps.clock.now();
    const giveUp = row.attempts >= settings.maxAttempts;
    await deps.db.execute(sql`update notifications
      set status = ${giveUp ? 'failed' : 'pending'}, last_error = ${err.message.slice(0, 1000)},
        send_after = ${new Date(at.getTime() + (giveUp ? 0 : backoffMs(row.attempts))).toISOString()}::timestamptz
      where id = ${row.id}`);
    if (giveUp) result.failed += 1;
    else result.retrying += 1;
    deps.logger.warn(
      { notificationId: row.id, channel: row.channel, attempts: row.attempts, err: err.message },
      giveUp ? 'notification failed' : 'notification send failed, will retry',
    );
    return;
  }
  await deps.db.execute(sql`update notifications
    set status = 'sent', sent_at = ${deps.clock.now().toISOString()}::timestamptz,
      last_error = null, provider_id = ${providerId}
    where id = ${row.id}`);
  result.sent += 1;
}
