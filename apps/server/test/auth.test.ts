import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_POLICY } from '../src/modules/auth/policy.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { createTestEnv, type TestEnv } from './support/env.ts';

const clock = new ManualClock(new Date());
let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv({ clock });
});
afterAll(async () => {
  await env.close();
});

describe('login', () => {
  it('sets an httpOnly SameSite session cookie and returns the user with a CSRF token', async () => {
    const u = await env.createUser('finance');
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: u.email.toUpperCase(), password: u.password },
      remoteAddress: '203.0.113.1',
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'jaring_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const body = res.json<{ user: { role: string; abilities: string[] }; csrfToken: string }>();
    expect(body.user.role).toBe('finance');
    expect(body.user.abilities).toContain('invoices:write');
    expect(body.user.abilities).not.toContain('users:write');
    expect(body.csrfToken.length).toBeGreaterThan(20);

    const me = await env.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `jaring_session=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      email: u.email,
      authMethod: 'session',
      csrfToken: body.csrfToken,
    });
  });

  it('rejects a wrong password or unknown email with the same 401 problem', async () => {
    const u = await env.createUser('support');
    const wrong = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: u.email, password: 'not-the-password' },
      remoteAddress: '203.0.113.2',
    });
    const unknown = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.test', password: 'whatever-it-is' },
      remoteAddress: '203.0.113.2',
    });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'invalid_credentials', status: 401 });
    }
    expect(wrong.json<{ detail: string }>().detail).toBe(unknown.json<{ detail: string }>().detail);
  });

  it('locks the account after repeated failures, even for the right password, until the lock expires', async () => {
    const u = await env.createUser('technician');
    const attempt = (password: string, ip: string): Promise<LightMyRequestResponse> =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: u.email, password },
        remoteAddress: ip,
      });
    for (let i = 1; i < AUTH_POLICY.lockAfterFailures; i++) {
      expect((await attempt('wrong-password-x', `203.0.113.${10 + i}`)).statusCode).toBe(401);
    }
    const locking = await attempt('wrong-password-x', '203.0.113.20');
    expect(locking.statusCode).toBe(423);
    expect(locking.json()).toMatchObject({ code: 'account_locked' });
    expect(Number(locking.headers['retry-after'])).toBeGreaterThan(0);

    const right = await attempt(u.password, '203.0.113.21');
    expect(right.statusCode).toBe(423);

    clock.advance(AUTH_POLICY.lockMs + 1000);
    const after = await attempt(u.password, '203.0.113.22');
    expect(after.statusCode).toBe(200);
  });

  it('an admin can unlock a locked account', async () => {
    const admin = await env.agentFor('admin');
    const u = await env.createUser('support');
    for (let i = 0; i < AUTH_POLICY.lockAfterFailures; i++) {
      await env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: u.email, password: 'wrong-password-y' },
        remoteAddress: `203.0.113.${40 + i}`,
      });
    }
    const locked = await admin.request({ method: 'GET', url: `/api/v1/users/${u.id}` });
    expect(locked.json<{ lockedUntil: string | null }>().lockedUntil).not.toBeNull();
    const unlock = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      payload: { unlock: true },
    });
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json()).toMatchObject({ lockedUntil: null });
    await expect(env.login(u.email, u.password, '203.0.113.50')).resolves.toBeDefined();
  });

  it('rate-limits logins per IP with 429 and Retry-After', async () => {
    const ip = '192.0.2.77';
    let last;
    for (let i = 0; i <= AUTH_POLICY.ipAttempts; i++) {
      last = await env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `someone-${i}@example.test`, password: 'whatever-pass' },
        remoteAddress: ip,
      });
    }
    expect(last?.statusCode).toBe(429);
    expect(last?.json()).toMatchObject({ code: 'rate_limited' });
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is unaffected.
    const other = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'someone@example.test', password: 'whatever-pass' },
      remoteAddress: '192.0.2.78',
    });
    expect(other.statusCode).toBe(401);
  });

  it('does not throttle successful logins from one address (an office behind NAT)', async () => {
    const ip = '192.0.2.90';
    for (let i = 0; i <= AUTH_POLICY.ipAttempts + 2; i++) {
      const u = await env.createUser('support');
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: u.email, password: u.password },
        remoteAddress: ip,
      });
      expect(res.statusCode).toBe(200);
    }
  });

  it('rate-limits logins per account across addresses', async () => {
    const email = 'target-account@example.test';
    let last;
    for (let i = 0; i <= AUTH_POLICY.accountAttempts; i++) {
      last = await env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'guess-number-x' },
        remoteAddress: `10.9.${i}.1`,
      });
    }
    expect(last?.statusCode).toBe(429);
    expect(last?.headers['retry-after']).toBeDefined();
  });

  it('a disabled user cannot log in and their sessions stop working', async () => {
    const admin = await env.agentFor('admin');
    const u = await env.createUser('support');
    const agent = await env.login(u.email, u.password, '203.0.113.60');
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      payload: { disabled: true },
    });
    expect(res.statusCode).toBe(200);
    expect((await agent.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    await expect(env.login(u.email, u.password, '203.0.113.61')).rejects.toThrow(/403/);
  });
});

describe('CSRF', () => {
  it('requires the CSRF token on unsafe requests made with the session cookie', async () => {
    const agent = await env.agentFor('owner');
    const without = await env.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: agent.cookie },
      payload: { name: 'x', abilities: ['users:read'] },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'csrf_token_invalid' });
    const wrong = await env.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: agent.cookie, 'x-csrf-token': 'forged' },
      payload: { name: 'x', abilities: ['users:read'] },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await agent.request({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'x', abilities: ['users:read'] },
    });
    expect(ok.statusCode).toBe(201);
  });
});

describe('logout and sessions', () => {
  it('logout ends the session and clears the cookie', async () => {
    const agent = await env.agentFor('support');
    const out = await agent.request({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'jaring_session')?.value).toBe('');
    expect((await agent.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('lists my sessions, marks the current one, and revokes another', async () => {
    const u = await env.createUser('finance');
    const a = await env.login(u.email, u.password, '203.0.113.70');
    const b = await env.login(u.email, u.password, '203.0.113.71');
    const list = await a.request({ method: 'GET', url: '/api/v1/sessions' });
    expect(list.statusCode).toBe(200);
    const sessions = list.json<{ data: { id: string; current: boolean; ip: string }[] }>().data;
    expect(sessions).toHaveLength(2);
    const other = sessions.find((s) => !s.current);
    expect(other?.ip).toBe('203.0.113.71');
    const del = await a.request({ method: 'DELETE', url: `/api/v1/sessions/${other?.id}` });
    expect(del.statusCode).toBe(204);
    expect((await b.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await a.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
  });

  it('cannot revoke a session of another user', async () => {
    const a = await env.agentFor('admin');
    const b = await env.agentFor('support');
    const theirs = (await b.request({ method: 'GET', url: '/api/v1/sessions' })).json<{
      data: { id: string }[];
    }>().data[0];
    const res = await a.request({ method: 'DELETE', url: `/api/v1/sessions/${theirs?.id}` });
    expect(res.statusCode).toBe(404);
    expect((await b.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
  });

  it('expires a session after the idle timeout', async () => {
    const agent = await env.agentFor('support');
    clock.advance(AUTH_POLICY.sessionIdleMs + 1000);
    expect((await agent.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('is shown once, stored hashed, and works as a Bearer token within its abilities', async () => {
    const agent = await env.agentFor('admin');
    const created = await agent.request({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'monitoring', abilities: ['users:read'] },
    });
    expect(created.statusCode).toBe(201);
    const { plainTextToken, token } = created.json<{
      plainTextToken: string;
      token: { id: string; prefix: string };
    }>();
    expect(plainTextToken.startsWith(token.prefix)).toBe(true);
    const list = await agent.request({ method: 'GET', url: '/api/v1/tokens' });
    expect(list.body).not.toContain(plainTextToken);

    const bearer = { authorization: `Bearer ${plainTextToken}` };
    const users = await env.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer });
    expect(users.statusCode).toBe(200);
    const me = await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer });
    expect(me.statusCode).toBe(403); // profile:read was not granted
    const write = await env.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer,
      payload: { email: 'x@example.test', name: 'X', password: 'long-enough-pw', role: 'support' },
    });
    expect(write.statusCode).toBe(403);

    const revoke = await agent.request({ method: 'DELETE', url: `/api/v1/tokens/${token.id}` });
    expect(revoke.statusCode).toBe(204);
    const after = await env.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer });
    expect(after.statusCode).toBe(401);
  });

  it('cannot grant abilities its owner lacks', async () => {
    const agent = await env.agentFor('support');
    const res = await agent.request({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'escalate', abilities: ['users:write'] },
    });
    expect(res.statusCode).toBe(403);
    const list = await agent.request({ method: 'GET', url: '/api/v1/tokens' });
    expect(list.json<{ data: unknown[] }>().data).toHaveLength(0);
  });

  it('stops working when it expires, and when its owner loses the ability', async () => {
    const agent = await env.agentFor('admin');
    const expiring = await agent.request({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: {
        name: 'short',
        abilities: ['users:read'],
        expiresAt: new Date(clock.now().getTime() + 60_000).toISOString(),
      },
    });
    const t1 = expiring.json<{ plainTextToken: string }>().plainTextToken;
    expect(
      (
        await env.app.inject({
          method: 'GET',
          url: '/api/v1/users',
          headers: { authorization: `Bearer ${t1}` },
        })
      ).statusCode,
    ).toBe(200);
    clock.advance(120_000);
    expect(
      (
        await env.app.inject({
          method: 'GET',
          url: '/api/v1/users',
          headers: { authorization: `Bearer ${t1}` },
        })
      ).statusCode,
    ).toBe(401);

    const owner = await env.agentFor('owner');
    const lasting = await agent.request({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'long', abilities: ['users:read'] },
    });
    const t2 = lasting.json<{ plainTextToken: string }>().plainTextToken;
    const demote = await owner.request({
      method: 'PATCH',
      url: `/api/v1/users/${agent.userId}`,
      payload: { role: 'technician' },
    });
    expect(demote.statusCode).toBe(200);
    expect(
      (
        await env.app.inject({
          method: 'GET',
          url: '/api/v1/users',
          headers: { authorization: `Bearer ${t2}` },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('rejects a malformed Authorization header with 401', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: 'Basic abc' },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('per-route rate limit', () => {
  it('limits token creation bursts with 429 problem+json and Retry-After', async () => {
    const agent = await env.agentFor('owner');
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 21; i++) {
      last = await agent.request({
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { name: `t${i}`, abilities: ['users:read'] },
      });
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(last?.statusCode).toBe(429);
    expect(last?.headers['content-type']).toContain('application/problem+json');
    expect(last?.json()).toMatchObject({ code: 'rate_limited' });
    expect(last?.headers['retry-after']).toBeDefined();
  });
});
