import { notificationSettingsSchema, updateNotificationSettingsSchema } from '@jaring/contracts';
import { describe, expect, test } from 'vitest';
import { draftFrom, parseHeaders, settingsFrom } from './draft';

const settings = notificationSettingsSchema.parse({
  email: {
    enabled: true,
    host: 'smtp.example.net',
    port: 587,
    secure: false,
    user: 'billing',
    from: 'Jaring <billing@example.net>',
    ratePerMinute: 60,
    hasPassword: true,
  },
  whatsapp: {
    enabled: false,
    url: null,
    method: 'POST',
    headers: { Authorization: '{{token}}' },
    bodyTemplate: '{"target":"{{to}}","message":"{{message}}"}',
    format: 'json',
    ratePerMinute: 20,
    hasToken: false,
  },
  telegram: {
    enabled: false,
    baseUrl: 'https://api.telegram.org',
    ratePerMinute: 30,
    hasBotToken: false,
  },
  maxAttempts: 5,
});

describe('notification settings draft', () => {
  test('round-trips the settings and leaves empty secrets out (kept on the server)', () => {
    const body = settingsFrom(draftFrom(settings));
    expect(updateNotificationSettingsSchema.parse(body)).toEqual(body);
    expect('password' in body.email).toBe(false);
    expect('token' in body.whatsapp).toBe(false);
    expect('botToken' in body.telegram).toBe(false);
    expect(body.whatsapp.headers).toEqual({ Authorization: '{{token}}' });
    expect(body.email.host).toBe('smtp.example.net');
  });

  test('a typed secret replaces the stored one; blank texts become null', () => {
    const draft = draftFrom(settings);
    draft.email.password = 's3cret';
    draft.email.user = '  ';
    draft.telegram.botToken = '123:abc';
    const body = settingsFrom(draft);
    expect(body.email.password).toBe('s3cret');
    expect(body.email.user).toBeNull();
    expect(body.telegram.botToken).toBe('123:abc');
  });

  test('a removed secret is sent as null', () => {
    const draft = draftFrom(settings);
    draft.email.password = null;
    expect(settingsFrom(draft).email.password).toBeNull();
  });

  test('numbers that are not whole are rejected by the schema', () => {
    const draft = draftFrom(settings);
    draft.email.port = '58x';
    draft.maxAttempts = '';
    const parsed = updateNotificationSettingsSchema.safeParse(settingsFrom(draft));
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toContain('email.port');
    expect(paths).toContain('maxAttempts');
  });

  test('headers are parsed one per line; a line without a colon is kept for the schema to reject', () => {
    expect(parseHeaders('Authorization: Bearer {{token}}\n\nX-Api-Key:abc:def')).toEqual({
      Authorization: 'Bearer {{token}}',
      'X-Api-Key': 'abc:def',
    });
    const bad = parseHeaders('not a header');
    expect(bad).toEqual({ 'not a header': '' });
  });
});
