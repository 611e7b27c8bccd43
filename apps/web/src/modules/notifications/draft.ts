import type { NotificationSettings, UpdateNotificationSettings } from '@jaring/contracts';
import { orNull, secretChange, wholeNumber } from '../../lib/form-values';

/**
 * The channel settings form as typed text. Secrets start empty: the API never returns them, and
 * an empty secret input keeps the stored one.
 */
export interface ChannelsDraft {
  email: {
    enabled: boolean;
    host: string;
    port: string;
    secure: boolean;
    user: string;
    /** '' keeps the stored secret, null removes it, text replaces it. */
    password: string | null;
    from: string;
    ratePerMinute: string;
  };
  whatsapp: {
    enabled: boolean;
    url: string;
    method: 'POST' | 'GET';
    /** One `Name: value` per line. */
    headers: string;
    bodyTemplate: string;
    format: 'json' | 'form';
    token: string | null;
    ratePerMinute: string;
  };
  telegram: {
    enabled: boolean;
    baseUrl: string;
    botToken: string | null;
    ratePerMinute: string;
  };
  maxAttempts: string;
}

export function draftFrom(settings: NotificationSettings): ChannelsDraft {
  const { email, whatsapp, telegram } = settings;
  return {
    email: {
      enabled: email.enabled,
      host: email.host ?? '',
      port: String(email.port),
      secure: email.secure,
      user: email.user ?? '',
      password: '',
      from: email.from ?? '',
      ratePerMinute: String(email.ratePerMinute),
    },
    whatsapp: {
      enabled: whatsapp.enabled,
      url: whatsapp.url ?? '',
      method: whatsapp.method,
      headers: formatHeaders(whatsapp.headers),
      bodyTemplate: whatsapp.bodyTemplate,
      format: whatsapp.format,
      token: '',
      ratePerMinute: String(whatsapp.ratePerMinute),
    },
    telegram: {
      enabled: telegram.enabled,
      baseUrl: telegram.baseUrl,
      botToken: '',
      ratePerMinute: String(telegram.ratePerMinute),
    },
    maxAttempts: String(settings.maxAttempts),
  };
}

export function formatHeaders(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

/**
 * `Name: value` lines to a header map. A line without a colon keeps its whole text as the name,
 * so the schema rejects it instead of it silently disappearing.
 */
export function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon < 0) headers[line.trim()] = '';
    else headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export function settingsFrom(draft: ChannelsDraft): UpdateNotificationSettings {
  const { email, whatsapp, telegram } = draft;
  return {
    email: {
      enabled: email.enabled,
      host: orNull(email.host),
      port: wholeNumber(email.port),
      secure: email.secure,
      user: orNull(email.user),
      from: orNull(email.from),
      ratePerMinute: wholeNumber(email.ratePerMinute),
      ...secretChange('password', email.password),
    },
    whatsapp: {
      enabled: whatsapp.enabled,
      url: orNull(whatsapp.url),
      method: whatsapp.method,
      headers: parseHeaders(whatsapp.headers),
      bodyTemplate: whatsapp.bodyTemplate,
      format: whatsapp.format,
      ratePerMinute: wholeNumber(whatsapp.ratePerMinute),
      ...secretChange('token', whatsapp.token),
    },
    telegram: {
      enabled: telegram.enabled,
      baseUrl: telegram.baseUrl.trim(),
      ratePerMinute: wholeNumber(telegram.ratePerMinute),
      ...secretChange('botToken', telegram.botToken),
    },
    maxAttempts: wholeNumber(draft.maxAttempts),
  };
}
