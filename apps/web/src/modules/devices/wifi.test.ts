import {
  wifiActionSchema,
  wifiPasswordSchema,
  wifiSsidSchema,
  type DeviceSsid,
} from '@jaring/contracts';
import { describe, expect, test } from 'vitest';
import { passphraseProblem, passphraseStrength, ssidBytes, ssidProblem, wifiRequest } from './wifi';

describe('SSID', () => {
  test('takes 1 to 32 bytes', () => {
    expect(ssidProblem('Rumah Budi')).toBeNull();
    expect(ssidProblem('a')).toBeNull();
    expect(ssidProblem('x'.repeat(32))).toBeNull();
    expect(ssidProblem('x'.repeat(33))).toBe('tooLong');
  });

  test('is required, and blanks do not count', () => {
    expect(ssidProblem('')).toBe('required');
    expect(ssidProblem('   ')).toBe('required');
  });

  test('counts UTF-8 bytes, not characters', () => {
    expect(ssidBytes('é')).toBe(2);
    expect(ssidProblem('é'.repeat(16))).toBeNull();
    expect(ssidProblem('é'.repeat(17))).toBe('tooLong');
    expect(ssidProblem('📶'.repeat(8))).toBeNull();
    expect(ssidProblem('📶'.repeat(9))).toBe('tooLong');
  });

  test('refuses spaces at either end', () => {
    expect(ssidProblem(' Home')).toBe('edgeSpace');
    expect(ssidProblem('Home ')).toBe('edgeSpace');
    expect(ssidProblem('My Home')).toBeNull();
  });

  test('refuses control characters', () => {
    expect(ssidProblem('home\nnet')).toBe('control');
    expect(ssidProblem('home\u0000')).toBe('control');
  });
});

describe('WPA2 passphrase', () => {
  test('takes 8 to 63 printable ASCII characters', () => {
    expect(passphraseProblem('12345678')).toBeNull();
    expect(passphraseProblem('a'.repeat(63))).toBeNull();
    expect(passphraseProblem('with space ~!')).toBeNull();
    expect(passphraseProblem('1234567')).toBe('tooShort');
    expect(passphraseProblem('a'.repeat(64))).toBe('tooLong');
    expect(passphraseProblem('')).toBe('required');
  });

  test('refuses anything outside printable ASCII', () => {
    expect(passphraseProblem('kata sandi é')).toBe('notAscii');
    expect(passphraseProblem('password\t1')).toBe('notAscii');
    expect(passphraseProblem('密码密码密码密码')).toBe('notAscii');
  });
});

describe('strength hint', () => {
  test('repeats, sequences, common words and the SSID are weak', () => {
    expect(passphraseStrength('aaaaaaaa')).toBe('weak');
    expect(passphraseStrength('12345678')).toBe('weak');
    expect(passphraseStrength('87654321')).toBe('weak');
    expect(passphraseStrength('password1')).toBe('weak');
    expect(passphraseStrength('RumahBudi1', 'RumahBudi')).toBe('weak');
  });

  test('grows with length and mixed characters', () => {
    expect(passphraseStrength('kucingku')).toBe('weak');
    expect(passphraseStrength('kucing99')).toBe('fair');
    expect(passphraseStrength('kucingoren')).toBe('weak');
    expect(passphraseStrength('kucingor99')).toBe('good');
    expect(passphraseStrength('Kucing-Oren-99')).toBe('strong');
    expect(passphraseStrength('kucing oren lari pagi')).toBe('strong');
  });
});

describe('a WiFi change', () => {
  const ssids: DeviceSsid[] = [
    { index: 1, ssid: 'Rumah', band: '2.4GHz' },
    { index: 5, ssid: 'Rumah-5G', band: '5GHz' },
  ];

  test('sends what changed, for every SSID by default', () => {
    expect(wifiRequest({ ssid: 'Baru', password: '', indexes: [1, 5] }, ssids)).toEqual({
      ok: true,
      body: { ssid: 'Baru' },
    });
    expect(wifiRequest({ ssid: 'Rumah', password: 'rahasia-123', indexes: [1] }, ssids)).toEqual({
      ok: true,
      body: { password: 'rahasia-123', indexes: [1] },
    });
    expect(wifiRequest({ ssid: 'Rumah', password: 'kucing-99', indexes: [1, 5] }, ssids)).toEqual({
      ok: true,
      body: { ssid: 'Rumah', password: 'kucing-99' },
    });
  });

  test('a device that reported no SSID still takes a name', () => {
    expect(wifiRequest({ ssid: 'Baru', password: '', indexes: [] }, [])).toEqual({
      ok: true,
      body: { ssid: 'Baru' },
    });
  });

  test('refuses a change that changes nothing', () => {
    expect(wifiRequest({ ssid: 'Rumah', password: '', indexes: [1] }, ssids)).toEqual({
      ok: false,
      problems: { form: 'nothingToChange' },
    });
  });

  test('reports field problems', () => {
    expect(wifiRequest({ ssid: '', password: 'short', indexes: [] }, ssids)).toEqual({
      ok: false,
      problems: { ssid: 'required', password: 'tooShort', indexes: 'required' },
    });
    expect(
      wifiRequest({ ssid: 'Rumah', password: '', indexes: [1] }, ssids, { passwordRequired: true }),
    ).toEqual({ ok: false, problems: { password: 'required' } });
  });

  test('every request it makes passes the shared schema', () => {
    const made = wifiRequest({ ssid: 'Rumah Baru', password: 'a b c d e', indexes: [5] }, ssids);
    expect(made.ok).toBe(true);
    if (made.ok) expect(wifiActionSchema.safeParse(made.body).success).toBe(true);
  });
});

describe('agrees with the shared schemas', () => {
  const ssids = [
    'a',
    'Rumah Budi',
    ' x',
    'x ',
    '',
    'x'.repeat(32),
    'x'.repeat(33),
    'é'.repeat(17),
    'a\tb',
  ];
  test.each(ssids)('SSID %j', (ssid) => {
    expect(ssidProblem(ssid) === null).toBe(wifiSsidSchema.safeParse(ssid).success);
  });
  const passwords = [
    '12345678',
    '1234567',
    'a'.repeat(63),
    'a'.repeat(64),
    'sandi é123',
    ' spaced out ',
  ];
  test.each(passwords)('password %j', (password) => {
    expect(passphraseProblem(password) === null).toBe(
      wifiPasswordSchema.safeParse(password).success,
    );
  });
});
