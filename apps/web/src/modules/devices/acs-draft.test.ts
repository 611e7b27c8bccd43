import { createAcsServerSchema, updateAcsServerSchema, type AcsServer } from '@jaring/contracts';
import { describe, expect, test } from 'vitest';
import {
  NEW_ACS_DRAFT,
  createFrom,
  draftFrom,
  parseOverrides,
  secondsToMs,
  testTarget,
  updateFrom,
} from './acs-draft';

const SERVER: AcsServer = {
  id: '0b4f5f0e-8d7c-4a43-9d0e-6a2f3c1b2a10',
  name: 'ACS Pusat',
  baseUrl: 'http://10.0.0.5:7557',
  username: 'nbi',
  hasPassword: true,
  enabled: true,
  syncIntervalMinutes: 5,
  onlineWindowMinutes: 15,
  timeoutMs: 30_000,
  taskTimeoutMs: 2_500,
  paramOverrides: [
    {
      manufacturer: 'ZTE',
      fields: {},
      rxPower: [{ path: 'VirtualParameters.RXPower', unit: 'dbm' }],
    },
  ],
  syncTags: true,
  deviceCount: 12,
  sync: {
    lastSyncAt: null,
    lastFullSyncAt: null,
    cursor: null,
    lastDevices: null,
    lastDurationMs: null,
    lastError: null,
    lastErrorAt: null,
  },
  breaker: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('ACS server form', () => {
  test('a new server starts with sensible defaults that pass the schema once named', () => {
    const draft = { ...NEW_ACS_DRAFT, name: 'ACS', baseUrl: 'http://10.0.0.5:7557' };
    const body = createFrom(draft, []);
    expect(body).not.toHaveProperty('password');
    expect(body.timeoutMs).toBe(30_000);
    expect(body.taskTimeoutMs).toBe(10_000);
    expect(createAcsServerSchema.safeParse(body).success).toBe(true);
  });

  test('timeouts are typed in seconds', () => {
    expect(secondsToMs('30')).toBe(30_000);
    expect(secondsToMs('2,5')).toBe(2_500);
    expect(secondsToMs('1.25')).toBe(1_250);
    expect(secondsToMs('abc')).toBeNaN();
    expect(draftFrom(SERVER).taskTimeoutSeconds).toBe('2.5');
  });

  test('an edit keeps the stored password unless one is typed or removed', () => {
    const draft = draftFrom(SERVER);
    expect(updateFrom(draft, [])).not.toHaveProperty('password');
    expect(updateFrom({ ...draft, password: 'baru' }, [])).toMatchObject({ password: 'baru' });
    expect(updateFrom({ ...draft, password: null }, [])).toMatchObject({ password: null });
    expect(updateAcsServerSchema.safeParse(updateFrom(draft, [])).success).toBe(true);
  });

  test('the overrides round-trip as JSON', () => {
    const draft = draftFrom(SERVER);
    const parsed = parseOverrides(draft.paramOverrides);
    expect(parsed).toEqual({ ok: true, value: SERVER.paramOverrides });
    expect(parseOverrides('')).toEqual({ ok: true, value: [] });
    expect(parseOverrides('{"a":1}')).toEqual({ ok: false });
    expect(parseOverrides('[oops')).toEqual({ ok: false });
  });

  test('an empty user name is none', () => {
    const body = updateFrom({ ...draftFrom(SERVER), username: '  ' }, []);
    expect(body.username).toBeNull();
  });

  test('testing uses the saved server while the stored password still applies', () => {
    const draft = draftFrom(SERVER);
    expect(testTarget(draft, SERVER)).toEqual({ saved: SERVER.id });
    expect(testTarget({ ...draft, baseUrl: 'http://10.0.0.6:7557' }, SERVER)).toEqual({
      settings: { baseUrl: 'http://10.0.0.6:7557', username: 'nbi', timeoutMs: 30_000 },
    });
    expect(testTarget({ ...draft, password: 'x' }, SERVER)).toMatchObject({
      settings: { password: 'x' },
    });
    expect(testTarget({ ...NEW_ACS_DRAFT, baseUrl: 'http://a:7557' }, null)).toEqual({
      settings: { baseUrl: 'http://a:7557', username: null, timeoutMs: 30_000 },
    });
  });
});
