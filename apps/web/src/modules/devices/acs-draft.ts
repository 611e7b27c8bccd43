import type {
  AcsServer,
  CreateAcsServer,
  TestAcsConnection,
  UpdateAcsServer,
} from '@jaring/contracts';
import { orNull, secretChange, wholeNumber } from '../../lib/form-values';

/**
 * An ACS server form as typed. Timeouts are edited in seconds (the API takes milliseconds); the
 * parameter overrides as JSON text. The password is write-only: '' keeps the stored one, null
 * removes it, text replaces it.
 */
export interface AcsDraft {
  name: string;
  baseUrl: string;
  username: string;
  password: string | null;
  enabled: boolean;
  syncIntervalMinutes: string;
  onlineWindowMinutes: string;
  timeoutSeconds: string;
  taskTimeoutSeconds: string;
  syncTags: boolean;
  paramOverrides: string;
  /** Create only: reach the NBI before saving. */
  verify: boolean;
}

export const NEW_ACS_DRAFT: AcsDraft = {
  name: '',
  baseUrl: 'http://',
  username: '',
  password: '',
  enabled: true,
  syncIntervalMinutes: '5',
  onlineWindowMinutes: '15',
  timeoutSeconds: '30',
  taskTimeoutSeconds: '10',
  syncTags: true,
  paramOverrides: '',
  verify: true,
};

export function draftFrom(server: AcsServer | null): AcsDraft {
  if (!server) return { ...NEW_ACS_DRAFT };
  return {
    name: server.name,
    baseUrl: server.baseUrl,
    username: server.username ?? '',
    password: '',
    enabled: server.enabled,
    syncIntervalMinutes: String(server.syncIntervalMinutes),
    onlineWindowMinutes: String(server.onlineWindowMinutes),
    timeoutSeconds: msToSeconds(server.timeoutMs),
    taskTimeoutSeconds: msToSeconds(server.taskTimeoutMs),
    syncTags: server.syncTags,
    paramOverrides:
      server.paramOverrides.length > 0 ? JSON.stringify(server.paramOverrides, null, 2) : '',
    verify: false,
  };
}

function msToSeconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** Seconds as typed (`30`, `2.5`, `2,5`) to whole milliseconds; NaN for the schema to reject. */
export function secondsToMs(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return Number.NaN;
  return Math.round(Number(trimmed) * 1000);
}

export type OverridesParse = { ok: true; value: unknown[] } | { ok: false };

/** The overrides JSON: empty is none; anything but an array is refused before the schema. */
export function parseOverrides(text: string): OverridesParse {
  if (text.trim() === '') return { ok: true, value: [] };
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? { ok: true, value } : { ok: false };
  } catch {
    return { ok: false };
  }
}

function common(
  draft: AcsDraft,
  overrides: unknown[],
): Omit<CreateAcsServer, 'password' | 'verify'> {
  return {
    name: draft.name.trim(),
    baseUrl: draft.baseUrl.trim(),
    username: orNull(draft.username),
    enabled: draft.enabled,
    syncIntervalMinutes: wholeNumber(draft.syncIntervalMinutes),
    onlineWindowMinutes: wholeNumber(draft.onlineWindowMinutes),
    timeoutMs: secondsToMs(draft.timeoutSeconds),
    taskTimeoutMs: secondsToMs(draft.taskTimeoutSeconds),
    syncTags: draft.syncTags,
    paramOverrides: overrides as CreateAcsServer['paramOverrides'],
  };
}

/** The POST body; a password only when one is typed. */
export function createFrom(draft: AcsDraft, overrides: unknown[]): CreateAcsServer {
  const password = draft.password ?? '';
  return {
    ...common(draft, overrides),
    ...(password === '' ? {} : { password }),
    verify: draft.verify,
  };
}

/** The PATCH body: every field, the password only when it changes. */
export function updateFrom(draft: AcsDraft, overrides: unknown[]): UpdateAcsServer {
  return { ...common(draft, overrides), ...secretChange('password', draft.password) };
}

/**
 * What "Test connection" should try: the typed settings, or the saved server as it is when the
 * form still uses its stored password with the same address and user (the API never returns the
 * password, so it cannot be sent back).
 */
export function testTarget(
  draft: AcsDraft,
  server: AcsServer | null,
): { saved: string } | { settings: TestAcsConnection } {
  const unchanged =
    server !== null &&
    draft.password === '' &&
    server.hasPassword &&
    draft.baseUrl.trim() === server.baseUrl &&
    orNull(draft.username) === server.username;
  if (unchanged) return { saved: server.id };
  const password = draft.password ?? '';
  return {
    settings: {
      baseUrl: draft.baseUrl.trim(),
      username: orNull(draft.username),
      ...(password === '' ? {} : { password }),
      timeoutMs: Math.max(1000, Math.min(secondsToMs(draft.timeoutSeconds) || 10_000, 120_000)),
    },
  };
}
