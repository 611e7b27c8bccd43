import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { publicTables, rowsAsText, snapshotTables } from './support/db-snapshot.ts';
import { createTestEnv } from './support/env.ts';

/**
 * Hostile and malformed input to the users, tokens, login and profile routes. Every rejected
 * request must answer 4xx problem+json and leave users, sessions, API tokens and the audit log
 * exactly as they were. Free text where such strings are legitimate data (a password, a name
 * with an apostrophe) must be stored verbatim instead. No request in this file may get a 5xx.
 */

// A frozen clock: no session or token "last seen" write can sneak into a before/after diff.
const clock = new ManualClock(new Date());
const env = await createTestEnv({ clock });
const TABLES = ['users', 'sessions', 'api_tokens', 'audit_logs'] as const;

const ownerUser = await env.createUser('owner');
const owner = await env.login(ownerUser.email, ownerUser.password, '198.18.0.1');
const target = await env.createUser('support');
// One token and the owner's session exist, so those tables have rows to compare.
expect(
  (
    await owner.request({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'existing', abilities: ['users:read'] },
    })
  ).statusCode,
).toBe(201);

afterAll(async () => {
  await env.close();
});

/** Every status this file ever received, to prove no 5xx slipped through anywhere. */
const statuses: { status: number; what: string }[] = [];
let ipCounter = 0;

