import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox, DecryptionError } from '../src/crypto/secret-box.ts';
import { publicTables, rowsAsText } from './support/db-snapshot.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';

/**
 * Credentials go in through the API the way an operator would store them; afterwards neither the
 * raw database nor the logs may hold any of them in plain text (or trivially encoded).
 */

let env: TestEnv;
const secrets: Record<string, string> = {};

function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')];
}

function findLeaks(haystack: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const [name, secret] of Object.entries(secrets)) {
    for (const form of encodings(secret)) {
      if (haystack.some((text) => text.includes(form))) leaks.push(`${name} (${form})`);
    }
  }
  return leaks;
}

beforeAll(async () => {
  env = await createTestEnv();
  const owner = await env.agentFor('owner');
  secrets.password = `Pw-${randomBytes(12).toString('base64url')}-plain`;
  secrets.newPassword = `Pw2-${randomBytes(12).toString('base64url')}-plain`;
  const email = 'secret-keeper@example.test';
  const created = await owner.request({
    method: 'POST',
    url: '/api/v1/users',
    payload: { email, name: 'Secret Keeper', password: secrets.password, role: 'admin' },
  });
  expect(created.statusCode).toBe(201);
  const userId = created.json<{ id: string }>().id;

  const agent: Agent = await env.login(email, secrets.password, '198.51.100.201');
  secrets.sessionCookie = agent.cookie.replace(/^jaring_session=/, '');
  secrets.csrfToken = agent.csrfToken;

  const token = await agent.request({
    method: 'POST',
    url: '/api/v1/tokens',
    payload: { name: 'integration', abilities: ['users:read', 'audit:read'] },
  });
  expect(token.statusCode).toBe(201);
  secrets.apiToken = token.json<{ plainTextToken: string }>().plainTextToken;

  // Use every credential, including a failed login and a password change, so each code path
  // that might log or store it has run.
  const bearer = { authorization: `Bearer ${secrets.apiToken}` };
  expect(
    (await env.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer })).statusCode,
  ).toBe(200);
  expect(
    (await env.app.inject({ method: 'GET', url: '/api/v1/audit-logs', headers: bearer }))
      .statusCode,
  ).toBe(200);
  // A write the token may not do: the denial is logged too.
  expect(
    (
      await env.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: bearer,
        payload: {
          email: 'x@example.test',
          name: 'X',
          password: secrets.password,
          role: 'support',
        },
      })
    ).statusCode,
  ).toBe(403);
  expect((await agent.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
  expect((await agent.request({ method: 'GET', url: '/api/v1/sessions' })).statusCode).toBe(200);
  const wrong = await env.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: 'nobody@example.test', password: secrets.password },
    remoteAddress: '198.51.100.202',
  });
  expect(wrong.statusCode).toBe(401);
  const change = await owner.request({
    method: 'PATCH',
    url: `/api/v1/users/${userId}`,
    payload: { password: secrets.newPassword },
  });
  expect(change.statusCode).toBe(200);
  // The password change ended the session; the token survives it.
  expect((await agent.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  await env.login(email, secrets.newPassword, '198.51.100.203');
});

afterAll(async () => {
  await env.close();
});

describe('credentials at rest', () => {
  it('are nowhere in any row of any table, in plain text or base64/hex', async () => {
    const tables = await publicTables(env.deps.db);
    expect(tables).toEqual(
      expect.arrayContaining(['users', 'sessions', 'api_tokens', 'audit_logs']),
    );
    const rows: string[] = [];
    for (const table of tables) rows.push(...(await rowsAsText(env.deps.db, table)));
    // The scan really saw the data: the user, their sessions, the token and the audit trail.
    const all = rows.join('\n');
    expect(all).toContain('secret-keeper@example.test');
    expect(all).toContain('integration');
    expect(all).toContain('user.updated.password');
    expect(findLeaks(rows)).toEqual([]);
  });
});

