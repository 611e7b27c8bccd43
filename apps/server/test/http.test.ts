import type { LightMyRequestResponse } from 'fastify';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SPA_HTML = '<!doctype html><html><head><title>Jaring SPA marker</title></head></html>';

let env: TestEnv;
let webDir: string;
let owner: Agent;

beforeAll(async () => {
  webDir = await mkdtemp(join(tmpdir(), 'jaring-http-web-'));
  await mkdir(join(webDir, 'assets'));
  await writeFile(join(webDir, 'index.html'), SPA_HTML);
  await writeFile(join(webDir, 'assets', 'app-1234.js'), 'console.log("app");');
  env = await createTestEnv({ env: { WEB_DIST_DIR: webDir } });
  owner = await env.agentFor('owner');
});

afterAll(async () => {
  await env.close();
  await rm(webDir, { recursive: true, force: true });
});

function expectProblem(res: LightMyRequestResponse, status: number, code: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<{ status: number; code: string; title: unknown }>();
  expect(body).toMatchObject({ status, code });
  expect(typeof body.title).toBe('string');
}

async function mintToken(abilities: string[]): Promise<string> {
  const res = await owner.request({
    method: 'POST',
    url: '/api/v1/tokens',
    payload: { name: 'http-test', abilities },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ plainTextToken: string }>().plainTextToken;
}

describe('health', () => {
  it('/healthz answers 200 without authentication', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 with a check per backing service', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ status: string; checks: Record<string, string> }>();
    expect(body.status).toBe('ready');
    expect(body.checks.database).toBe('ok');
    if (env.deps.redis) expect(body.checks.redis).toBe('ok');
    expect(Object.values(body.checks).every((c) => c === 'ok')).toBe(true);
  });
});

describe('API description', () => {
  it('/openapi.json is OpenAPI 3 and lists every /api/v1 route', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    const apiRoutes = env.routes.filter((r) => r.url.startsWith('/api/v1/'));
    expect(apiRoutes.length).toBeGreaterThanOrEqual(15);
    const missing = apiRoutes
      .map((r) => ({ method: r.method.toLowerCase(), path: r.url.replace(/:(\w+)/g, '{$1}') }))
      .filter(({ method, path }) => doc.paths[path]?.[method] === undefined)
      .map(({ method, path }) => `${method} ${path}`);
    expect(missing).toEqual([]);
  });

  it('/docs serves the HTML API browser', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body.toLowerCase()).toContain('<html');
  });
});

describe('headers', () => {
  it('API responses carry the security headers and no x-powered-by', async () => {
    for (const res of [
      await owner.request({ method: 'GET', url: '/api/v1/me' }),
      await env.app.inject({ method: 'GET', url: '/api/v1/users' }),
    ]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBeDefined();
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
      // Plain-HTTP APP_URL: no HSTS that would lock LAN users out.
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('gives every response a request id, keeps a well-formed incoming one, replaces a bad one', async () => {
    const fresh = await env.app.inject({ method: 'GET', url: '/healthz' });
    expect(String(fresh.headers['x-request-id'])).toMatch(UUID);

    const kept = await env.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { 'x-request-id': 'proxy-req-0001.abc_DEF' },
    });
    expect(kept.headers['x-request-id']).toBe('proxy-req-0001.abc_DEF');
    // The problem body names the same id, so a report can be matched to the logs.
    expect(kept.json<{ requestId: string }>().requestId).toBe('proxy-req-0001.abc_DEF');
    expect(env.logs.some((l) => l.includes('proxy-req-0001.abc_DEF'))).toBe(true);

    for (const bad of ['short', 'has spaces in it', '<script>alert(1)</script>', 'x'.repeat(65)]) {
      const res = await env.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-request-id': bad },
      });
      expect(String(res.headers['x-request-id'])).toMatch(UUID);
    }
  });
});

describe('not found', () => {
  it('an unknown /api path is a 404 problem, for any method', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await owner.request({ method, url: '/api/v1/does-not-exist' });
      expectProblem(res, 404, 'not_found');
    }
    expectProblem(await env.app.inject({ method: 'GET', url: '/api/v2/users' }), 404, 'not_found');
  });
});