/** Each request from its own address, so per-IP rate limits never mask a validation answer. */
async function call(
  as: 'owner' | 'anonymous',
  opts: InjectOptions,
): Promise<LightMyRequestResponse> {
  ipCounter += 1;
  const remoteAddress = `10.${Math.floor(ipCounter / 62500) % 250}.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;
  const res =
    as === 'owner'
      ? await owner.request({ ...opts, remoteAddress })
      : await env.app.inject({ ...opts, remoteAddress });
  const url = typeof opts.url === 'string' ? opts.url : '(url object)';
  statuses.push({ status: res.statusCode, what: `${String(opts.method)} ${url}` });
  return res;
}

const INJECTIONS = {
  'SQL drop': "'; DROP TABLE users; --",
  'SQL tautology': "' OR '1'='1",
  'SQL comment': "admin'--",
  'SQL union': "x' UNION SELECT password_hash FROM users --",
  'HTML script': '<script>alert(1)</script>',
  'HTML img': '<img src=x onerror=alert(1)>',
  NUL: '\u0000',
  'embedded NUL': 'abc\u0000def',
  'control chars': 'first line\nsecond\u0007line',
  'very long': 'A'.repeat(10_000),
} as const;
const INJECTION_ENTRIES = Object.entries(INJECTIONS);

type FieldKind =
  | { kind: 'email' }
  | { kind: 'name'; max: number }
  | { kind: 'password' }
  | { kind: 'enum' }
  | { kind: 'boolean' }
  | { kind: 'literal-true' }
  | { kind: 'datetime-nullable' }
  | { kind: 'abilities' }
  | { kind: 'login-email' }
  | { kind: 'login-password' };

/** What the server must do with a hostile string in a field: accept it as data, or refuse it. */
function verdict(field: FieldKind, value: string): 'accept' | 400 | 401 {
  const hasControl = /\p{Cc}/u.test(value);
  switch (field.kind) {
    case 'name': {
      const trimmed = value.trim();
      const ok = !/[<>]/.test(value) && !hasControl && trimmed.length >= 1;
      return ok && trimmed.length <= field.max ? 'accept' : 400;
    }
    case 'password':
      return value.length >= 10 && value.length <= 200 ? 'accept' : 400;
    // Login does not check the address format: an unknown one is a 401 like a wrong password.
    case 'login-email':
      return hasControl || value.trim().length > 254 ? 400 : 401;
    case 'login-password':
      return value.length > 200 ? 400 : 401;
    default:
      return 400;
  }
}

/** Values of the wrong JSON type for a field. */
function wrongTypes(field: FieldKind): unknown[] {
  switch (field.kind) {
    case 'boolean':
      return ['true', 1, null, {}, []];
    case 'literal-true':
      return ['true', 1, false, null, {}];
    case 'datetime-nullable':
      return [42, true, {}, ['2030-01-01T00:00:00Z'], 'tomorrow', '2030-13-45T99:99:99Z'];
    case 'abilities':
      return ['users:read', 42, null, {}, [], [42], [null], ['nope:nope'], [{}]];
    default:
      return [42, true, null, {}, ['x'], { $gt: '' }];
  }
}

interface BodyRoute {
  label: string;
  method: 'POST' | 'PATCH';
  url: string;
  as: 'owner' | 'anonymous';
  /** A body that passes validation; each call may differ (login uses a fresh address). */
  valid: () => Record<string, unknown>;
  fields: Record<string, FieldKind>;
  required: string[];
}

const BODY_ROUTES: BodyRoute[] = [
  {
    label: 'POST /api/v1/users',
    method: 'POST',
    url: '/api/v1/users',
    as: 'owner',
    valid: () => ({
      email: 'valid-new-user@example.test',
      name: 'Valid Name',
      password: 'a-long-enough-password',
      role: 'support',
      locale: 'en',
    }),
    fields: {
      email: { kind: 'email' },
      name: { kind: 'name', max: 120 },
      password: { kind: 'password' },
      role: { kind: 'enum' },
      locale: { kind: 'enum' },
    },
    required: ['email', 'name', 'password', 'role'],
  },
  {
    label: 'PATCH /api/v1/users/:id',
    method: 'PATCH',
    url: `/api/v1/users/${target.id}`,
    as: 'owner',
    valid: () => ({
      name: 'Renamed',
      role: 'technician',
      locale: 'en',
      password: 'another-long-password',
      disabled: false,
      unlock: true,
    }),
    fields: {
      name: { kind: 'name', max: 120 },
      role: { kind: 'enum' },
      locale: { kind: 'enum' },
      password: { kind: 'password' },
      disabled: { kind: 'boolean' },
      unlock: { kind: 'literal-true' },
    },
    required: [],
  },
  {
    label: 'POST /api/v1/tokens',
    method: 'POST',
    url: '/api/v1/tokens',
    as: 'owner',
    valid: () => ({ name: 'ci', abilities: ['users:read'], expiresAt: null }),
    fields: {
      name: { kind: 'name', max: 100 },
      abilities: { kind: 'abilities' },
      expiresAt: { kind: 'datetime-nullable' },
    },
    required: ['name', 'abilities'],
  },
  {
    label: 'PATCH /api/v1/me',
    method: 'PATCH',
    url: '/api/v1/me',
    as: 'owner',
    valid: () => ({ name: 'Me Myself', locale: 'en' }),
    fields: { name: { kind: 'name', max: 120 }, locale: { kind: 'enum' } },
    required: [],
  },
  {
    label: 'POST /api/v1/auth/login',
    method: 'POST',
    url: '/api/v1/auth/login',
    as: 'anonymous',
    // Addresses no account has: a wrong guess must not count against (or lock) a real account,
    // and a fresh one each time keeps the per-account login throttle out of the way.
    valid: () => ({ email: `nobody-${randomUUID()}@example.test`, password: 'some-password' }),
    fields: { email: { kind: 'login-email' }, password: { kind: 'login-password' } },
    required: ['email', 'password'],
  },
];

interface RejectedCase {
  name: string;
  as: 'owner' | 'anonymous';
  request: InjectOptions;
  status: number;
  code: string;
  /** A field `errors[].path` must name. */
  path?: string;
}

const json = { 'content-type': 'application/json' };
const cases: RejectedCase[] = [];

for (const r of BODY_ROUTES) {
  const base = { method: r.method, url: r.url };
  const raw = (name: string, payload: string, headers: Record<string, string>): void => {
    const status = headers['content-type']?.startsWith('application/json') ? 400 : 415;
    cases.push({
      name: `${r.label}: ${name}`,
      as: r.as,
      request: { ...base, payload, headers },
      status,
      code: status === 415 ? 'unsupported_media_type' : 'bad_request',
    });
  };
  raw('malformed JSON', '{"name": "x",', json);
  raw('truncated JSON', '{', json);
  raw('empty JSON body', '', json);
  raw('JSON with a comment', '{"name": "x" /* hi */}', json);
  raw('prototype pollution key', '{"__proto__": {"role": "owner"}}', json);
  raw('constructor pollution key', '{"constructor": {"prototype": {"role": "owner"}}}', json);
  for (const type of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/xml',
    'multipart/form-data; boundary=x',
  ]) {
    raw(`content-type ${type}`, JSON.stringify(r.valid()), { 'content-type': type });
  }
  cases.push({
    name: `${r.label}: body over 1 MiB`,
    as: r.as,
    request: {
      ...base,
      payload: JSON.stringify({ ...r.valid(), name: 'x'.repeat(1_100_000) }),
      headers: json,
    },
    status: 413,
    code: 'payload_too_large',
  });
  for (const [what, payload] of [
    ['a JSON array', '[]'],
    ['an array of the body', JSON.stringify([r.valid()])],
    ['a JSON string', '"hello"'],
    ['a JSON number', '42'],
    ['JSON true', 'true'],
    ['JSON null', 'null'],
  ] as const) {
    cases.push({
      name: `${r.label}: ${what} instead of an object`,
      as: r.as,
      request: { ...base, payload, headers: json },
      status: 400,
      code: 'validation_failed',
    });
  }
  cases.push({
    name: `${r.label}: an empty object`,
    as: r.as,
    request: { ...base, payload: {} },
    status: 400,
    code: 'validation_failed',
  });
  for (const extra of ['isAdmin', 'passwordHash', 'id', 'role_', 'abilities']) {
    if (extra in r.fields) continue;
    cases.push({
      name: `${r.label}: unknown field ${extra}`,
      as: r.as,
      request: { ...base, payload: { ...r.valid(), [extra]: true } },
      status: 400,
      code: 'validation_failed',
      path: extra,
    });
  }
  for (const field of r.required) {
    const { [field]: _omitted, ...rest } = r.valid();
    cases.push({
      name: `${r.label}: missing ${field}`,
      as: r.as,
      request: { ...base, payload: rest },
      status: 400,
      code: 'validation_failed',
      path: field,
    });
  }
  for (const [field, kind] of Object.entries(r.fields)) {
    for (const value of wrongTypes(kind)) {
      cases.push({
        name: `${r.label}: ${field} = ${JSON.stringify(value)}`,
        as: r.as,
        request: { ...base, payload: { ...r.valid(), [field]: value } },
        status: 400,
        code: 'validation_failed',
        path: field,
      });
    }
    for (const [label, value] of INJECTION_ENTRIES) {
      const v = verdict(kind, value);
      if (v === 'accept') continue; // legitimate data: proven to round-trip further down
      cases.push({
        name: `${r.label}: ${label} in ${field}`,
        as: r.as,
        request: { ...base, payload: { ...r.valid(), [field]: value } },
        status: v,
        code: v === 401 ? 'invalid_credentials' : 'validation_failed',
        ...(v === 400 ? { path: field } : {}),
      });
      if (kind.kind === 'abilities') {
        cases.push({
          name: `${r.label}: ${label} as an ability`,
          as: r.as,
          request: { ...base, payload: { ...r.valid(), abilities: ['users:read', value] } },
          status: 400,
          code: 'validation_failed',
        });
      }
    }
  }
}

// Path parameters: every id route with malformed and hostile ids.
const BAD_IDS = [
  'abc',
  '123',
  'not-a-uuid-at-all-but-36-characters!',
  '0a2b2c3d4e5f6a7b8c9d0e1f2a3b4c5d',
  `${randomUUID()}x`,
  `${randomUUID()}'--`,
  ...INJECTION_ENTRIES.map(([, v]) => v.slice(0, 150)),
];
const ID_ROUTES: { method: 'GET' | 'PATCH' | 'DELETE'; url: string; payload?: object }[] = [
  { method: 'GET', url: '/api/v1/users/' },
  { method: 'PATCH', url: '/api/v1/users/', payload: { name: 'Renamed' } },
  { method: 'DELETE', url: '/api/v1/users/' },
  { method: 'DELETE', url: '/api/v1/tokens/' },
];
for (const r of ID_ROUTES) {
  for (const id of BAD_IDS) {
    cases.push({
      name: `${r.method} ${r.url}:id with id ${JSON.stringify(id.slice(0, 40))}`,
      as: 'owner',
      request: {
        method: r.method,
        url: `${r.url}${encodeURIComponent(id)}`,
        ...(r.payload ? { payload: r.payload } : {}),
      },
      status: 400,
      code: 'validation_failed',
      path: 'id',
    });
  }
  cases.push({
    name: `${r.method} ${r.url}:id with an unknown id`,
    as: 'owner',
    request: {
      method: r.method,
      url: `${r.url}${randomUUID()}`,
      ...(r.payload ? { payload: r.payload } : {}),
    },
    status: 404,
    code: 'not_found',
  });
}

