import type { AuditLog, Page, User } from '@jaring/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';

let env: TestEnv;
let owner: Agent;
let admin: Agent;
let ipCounter = 0;

/** Logins from distinct addresses so the per-IP login throttle never interferes. */
function nextIp(): string {
  ipCounter += 1;
  return `192.0.2.${ipCounter}`;
}

beforeAll(async () => {
  env = await createTestEnv();
  const o = await env.createUser('owner', { email: 'the-owner@example.test' });
  owner = await env.login(o.email, o.password, nextIp());
  const a = await env.createUser('admin', { email: 'the-admin@example.test' });
  admin = await env.login(a.email, a.password, nextIp());
});

afterAll(async () => {
  await env.close();
});

async function createViaApi(
  as: Agent,
  fields: { email?: string; name?: string; role?: User['role']; password?: string } = {},
): Promise<User & { password: string }> {
  const password = fields.password ?? `pw-${randomUUID()}`;
  const res = await as.request({
    method: 'POST',
    url: '/api/v1/users',
    payload: {
      email: fields.email ?? `user-${randomUUID()}@example.test`,
      name: fields.name ?? 'Some Person',
      role: fields.role ?? 'support',
      password,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { ...res.json<User>(), password };
}

async function auditFor(query: Record<string, string>): Promise<AuditLog[]> {
  const res = await owner.request({ method: 'GET', url: '/api/v1/audit-logs', query });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page<AuditLog>>().data;
}

function expectNoCredentials(entry: AuditLog): void {
  const text = JSON.stringify([entry.before, entry.after]);
  expect(text).not.toMatch(/password|\$argon2/i);
}

function problemCode(res: LightMyRequestResponse): string {
  expect(res.headers['content-type']).toContain('application/problem+json');
  return res.json<{ code: string }>().code;
}

describe('create', () => {
  it('creates a user with a lowercased email, default locale, and no credential in the answer', async () => {
    const res = await owner.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: '  Mixed.Case@Example.TEST ',
        name: '  Siti Rahayu ',
        password: 'a-long-enough-password',
        role: 'finance',
      },
    });
    expect(res.statusCode).toBe(201);
    const user = res.json<User>();
    expect(user).toMatchObject({
      email: 'mixed.case@example.test',
      name: 'Siti Rahayu',
      role: 'finance',
      locale: 'id',
      disabled: false,
      lockedUntil: null,
      lastLoginAt: null,
    });
    expect(res.body).not.toMatch(/password|argon2/i);

    const [entry, ...more] = await auditFor({
      entityType: 'user',
      entityId: user.id,
      action: 'user.created',
    });
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actorType: 'user',
      actorId: owner.userId,
      actorName: 'the-owner@example.test',
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      before: null,
      after: {
        id: user.id,
        email: 'mixed.case@example.test',
        name: 'Siti Rahayu',
        role: 'finance',
      },
      requestId: res.headers['x-request-id'],
    });
    expect(entry?.ip).toBeTruthy();
    expectNoCredentials(entry!);
  });

  it('refuses a duplicate email, whatever its case, with 409 email_taken', async () => {
    const first = await createViaApi(owner, { email: 'dupe@example.test' });
    const before = await auditFor({ action: 'user.created' });
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: 'DUPE@example.test',
        name: 'Dupe',
        password: 'long-enough-pw',
        role: 'support',
      },
    });
    expect(res.statusCode).toBe(409);
    expect(problemCode(res)).toBe('email_taken');
    expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('email');
    expect(await auditFor({ action: 'user.created' })).toEqual(before);
    const get = await owner.request({ method: 'GET', url: `/api/v1/users/${first.id}` });
    expect(get.json<User>().name).toBe('Some Person');
  });
});