describe('/metrics', () => {
  it('is refused anonymously, and to a token without metrics:read', async () => {
    expectProblem(await env.app.inject({ method: 'GET', url: '/metrics' }), 401, 'unauthenticated');
    const token = await mintToken(['users:read']);
    expectProblem(
      await env.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${token}` },
      }),
      403,
      'forbidden',
    );
  });

  it('serves Prometheus text to a token with metrics:read', async () => {
    await env.app.inject({ method: 'GET', url: '/healthz' });
    const token = await mintToken(['metrics:read']);
    const res = await env.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('# TYPE jaring_http_request_duration_seconds histogram');
    // Labelled by route pattern, never by raw URL.
    expect(res.body).toMatch(
      /jaring_http_request_duration_seconds_count\{[^}]*route="\/healthz"[^}]*\} \d+/,
    );
    expect(res.body).not.toMatch(/route="\/api\/v1\/users\/[0-9a-f]{8}-/);
  });
});

describe('SPA', () => {
  it('serves index.html for client-side routes', async () => {
    for (const url of ['/some/client/route', '/users/123', '/']) {
      const res = await env.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toBe(SPA_HTML);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    }
  });

  it('serves hashed assets with a long cache and 404s missing ones as problems', async () => {
    const asset = await env.app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toContain('console.log');
    expect(asset.headers['cache-control']).toContain('immutable');
    expectProblem(
      await env.app.inject({ method: 'GET', url: '/assets/missing.js' }),
      404,
      'not_found',
    );
  });

  it('never answers an API path with the SPA', async () => {
    expectProblem(await env.app.inject({ method: 'GET', url: '/api/v1/nope' }), 404, 'not_found');
    expectProblem(
      await env.app.inject({ method: 'POST', url: '/some/client/route', payload: {} }),
      404,
      'not_found',
    );
  });
});

describe('ADMIN_ALLOWED_IPS', () => {
  let limited: TestEnv;
  let agent: Agent;

  beforeAll(async () => {
    limited = await createTestEnv({ env: { ADMIN_ALLOWED_IPS: '10.0.0.0/8,192.0.2.5' } });
    const u = await limited.createUser('admin');
    agent = await limited.login(u.email, u.password, '10.1.2.3');
  });

  afterAll(async () => {
    await limited.close();
  });

  it('refuses staff routes from other addresses with 403 ip_not_allowed, even when signed in', async () => {
    for (const remoteAddress of ['127.0.0.1', '192.0.2.6', '11.0.0.1', '::1']) {
      const res = await agent.request({ method: 'GET', url: '/api/v1/me', remoteAddress });
      expectProblem(res, 403, 'ip_not_allowed');
    }
    // Anonymous callers and logins are refused just the same.
    expectProblem(
      await limited.app.inject({ method: 'GET', url: '/api/v1/users', remoteAddress: '127.0.0.1' }),
      403,
      'ip_not_allowed',
    );
    await expect(limited.login('x@example.test', 'whatever-pw', '127.0.0.1')).rejects.toThrow(
      /403/,
    );
    expectProblem(
      await limited.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' }),
      403,
      'ip_not_allowed',
    );
  });

  it('does not trust X-Forwarded-For from a client when no proxy is configured', async () => {
    const res = await agent.request({
      method: 'GET',
      url: '/api/v1/me',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '10.1.2.3' },
    });
    expectProblem(res, 403, 'ip_not_allowed');
  });

  it('lets listed addresses and ranges through as normal', async () => {
    for (const remoteAddress of ['10.1.2.3', '10.255.255.254', '192.0.2.5', '::ffff:10.9.8.7']) {
      const res = await agent.request({ method: 'GET', url: '/api/v1/me', remoteAddress });
      expect(res.statusCode, `${remoteAddress}: ${res.body}`).toBe(200);
    }
    // Allowed addresses still need to authenticate.
    expectProblem(
      await limited.app.inject({ method: 'GET', url: '/api/v1/me', remoteAddress: '192.0.2.5' }),
      401,
      'unauthenticated',
    );
  });

  it('leaves /healthz and /readyz reachable from anywhere', async () => {
    for (const url of ['/healthz', '/readyz']) {
      const res = await limited.app.inject({ method: 'GET', url, remoteAddress: '127.0.0.1' });
      expect(res.statusCode, url).toBe(200);
    }
  });
});
