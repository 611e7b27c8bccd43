import {
  updateNotificationSettingsSchema,
  type NotificationChannel,
  type NotificationSettings,
  type UpdateNotificationSettings,
} from '@jaring/contracts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import type { Executor } from '../../db/database.ts';
import { appSettings } from '../../db/schema/index.ts';
import { readSetting } from '../customers/queries.ts';

export const NOTIFICATION_SETTINGS_KEY = 'notifications.settings';

/** What is stored: the public settings plus the secrets as SecretBox ciphertext. */
export interface StoredNotificationSettings {
  email: Omit<NotificationSettings['email'], 'hasPassword'> & { passwordEnc: string | null };
  whatsapp: Omit<NotificationSettings['whatsapp'], 'hasToken'> & { tokenEnc: string | null };
  telegram: Omit<NotificationSettings['telegram'], 'hasBotToken'> & { botTokenEnc: string | null };
  maxAttempts: number;
}

export const DEFAULT_NOTIFICATION_SETTINGS: StoredNotificationSettings = {
  email: {
    enabled: false,
    host: null,
    port: 587,
    secure: false,
    user: null,
    from: null,
    ratePerMinute: 60,
    passwordEnc: null,
  },
  whatsapp: {
    enabled: false,
    url: null,
    method: 'POST',
    // Fonnte's shape; Wablas and most others differ only in field names.
    headers: { Authorization: '{{token}}' },
    bodyTemplate: '{"target":"{{to}}","message":"{{message}}"}',
    format: 'json',
    ratePerMinute: 20,
    tokenEnc: null,
  },
  telegram: {
    enabled: false,
    baseUrl: 'https://api.telegram.org',
    ratePerMinute: 30,
    botTokenEnc: null,
  },
  maxAttempts: 5,
};

const SECRET_CONTEXT = {
  email: 'notifications.email.password',
  whatsapp: 'notifications.whatsapp.token',
  telegram: 'notifications.telegram.bot_token',
} as const;

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}

/** The stored document over the defaults, section by section; a section that no longer validates falls back. */
export async function readStoredSettings(db: Executor): Promise<StoredNotificationSettings> {
  const raw = obj(await readSetting(db, NOTIFICATION_SETTINGS_KEY));
  const d = DEFAULT_NOTIFICATION_SETTINGS;
  const shape = updateNotificationSettingsSchema.shape;
  const section = <K extends 'email' | 'whatsapp' | 'telegram'>(
    key: K,
    secret: string,
  ): StoredNotificationSettings[K] => {
    const merged = { ...d[key], ...obj(raw[key]) } as Record<string, unknown>;
    const enc = merged[secret];
    const rest = { ...merged };
    delete rest[secret];
    const parsed = shape[key].safeParse(rest);
    if (!parsed.success) return d[key];
    return { ...parsed.data, [secret]: typeof enc === 'string' ? enc : null } as never;
  };
  const maxAttempts = shape.maxAttempts.safeParse(raw['maxAttempts']).data ?? d.maxAttempts;
  return {
    email: section('email', 'passwordEnc'),
    whatsapp: section('whatsapp', 'tokenEnc'),
    telegram: section('telegram', 'botTokenEnc'),
    maxAttempts,
  };
}

export function publicSettings(s: StoredNotificationSettings): NotificationSettings {
  const { passwordEnc, ...email } = s.email;
  const { tokenEnc, ...whatsapp } = s.whatsapp;
  const { botTokenEnc, ...telegram } = s.telegram;
  return {
    email: { ...email, hasPassword: passwordEnc !== null },
    whatsapp: { ...whatsapp, hasToken: tokenEnc !== null },
    telegram: { ...telegram, hasBotToken: botTokenEnc !== null },
    maxAttempts: s.maxAttempts,
  };
}

/** Absent keeps the stored secret, null clears it, a string replaces it (encrypted). */
function nextSecret(
  box: SecretBox,
  current: string | null,
  input: string | null | undefined,
  context: string,
): string | null {
  if (input === undefined) return current;
  if (input === null) return null;
  return box.encrypt(input, context);
}

export function mergeSettings(
  box: SecretBox,
  current: StoredNotificationSettings,
  input: UpdateNotificationSettings,
): StoredNotificationSettings {
  const { password, ...email } = input.email;
  const { token, ...whatsapp } = input.whatsapp;
  const { botToken, ...telegram } = input.telegram;
  return {
    email: {
      ...email,
      passwordEnc: nextSecret(box, current.email.passwordEnc, password, SECRET_CONTEXT.email),
    },
    whatsapp: {
      ...whatsapp,
      tokenEnc: nextSecret(box, current.whatsapp.tokenEnc, token, SECRET_CONTEXT.whatsapp),
    },
    telegram: {
      ...telegram,
      botTokenEnc: nextSecret(box, current.telegram.botTokenEnc, botToken, SECRET_CONTEXT.telegram),
    },
    maxAttempts: input.maxAttempts,
  };
}

export function decryptSecret(
  box: SecretBox,
  channel: NotificationChannel,
  enc: string | null,
): string | null {
  return enc === null ? null : box.decrypt(enc, SECRET_CONTEXT[channel]);
}

export async function writeStoredSettings(
  tx: Executor,
  value: StoredNotificationSettings,
  at: Date,
): Promise<void> {
  await tx
    .insert(appSettings)
    .values({ key: NOTIFICATION_SETTINGS_KEY, value, updatedAt: at })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: at } });
}

/** The channels a message may be queued on: enabled and configured. */
export function enabledChannels(s: StoredNotificationSettings): NotificationChannel[] {
  const out: NotificationChannel[] = [];
  if (s.whatsapp.enabled && s.whatsapp.url) out.push('whatsapp');
  if (s.email.enabled && s.email.host && s.email.from) out.push('email');
  if (s.telegram.enabled && s.telegram.botTokenEnc) out.push('telegram');
  return out;
}