describe('list', () => {
  it('pages with a cursor until nextCursor is null, with no duplicate or missing user', async () => {
    const created = [];
    for (let i = 0; i < 7; i++) {
      created.push(await createViaApi(owner, { name: `Paging Person ${i}`, role: 'reseller' }));
    }
    const seen: User[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await owner.request({
        method: 'GET',
        url: '/api/v1/users',
        query: { limit: '3', role: 'reseller', ...(cursor ? { cursor } : {}) },
      });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<Page<User>>();
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((u) => u.id).sort()).toEqual(created.map((u) => u.id).sort());
    expect(new Set(seen.map((u) => u.id)).size).toBe(7);
    // Newest first.
    expect(seen.map((u) => u.name)).toEqual(created.map((u) => u.name).reverse());

    // Unfiltered, the pages add up to every user there is.
    const all: string[] = [];
    cursor = null;
    do {
      const res = await admin.request({
        method: 'GET',
        url: '/api/v1/users',
        query: { limit: '3', ...(cursor ? { cursor } : {}) },
      });
      const page = res.json<Page<User>>();
      all.push(...page.data.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    const everyone = await owner.request({ method: 'GET', url: '/api/v1/users?limit=200' });
    const ids = everyone.json<Page<User>>().data.map((u) => u.id);
    expect(all).toEqual(ids);
    expect(new Set(all).size).toBe(all.length);
  });

  it('searches by name or email, case-insensitively, and filters by role', async () => {
    const wayan = await createViaApi(owner, {
      name: 'Wayan Sudirta',
      email: 'w.sudirta@bali-net.example',
      role: 'technician',
    });
    const search = async (query: Record<string, string>): Promise<string[]> => {
      const res = await owner.request({ method: 'GET', url: '/api/v1/users', query });
      expect(res.statusCode).toBe(200);
      return res.json<Page<User>>().data.map((u) => u.id);
    };
    expect(await search({ q: 'wayan sud' })).toEqual([wayan.id]);
    expect(await search({ q: 'BALI-NET' })).toEqual([wayan.id]);
    expect(await search({ q: 'wayan', role: 'technician' })).toEqual([wayan.id]);
    expect(await search({ q: 'wayan', role: 'support' })).toEqual([]);
    expect(await search({ q: 'no such person anywhere' })).toEqual([]);
    const resellers = await owner.request({ method: 'GET', url: '/api/v1/users?role=reseller' });
    const roles = resellers.json<Page<User>>().data.map((u) => u.role);
    expect(roles.length).toBeGreaterThan(0);
    expect(new Set(roles)).toEqual(new Set(['reseller']));
  });
});

describe('get and update', () => {
  it('gets a user by id, and 404 for an unknown id', async () => {
    const u = await createViaApi(admin, { name: 'Gettable' });
    const res = await admin.request({ method: 'GET', url: `/api/v1/users/${u.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json<User>()).toMatchObject({ id: u.id, name: 'Gettable', email: u.email });
    const missing = await admin.request({ method: 'GET', url: `/api/v1/users/${randomUUID()}` });
    expect(missing.statusCode).toBe(404);
    expect(problemCode(missing)).toBe('not_found');
  });

  it('updates name, role and locale, and audits before and after', async () => {
    const u = await createViaApi(admin, { name: 'Old Name', role: 'support' });
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      payload: { name: 'New Name', role: 'technician', locale: 'en' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<User>()).toMatchObject({ name: 'New Name', role: 'technician', locale: 'en' });
    const get = await admin.request({ method: 'GET', url: `/api/v1/users/${u.id}` });
    expect(get.json<User>()).toMatchObject({ name: 'New Name', role: 'technician', locale: 'en' });

    const [entry] = await auditFor({ entityId: u.id, action: 'user.updated' });
    expect(entry).toMatchObject({
      actorId: admin.userId,
      entityType: 'user',
      before: { name: 'Old Name', role: 'support', locale: 'id' },
      after: { name: 'New Name', role: 'technician', locale: 'en' },
      requestId: res.headers['x-request-id'],
    });
    expectNoCredentials(entry!);
  });

  it('a new password works, the old one stops, and the user is signed out everywhere', async () => {
    const u = await createViaApi(admin, { role: 'support' });
    const s1 = await env.login(u.email, u.password, nextIp());
    const s2 = await env.login(u.email, u.password, nextIp());
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      payload: { password: 'a-brand-new-password' },
    });
    expect(res.statusCode).toBe(200);
    for (const s of [s1, s2]) {
      expect((await s.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    }
    await expect(env.login(u.email, u.password, nextIp())).rejects.toThrow(/401/);
    await expect(env.login(u.email, 'a-brand-new-password', nextIp())).resolves.toBeDefined();
    // The admin's own session is untouched.
    expect((await admin.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);

    const [entry] = await auditFor({ entityId: u.id, action: 'user.updated.password' });
    expect(entry).toBeDefined();
    expectNoCredentials(entry!);
  });

  it('changing your own password keeps this session and ends your others', async () => {
    const me = await env.createUser('admin');
    const here = await env.login(me.email, me.password, nextIp());
    const elsewhere = await env.login(me.email, me.password, nextIp());
    const res = await here.request({
      method: 'PATCH',
      url: `/api/v1/users/${here.userId}`,
      payload: { password: 'my-new-password-1' },
    });
    expect(res.statusCode).toBe(200);
    expect((await here.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    expect((await elsewhere.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });
});

describe('owner protection', () => {
  it('an admin cannot create, change, promote to, or delete an owner', async () => {
    const ownerRow = await owner.request({ method: 'GET', url: `/api/v1/users/${owner.userId}` });
    const support = await createViaApi(admin, { role: 'support' });
    const attempts = [
      admin.request({
        method: 'POST',
        url: '/api/v1/users',
        payload: {
          email: 'wannabe@example.test',
          name: 'Wannabe',
          password: 'long-enough-pw',
          role: 'owner',
        },
      }),
      admin.request({
        method: 'PATCH',
        url: `/api/v1/users/${owner.userId}`,
        payload: { name: 'Demoted' },
      }),
      admin.request({
        method: 'PATCH',
        url: `/api/v1/users/${owner.userId}`,
        payload: { disabled: true },
      }),
      admin.request({
        method: 'PATCH',
        url: `/api/v1/users/${support.id}`,
        payload: { role: 'owner' },
      }),
      admin.request({ method: 'DELETE', url: `/api/v1/users/${owner.userId}` }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode, res.body).toBe(403);
      expect(problemCode(res)).toBe('forbidden');
    }
    const after = await owner.request({ method: 'GET', url: `/api/v1/users/${owner.userId}` });
    expect(after.json()).toEqual(ownerRow.json());
    expect(
      (await owner.request({ method: 'GET', url: `/api/v1/users/${support.id}` })).json<User>()
        .role,
    ).toBe('support');
    const search = await owner.request({ method: 'GET', url: '/api/v1/users?q=wannabe' });
    expect(search.json<Page<User>>().data).toEqual([]);
  });

  it('the last active owner cannot be demoted, disabled or deleted', async () => {
    for (const payload of [{ role: 'admin' }, { disabled: true }]) {
      const res = await owner.request({
        method: 'PATCH',
        url: `/api/v1/users/${owner.userId}`,
        payload,
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(problemCode(res)).toBe('last_owner');
    }
    const del = await owner.request({ method: 'DELETE', url: `/api/v1/users/${owner.userId}` });
    expect(del.statusCode).toBe(409);

    // A disabled second owner does not count as a remaining owner.
    const second = await createViaApi(owner, { role: 'owner' });
    const disable = await owner.request({
      method: 'PATCH',
      url: `/api/v1/users/${second.id}`,
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    const demote = await owner.request({
      method: 'PATCH',
      url: `/api/v1/users/${owner.userId}`,
      payload: { role: 'admin' },
    });
    expect(demote.statusCode).toBe(409);
    expect(problemCode(demote)).toBe('last_owner');

    // With another active owner, an owner can be demoted and deleted.
    const enable = await owner.request({
      method: 'PATCH',
      url: `/api/v1/users/${second.id}`,
      payload: { disabled: false },
    });
    expect(enable.json<User>().disabled).toBe(false);
    const demoteOther = await owner.request({
      method: 'PATCH',
      url: `/api/v1/users/${second.id}`,
      payload: { role: 'admin' },
    });
    expect(demoteOther.statusCode).toBe(200);
    const promote = await owner.request({
      method: 'PATCH',
      url: `/api/v1/users/${second.id}`,
      payload: { role: 'owner' },
    });
    expect(promote.statusCode).toBe(200);
    const remove = await owner.request({ method: 'DELETE', url: `/api/v1/users/${second.id}` });
    expect(remove.statusCode).toBe(204);
    const me = await owner.request({ method: 'GET', url: `/api/v1/users/${owner.userId}` });
    expect(me.json<User>()).toMatchObject({ role: 'owner', disabled: false });
  });

  it('nobody can delete their own account', async () => {
    const res = await admin.request({ method: 'DELETE', url: `/api/v1/users/${admin.userId}` });
    expect(res.statusCode).toBe(409);
    expect(problemCode(res)).toBe('conflict');
    expect((await admin.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
  });
});

describe('delete', () => {
  it('deletes (204), then 404; the user is signed out and the deletion audited', async () => {
    const u = await createViaApi(admin, { name: 'Leaving Soon', role: 'technician' });
    const session = await env.login(u.email, u.password, nextIp());
    const del = await admin.request({ method: 'DELETE', url: `/api/v1/users/${u.id}` });
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    expect((await admin.request({ method: 'GET', url: `/api/v1/users/${u.id}` })).statusCode).toBe(
      404,
    );
    const again = await admin.request({ method: 'DELETE', url: `/api/v1/users/${u.id}` });
    expect(again.statusCode).toBe(404);
    expect((await session.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);

    const [entry, ...rest] = await auditFor({ entityId: u.id, action: 'user.deleted' });
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      actorId: admin.userId,
      before: { id: u.id, name: 'Leaving Soon', role: 'technician' },
      after: null,
    });
    expectNoCredentials(entry!);
  });
});

describe('audit log', () => {
  it('filters by entity, actor and action', async () => {
    const u = await createViaApi(admin, { name: 'Audited' });
    await admin.request({ method: 'PATCH', url: `/api/v1/users/${u.id}`, payload: { name: 'A2' } });
    await owner.request({ method: 'PATCH', url: `/api/v1/users/${u.id}`, payload: { name: 'A3' } });

    const forEntity = await auditFor({ entityType: 'user', entityId: u.id });
    expect(forEntity.map((e) => e.action)).toEqual([
      'user.updated',
      'user.updated',
      'user.created',
    ]);
    expect(forEntity.map((e) => e.actorId)).toEqual([owner.userId, admin.userId, admin.userId]);

    const byOwner = await auditFor({ entityId: u.id, actorId: owner.userId });
    expect(byOwner).toHaveLength(1);
    expect(byOwner[0]?.after).toMatchObject({ name: 'A3' });

    const byAdmin = await auditFor({ actorId: admin.userId, limit: '200' });
    expect(byAdmin.length).toBeGreaterThan(3);
    expect(new Set(byAdmin.map((e) => e.actorId))).toEqual(new Set([admin.userId]));

    const deletions = await auditFor({ action: 'user.deleted' });
    expect(deletions.length).toBeGreaterThan(0);
    expect(new Set(deletions.map((e) => e.action))).toEqual(new Set(['user.deleted']));
    expect(await auditFor({ entityType: 'no-such-entity' })).toEqual([]);
  });

  it('pages with a cursor, newest first, with no gap or duplicate, and never holds a credential', async () => {
    const everything = await auditFor({ limit: '200' });
    expect(everything.length).toBeGreaterThan(10);
    const paged: AuditLog[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await owner.request({
        method: 'GET',
        url: '/api/v1/audit-logs',
        query: { limit: '4', ...(cursor ? { cursor } : {}) },
      });
      expect(res.statusCode).toBe(200);
      const page = res.json<Page<AuditLog>>();
      expect(page.data.length).toBeLessThanOrEqual(4);
      paged.push(...page.data);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 100);
    // Reading the log writes nothing to it, so both views hold the same entries.
    expect(paged.map((e) => e.id)).toEqual(everything.map((e) => e.id));
    const ids = paged.map((e) => BigInt(e.id));
    for (let i = 1; i < ids.length; i++) expect(ids[i]! < ids[i - 1]!).toBe(true);
    for (const entry of paged) expectNoCredentials(entry);
  });
});