describe('credentials in logs', () => {
  it('were logged about (requests happened) but never in the clear', () => {
    expect(env.logs.length).toBeGreaterThan(10);
    expect(env.logs.join('\n')).toContain('/api/v1/auth/login');
    expect(findLeaks(env.logs)).toEqual([]);
  });

  it('redacts Authorization, Cookie and CSRF headers and credential fields wherever they are logged', () => {
    const start = env.logs.length;
    env.deps.logger.info(
      {
        req: {
          headers: {
            authorization: `Bearer ${secrets.apiToken}`,
            cookie: `jaring_session=${secrets.sessionCookie}`,
            'x-csrf-token': secrets.csrfToken,
          },
        },
        res: { headers: { 'set-cookie': `jaring_session=${secrets.sessionCookie}` } },
        headers: { authorization: `Bearer ${secrets.apiToken}` },
        password: secrets.password,
        body: { password: secrets.newPassword, token: secrets.apiToken },
        plainTextToken: secrets.apiToken,
        csrfToken: secrets.csrfToken,
      },
      'redaction probe',
    );
    const lines = env.logs.slice(start);
    expect(lines.join('')).toContain('redaction probe');
    expect(lines.join('')).toContain('[redacted]');
    expect(findLeaks(lines)).toEqual([]);
  });

  it('keeps a bearer token and a session cookie sent with requests out of the logs', async () => {
    const start = env.logs.length;
    const probeToken = `jrg_${randomBytes(30).toString('base64url')}`;
    const probeCookie = randomBytes(32).toString('base64url');
    const res1 = await env.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${secrets.apiToken}`, 'x-request-id': 'probe-request-1' },
    });
    expect(res1.statusCode).toBe(200);
    const res2 = await env.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${probeToken}`, 'x-request-id': 'probe-request-2' },
    });
    expect(res2.statusCode).toBe(401);
    const res3 = await env.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `jaring_session=${probeCookie}`, 'x-request-id': 'probe-request-3' },
    });
    expect(res3.statusCode).toBe(401);
    const lines = env.logs.slice(start);
    for (const id of ['probe-request-1', 'probe-request-2', 'probe-request-3']) {
      expect(lines.some((l) => l.includes(id))).toBe(true);
    }
    const text = lines.join('\n');
    for (const secret of [secrets.apiToken, probeToken, probeCookie]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('secret box (AES-256-GCM at rest)', () => {
  const keyA = randomBytes(32).toString('base64');
  const keyB = randomBytes(32).toString('base64');
  const keyC = randomBytes(32).toString('base64');

  it('round-trips text, including empty and non-ASCII', () => {
    const box = createSecretBox(keyA);
    for (const plain of ['router-password', '', 'kata sandi rahasia ✓ 🔐', 'x'.repeat(10_000)]) {
      expect(box.decrypt(box.encrypt(plain))).toBe(plain);
      expect(box.decrypt(box.encrypt(plain, 'routers.password'), 'routers.password')).toBe(plain);
    }
  });

  it('makes a different ciphertext every time, none containing the plaintext', () => {
    const box = createSecretBox(keyA);
    const plain = 'the-same-secret-every-time';
    const outputs = new Set(Array.from({ length: 20 }, () => box.encrypt(plain)));
    expect(outputs.size).toBe(20);
    for (const out of outputs) {
      expect(out.startsWith(`v1.${box.keyId}.`)).toBe(true);
      expect(out).not.toContain(plain);
      expect(out).not.toContain(Buffer.from(plain).toString('base64url'));
    }
  });

  it('binds the context: a ciphertext moved to another column does not decrypt', () => {
    const box = createSecretBox(keyA);
    const sealed = box.encrypt('s3cret', 'routers.password');
    expect(() => box.decrypt(sealed, 'payment.server_key')).toThrow(DecryptionError);
    expect(() => box.decrypt(sealed)).toThrow(DecryptionError);
    expect(box.decrypt(sealed, 'routers.password')).toBe('s3cret');
  });

  it('detects tampering with the data, the IV, the tag, or the format', () => {
    const box = createSecretBox(keyA);
    const sealed = box.encrypt('do-not-touch');
    const [version, kid, iv, data] = sealed.split('.') as [string, string, string, string];
    const flip = (s: string, at: number): string =>
      s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
    const tampered = [
      [version, kid, iv, flip(data, 0)].join('.'),
      [version, kid, iv, flip(data, data.length - 2)].join('.'),
      [version, kid, flip(iv, 0), data].join('.'),
      [version, kid, iv, data.slice(0, 10)].join('.'),
      [version, kid, iv, data.slice(0, -4)].join('.'),
      ['v2', kid, iv, data].join('.'),
      [version, kid, iv].join('.'),
      'plain text',
      '',
    ];
    for (const t of tampered) expect(() => box.decrypt(t), t).toThrow(DecryptionError);
  });

  it('rotates keys: old ciphertexts decrypt through the previous keys and ask to be re-encrypted', () => {
    const oldBox = createSecretBox(keyA);
    const sealedOld = oldBox.encrypt('legacy', 'ctx');
    const rotated = createSecretBox(keyB, [keyA]);
    expect(rotated.keyId).not.toBe(oldBox.keyId);
    expect(rotated.decrypt(sealedOld, 'ctx')).toBe('legacy');
    expect(rotated.needsRotation(sealedOld)).toBe(true);
    const sealedNew = rotated.encrypt('legacy', 'ctx');
    expect(rotated.needsRotation(sealedNew)).toBe(false);
    expect(sealedNew.split('.')[1]).toBe(rotated.keyId);
    // The old key alone cannot read what the new key wrote.
    expect(() => oldBox.decrypt(sealedNew, 'ctx')).toThrow(/no key with id/);
    // The "base64:" prefix some tools write is accepted and names the same key.
    expect(createSecretBox(`base64:${keyA}`).keyId).toBe(oldBox.keyId);
  });

  it('refuses a ciphertext whose key it does not have, naming the key id', () => {
    const sealed = createSecretBox(keyA).encrypt('x');
    const other = createSecretBox(keyC, [keyB]);
    const kid = sealed.split('.')[1] ?? '';
    expect(() => other.decrypt(sealed)).toThrow(DecryptionError);
    expect(() => other.decrypt(sealed)).toThrow(new RegExp(`no key with id ${kid}`));
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => createSecretBox(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
    expect(() => createSecretBox(keyA, [randomBytes(31).toString('base64')])).toThrow(/32 bytes/);
  });

  it('is the box the app was built with, keyed by APP_KEY', () => {
    const sealed = env.deps.secretBox.encrypt('wired', 'test');
    expect(env.deps.secretBox.decrypt(sealed, 'test')).toBe('wired');
    expect(env.deps.secretBox.needsRotation(sealed)).toBe(false);
  });
});