// Query strings of the users list.
const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
const BAD_QUERIES: [string, Record<string, string | string[]>, string][] = [
  ['limit 0', { limit: '0' }, 'limit'],
  ['limit 201', { limit: '201' }, 'limit'],
  ['negative limit', { limit: '-1' }, 'limit'],
  ['fractional limit', { limit: '1.5' }, 'limit'],
  ['text limit', { limit: 'ten' }, 'limit'],
  ['huge limit', { limit: '1e308' }, 'limit'],
  ['repeated limit', { limit: ['1', '2'] }, 'limit'],
  ['unknown role', { role: 'superuser' }, 'role'],
  ['unknown parameter', { sort: 'password_hash' }, 'sort'],
  ['cursor not base64 JSON', { cursor: 'definitely-not-a-cursor' }, 'cursor'],
  ['cursor too long', { cursor: 'a'.repeat(201) }, 'cursor'],
  ['cursor a number', { cursor: b64(5) }, 'cursor'],
  ['cursor null', { cursor: b64(null) }, 'cursor'],
  ['cursor with a bad date', { cursor: b64(['yesterday', randomUUID()]) }, 'cursor'],
  [
    'cursor before year 1',
    { cursor: b64(['-271821-04-20T00:00:00.000Z', randomUUID()]) },
    'cursor',
  ],
  [
    'cursor after year 9999',
    { cursor: b64(['+275760-09-13T00:00:00.000Z', randomUUID()]) },
    'cursor',
  ],
  [
    'cursor with a non-UUID id',
    { cursor: b64(['2026-01-01T00:00:00.000Z', '-'.repeat(36)]) },
    'cursor',
  ],
  [
    'cursor with SQL in the id',
    { cursor: b64(['2026-01-01T00:00:00.000Z', "' OR '1'='1"]) },
    'cursor',
  ],
  ['cursor with objects', { cursor: b64([{}, {}]) }, 'cursor'],
  ['q with NUL', { q: 'a\u0000b' }, 'q'],
  ['q with control characters', { q: 'a\u0007b' }, 'q'],
  ['q too long', { q: 'q'.repeat(121) }, 'q'],
  ...INJECTION_ENTRIES.map(([label, v]): [string, Record<string, string>, string] => [
    `${label} as role`,
    { role: v },
    'role',
  ]),
];
for (const [what, query, path] of BAD_QUERIES) {
  cases.push({
    name: `GET /api/v1/users: ${what}`,
    as: 'owner',
    request: { method: 'GET', url: '/api/v1/users', query },
    status: 400,
    code: 'validation_failed',
    path,
  });
}
for (const [what, query, path] of [
  ['cursor beyond bigint', { cursor: '9999999999999999999' }, 'cursor'],
  ['cursor with SQL', { cursor: '1 OR 1=1' }, 'cursor'],
  ['actorId not a UUID', { actorId: "' OR '1'='1" }, 'actorId'],
  ['entityType with NUL', { entityType: 'user\u0000' }, 'entityType'],
] as const) {
  cases.push({
    name: `GET /api/v1/audit-logs: ${what}`,
    as: 'owner',
    request: { method: 'GET', url: '/api/v1/audit-logs', query },
    status: 400,
    code: 'validation_failed',
    path,
  });
}

