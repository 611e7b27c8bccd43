import type { DeviceSsid, WifiAction } from '@jaring/contracts';

/**
 * WiFi name and password rules, checked in the browser before a change goes to the modem (the
 * server checks them again). WPA2-Personal takes a passphrase of 8 to 63 printable ASCII
 * characters; an SSID is 1 to 32 octets.
 */

export const SSID_MAX_BYTES = 32;
export const PASSPHRASE_MIN = 8;
export const PASSPHRASE_MAX = 63;

export type SsidProblem = 'required' | 'tooLong' | 'control' | 'edgeSpace';
export type PassphraseProblem = 'required' | 'tooShort' | 'tooLong' | 'notAscii';

const encoder = new TextEncoder();

/** The SSID's length as the modem counts it: UTF-8 bytes. */
export function ssidBytes(ssid: string): number {
  return encoder.encode(ssid).length;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** What is wrong with an SSID, or null when it is fine. */
export function ssidProblem(ssid: string): SsidProblem | null {
  if (ssid.length === 0 || ssid.trim().length === 0) return 'required';
  if (CONTROL.test(ssid)) return 'control';
  if (ssidBytes(ssid) > SSID_MAX_BYTES) return 'tooLong';
  // A leading or trailing space is invisible in the network list and easy to type by mistake.
  if (ssid.trim() !== ssid) return 'edgeSpace';
  return null;
}

/** What is wrong with a WPA2 passphrase, or null when it is fine. */
export function passphraseProblem(passphrase: string): PassphraseProblem | null {
  if (passphrase.length === 0) return 'required';
  if (!PRINTABLE_ASCII.test(passphrase)) return 'notAscii';
  if (passphrase.length < PASSPHRASE_MIN) return 'tooShort';
  if (passphrase.length > PASSPHRASE_MAX) return 'tooLong';
  return null;
}

export type PassphraseStrength = 'weak' | 'fair' | 'good' | 'strong';

const COMMON = [
  'password',
  'passw0rd',
  'qwerty',
  'abcdef',
  'abc123',
  'iloveyou',
  'admin',
  'wifi',
  'internet',
  'rahasia',
  'bismillah',
];

/** `12345678`, `87654321`, `abcdefgh`: each character one step from the last. */
function isSequence(text: string): boolean {
  if (text.length < 4) return false;
  const step = text.charCodeAt(1) - text.charCodeAt(0);
  if (Math.abs(step) !== 1) return false;
  for (let i = 2; i < text.length; i += 1) {
    if (text.charCodeAt(i) - text.charCodeAt(i - 1) !== step) return false;
  }
  return true;
}

/** Character kinds in use: lower case, upper case, digits, everything else. */
function kinds(text: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(text)).length;
}

/**
 * A rough strength hint for a valid passphrase: long and mixed is strong; a repeated character, a
 * sequence, a well-known word or the network's own name is weak whatever its length.
 */
export function passphraseStrength(passphrase: string, ssid = ''): PassphraseStrength {
  const lower = passphrase.toLowerCase();
  const unique = new Set(passphrase).size;
  const trimmedSsid = ssid.trim().toLowerCase();
  if (
    unique <= 2 ||
    isSequence(passphrase) ||
    COMMON.some((word) => lower.includes(word) && lower.length - word.length < 4) ||
    (trimmedSsid.length > 0 && lower.includes(trimmedSsid))
  ) {
    return 'weak';
  }
  const mix = kinds(passphrase);
  const length = passphrase.length;
  if (length >= 16 && mix >= 2) return 'strong';
  if (length >= 12 && mix >= 3) return 'strong';
  if (length >= 10 && mix >= 2) return 'good';
  if (mix >= 3) return 'good';
  if (mix >= 2 || length >= 12) return 'fair';
  return 'weak';
}

export interface WifiDraft {
  ssid: string;
  /** Empty keeps the current password. */
  password: string;
  /** The SSID instances to change (`ssids[].index`). */
  indexes: readonly number[];
}

export interface WifiProblems {
  ssid?: SsidProblem;
  password?: PassphraseProblem;
  indexes?: 'required';
  /** Neither the name nor the password would change. */
  form?: 'nothingToChange';
}

export type WifiRequest = { ok: true; body: WifiAction } | { ok: false; problems: WifiProblems };

/** The first SSID's name, the one a form starts from. */
export function currentSsid(ssids: readonly DeviceSsid[]): string {
  return ssids[0]?.ssid ?? '';
}

/**
 * The WiFi action to send for a form: the name when it differs from what a chosen SSID has now,
 * the password when one is typed, the chosen SSIDs when not all of them. Problems otherwise.
 */
export function wifiRequest(
  draft: WifiDraft,
  current: readonly DeviceSsid[],
  options: { passwordRequired?: boolean } = {},
): WifiRequest {
  const problems: WifiProblems = {};
  const ssidIssue = ssidProblem(draft.ssid);
  if (ssidIssue) problems.ssid = ssidIssue;
  if (draft.password !== '' || options.passwordRequired) {
    const passwordIssue = passphraseProblem(draft.password);
    if (passwordIssue) problems.password = passwordIssue;
  }
  const chosen = current.filter((item) => draft.indexes.includes(item.index));
  if (current.length > 0 && chosen.length === 0) problems.indexes = 'required';
  if (Object.keys(problems).length > 0) return { ok: false, problems };

  const ssidChanged = chosen.length === 0 || chosen.some((item) => item.ssid !== draft.ssid);
  if (!ssidChanged && draft.password === '') {
    return { ok: false, problems: { form: 'nothingToChange' } };
  }
  const body: WifiAction = {};
  if (ssidChanged) body.ssid = draft.ssid;
  if (draft.password !== '') body.password = draft.password;
  if (chosen.length > 0 && chosen.length < current.length) {
    body.indexes = chosen.map((item) => item.index);
  }
  return { ok: true, body };
}