describe('rejected input changes nothing', () => {
  it('has a case for every field of every route', () => {
    expect(cases.length).toBeGreaterThan(300);
  });

  it.each(cases)('$name', async (c) => {
    const before = await snapshotTables(env.deps.db, TABLES);
    const res = await call(c.as, c.request);
    const context = `${c.name}: ${res.statusCode} ${res.body.slice(0, 300)}`;
    expect(res.statusCode, context).toBe(c.status);
    expect(res.headers['content-type'], context).toMatch(/^application\/problem\+json/);
    const body = res.json<{
      status: number;
      code: string;
      title: string;
      errors?: { path: string }[];
    }>();
    expect(body.status, context).toBe(res.statusCode);
    expect(body.code, context).toBe(c.code);
    expect(body.title, context).toEqual(expect.any(String));
    if (c.path !== undefined) {
      const path = c.path;
      const paths = (body.errors ?? []).map((e) => e.path);
      expect(
        paths.some((p) => p === path || p.startsWith(`${path}.`)),
        `${context} (paths: ${paths.join(', ')})`,
      ).toBe(true);
    }
    // Nothing the client sent is echoed back as markup.
    expect(res.body, context).not.toMatch(/<script|<img/i);
    expect(await snapshotTables(env.deps.db, TABLES), context).toEqual(before);
  });

  it('names each unknown field separately', async () => {
    const before = await snapshotTables(env.deps.db, TABLES);
    const res = await call('owner', {
      method: 'POST',
      url: '/api/v1/users',
      payload: { ...BODY_ROUTES[0]?.valid(), isAdmin: true, passwordHash: 'x' },
    });
    expect(res.statusCode).toBe(400);
    const errors = res.json<{ errors: { path: string; code: string }[] }>().errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'isAdmin', code: 'unrecognized_keys' }),
        expect.objectContaining({ path: 'passwordHash', code: 'unrecognized_keys' }),
      ]),
    );
    expect(await snapshotTables(env.deps.db, TABLES)).toEqual(before);
  });

  it('a search for SQL or HTML text is a literal search that matches nothing', async () => {
    const before = await snapshotTables(env.deps.db, TABLES);
    for (const [label, value] of INJECTION_ENTRIES) {
      if (/\p{Cc}/u.test(value) || value.length > 120) continue;
      const res = await call('owner', { method: 'GET', url: '/api/v1/users', query: { q: value } });
      expect(res.statusCode, label).toBe(200);
      expect(res.json(), label).toEqual({ data: [], nextCursor: null });
    }
    // Wildcards are escaped too: "%" does not match every user.
    for (const q of ['%', '_', '\\']) {
      const res = await call('owner', { method: 'GET', url: '/api/v1/users', query: { q } });
      expect(res.json<{ data: unknown[] }>().data, q).toEqual([]);
    }
    expect(await snapshotTables(env.deps.db, TABLES)).toEqual(before);
  });
});

interface UserRow {
  id: string;
  name: string;
  email: string;
}

describe('SQL-looking text where it is legitimate data is stored verbatim', () => {
  const names = INJECTION_ENTRIES.filter(
    ([, v]) => verdict({ kind: 'name', max: 100 }, v) === 'accept',
  );
  const passwords = INJECTION_ENTRIES.filter(
    ([, v]) => verdict({ kind: 'password' }, v) === 'accept',
  );
  let created = 0;

  it('has such strings for names and passwords', () => {
    expect(names.map(([l]) => l)).toEqual(expect.arrayContaining(['SQL drop', 'SQL tautology']));
    expect(passwords.map(([l]) => l)).toEqual(
      expect.arrayContaining(['SQL drop', 'SQL tautology', 'HTML script']),
    );
  });

  it.each(names)('a user named %s round-trips exactly', async (_label, name) => {
    const res = await call('owner', {
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: `named-${randomUUID()}@example.test`,
        name,
        password: 'a-long-enough-password',
        role: 'support',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    created += 1;
    const user = res.json<UserRow>();
    expect(user.name).toBe(name);
    const fetched = await call('owner', { method: 'GET', url: `/api/v1/users/${user.id}` });
    expect(fetched.json<UserRow>().name).toBe(name);
    // A literal search finds this user and only names that contain the text: the quote is
    // data, not syntax.
    const found = await call('owner', { method: 'GET', url: '/api/v1/users', query: { q: name } });
    const hits = found.json<{ data: UserRow[] }>().data;
    expect(hits.map((u) => u.id)).toContain(user.id);
    for (const hit of hits) expect(hit.name.toLowerCase()).toContain(name.toLowerCase());

    const renamed = await call('owner', {
      method: 'PATCH',
      url: `/api/v1/users/${target.id}`,
      payload: { name },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json<UserRow>().name).toBe(name);

    const me = await call('owner', { method: 'PATCH', url: '/api/v1/me', payload: { name } });
    expect(me.statusCode).toBe(200);
    expect(me.json<UserRow>().name).toBe(name);

    const token = await call('owner', {
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name, abilities: ['users:read'] },
    });
    expect(token.statusCode).toBe(201);
    expect(token.json<{ token: { name: string } }>().token.name).toBe(name);
  });

  it.each(passwords)('a password that is %s works verbatim', async (_label, password) => {
    const email = `pw-${randomUUID()}@example.test`;
    const res = await call('owner', {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email, name: 'Password Person', password, role: 'support' },
    });
    expect(res.statusCode, res.body).toBe(201);
    created += 1;
    const id = res.json<UserRow>().id;
    const ok = await call('anonymous', {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    // Exactly that string: a shorter or trimmed variant does not log in.
    const near = await call('anonymous', {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: `${password} ` },
    });
    expect(near.statusCode).toBe(401);

    const changed = await call('owner', {
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      payload: { password: `${password}!` },
    });
    expect(changed.statusCode).toBe(200);
    const again = await call('anonymous', {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: `${password}!` },
    });
    expect(again.statusCode).toBe(200);
  });

  it('names: quotes, ampersands and any script are data; markup and control characters are refused', async () => {
    const setName = (name: string): Promise<LightMyRequestResponse> =>
      call('owner', { method: 'PATCH', url: '/api/v1/me', payload: { name } });
    for (const name of [
      "Ni Made O'Brien-Sari",
      'Dewi "Dee" Lestari',
      'José Ñúñez',
      '李小龍',
      'Budi & Sons (CV)',
      'Tom; DROP',
      'x = 1 -- y',
    ]) {
      const res = await setName(name);
      expect(res.statusCode, name).toBe(200);
      expect(res.json<UserRow>().name).toBe(name);
    }
    expect((await setName('  Padded Name  ')).json<UserRow>().name).toBe('Padded Name');
    const before = await snapshotTables(env.deps.db, TABLES);
    for (const name of [
      '<b>Budi</b>',
      'a < b',
      'x>y',
      'tab\there',
      'new\nline',
      'bell\u0007',
      'del\u007f',
      'c1\u0085',
    ]) {
      const res = await setName(name);
      expect(res.statusCode, JSON.stringify(name)).toBe(400);
      expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
        'name',
      ]);
    }
    expect(await snapshotTables(env.deps.db, TABLES)).toEqual(before);
  });

  it('leaves every table in place with the expected row counts', async () => {
    const tables = await publicTables(env.deps.db);
    expect(tables).toEqual(expect.arrayContaining([...TABLES]));
    // The owner, the target and one user per accepted name or password.
    expect(await rowsAsText(env.deps.db, 'users')).toHaveLength(2 + created);
    expect(created).toBe(names.length + passwords.length);
    const stored = (await env.deps.db.select({ name: users.name }).from(users)).map((u) => u.name);
    for (const [, name] of names) expect(stored).toContain(name);
  });
});

describe('the whole file', () => {
  it('never got a 5xx', () => {
    expect(statuses.length).toBeGreaterThan(cases.length);
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
  });
});
