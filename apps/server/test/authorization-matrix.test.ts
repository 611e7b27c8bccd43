import { ROLE_ABILITIES, ROLES, type Ability, type Role } from '@jaring/contracts';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGuarded, type DeclaredRoute } from '../src/http/route-registry.ts';
import { createTestEnv, type Agent } from './support/env.ts';

/**
 * Every declared route x every caller: each role's session, anonymous, and an owner's API token
 * with and without the route's ability. The route list comes from the app itself, so a route
 * added later is covered (and must declare an ability) without touching this file.
 */

// A web build of our own keeps the static routes in the list stable, whatever apps/web holds.
const webDir = await mkdtemp(join(tmpdir(), 'jaring-matrix-web-'));
await mkdir(join(webDir, 'assets'));
await writeFile(join(webDir, 'index.html'), '<!doctype html><title>matrix</title>');
await writeFile(join(webDir, 'assets', 'app.js'), 'console.log(1);');
const env = await createTestEnv({ env: { WEB_DIST_DIR: webDir } });

type Caller =
  | { name: string; kind: 'role'; role: Role }
  | { name: string; kind: 'anonymous' | 'token-with' | 'token-without' };

const CALLERS: Caller[] = [
  ...ROLES.map((role) => ({ name: role, kind: 'role' as const, role })),
  { name: 'anonymous', kind: 'anonymous' },
  { name: 'token with the ability', kind: 'token-with' },
  { name: 'token without the ability', kind: 'token-without' },
];

type Expected = 'allowed' | 'unsigned' | 401 | 403;

function isOpen(route: DeclaredRoute): boolean {
  return route.public || !isGuarded(route.url);
}

function expectedFor(route: DeclaredRoute, caller: Caller): Expected {
  // Customer portal routes: no staff session or API token is a customer session.
  if (route.customer) return 401;
  // Gateway webhooks are open to anyone, and the signature decides: an empty body is refused.
  if (route.url.startsWith('/api/v1/webhooks/')) return 'unsigned';
  if (isOpen(route)) return 'allowed';
  const ability = route.ability as Ability;
  switch (caller.kind) {
    case 'anonymous':
      return 401;
    case 'role':
      return ROLE_ABILITIES[caller.role].includes(ability) ? 'allowed' : 403;
    case 'token-with':
      return 'allowed';
    case 'token-without':
      return 403;
  }
}

/** A request that, when allowed, cannot succeed as a domain 403: unknown ids, empty bodies. */
function requestFor(route: DeclaredRoute): InjectOptions {
  const url = route.url.replace(/:[A-Za-z0-9_]+/g, () => randomUUID()).replace(/\*$/, 'index.html');
  const withBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
  return {
    method: route.method,
    url,
    ...(withBody ? { payload: {} } : {}),
  };
}

const guardedAbilities = [
  ...new Set(env.routes.filter((r) => !isOpen(r)).map((r) => r.ability as Ability)),
];
const users = new Map<Role, { email: string; password: string }>();
const agents = new Map<Role, Agent>();
const tokensWith = new Map<Ability, string>();
const tokensWithout = new Map<Ability, string>();
let ipCounter = 0;
/** Every login and request gets its own address, so no per-IP rate limit trips in the matrix. */
function nextIp(): string {
  ipCounter += 1;
  return `198.18.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

beforeAll(async () => {
  for (const role of ROLES) {
    const u = await env.createUser(role);
    users.set(role, u);
    agents.set(role, await env.login(u.email, u.password, nextIp()));
  }
  let owner = agents.get('owner')!;
  let minted = 0;
  const allAbilities = ROLE_ABILITIES.owner;
  async function mint(abilities: readonly Ability[]): Promise<string> {
    // Two tokens per ability outgrow one user's limit of 50 tokens: spread them over owners.
    if (minted > 0 && minted % 40 === 0) {
      const u = await env.createUser('owner');
      owner = await env.login(u.email, u.password, nextIp());
    }
    minted += 1;
    const res = await owner.request({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'matrix', abilities },
      remoteAddress: nextIp(),
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ plainTextToken: string }>().plainTextToken;
  }
  for (const ability of guardedAbilities) {
    tokensWith.set(ability, await mint([ability]));
    tokensWithout.set(ability, await mint(allAbilities.filter((a) => a !== ability)));
  }
});

afterAll(async () => {
  await env.close();
  await rm(webDir, { recursive: true, force: true });
});

async function send(route: DeclaredRoute, caller: Caller): Promise<LightMyRequestResponse> {
  const opts = requestFor(route);
  const tokenAbility: Ability = route.ability ?? 'profile:read';
  switch (caller.kind) {
    case 'role': {
      if (route.method === 'POST' && route.url === '/api/v1/auth/logout') {
        // Logout ends the session it is called with: use a throwaway one.
        const u = users.get(caller.role)!;
        const throwaway = await env.login(u.email, u.password, nextIp());
        return throwaway.request({ ...opts, remoteAddress: nextIp() });
      }
      return agents.get(caller.role)!.request({ ...opts, remoteAddress: nextIp() });
    }
    case 'anonymous':
      return env.app.inject({ ...opts, remoteAddress: nextIp() });
    case 'token-with':
    case 'token-without': {
      const token = (caller.kind === 'token-with' ? tokensWith : tokensWithout).get(tokenAbility);
      if (!token) throw new Error(`no token for ${tokenAbility}`);
      return env.app.inject({
        ...opts,
        remoteAddress: nextIp(),
        headers: { authorization: `Bearer ${token}` },
      });
    }
  }
}

describe('route declarations', () => {
  it('every guarded route (/api/*, /metrics) declares exactly one of an ability or public', () => {
    const guarded = env.routes.filter((r) => isGuarded(r.url));
    const undeclared = guarded.filter((r) => !r.ability && !r.public);
    const both = guarded.filter((r) => r.ability && r.public);
    expect(undeclared).toEqual([]);
    expect(both).toEqual([]);
  });

  it('the route list holds the whole known API surface', () => {
    const keys = new Set(env.routes.map((r) => `${r.method} ${r.url}`));
    for (const key of [
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'GET /api/v1/me',
      'PATCH /api/v1/me',
      'GET /api/v1/sessions',
      'DELETE /api/v1/sessions/:id',
      'GET /api/v1/tokens',
      'POST /api/v1/tokens',
      'DELETE /api/v1/tokens/:id',
      'GET /api/v1/users',
      'POST /api/v1/users',
      'GET /api/v1/users/:id',
      'PATCH /api/v1/users/:id',
      'DELETE /api/v1/users/:id',
      'GET /api/v1/audit-logs',
      'GET /metrics',
      'GET /healthz',
      'GET /readyz',
      'GET /openapi.json',
    ]) {
      expect(keys, key).toContain(key);
    }
    // Every ability a route asks for is one the table knows.
    for (const ability of guardedAbilities) expect(ROLE_ABILITIES.owner).toContain(ability);
  });
});

const checked = new Set<string>();

describe.each(env.routes.map((route) => ({ route, label: `${route.method} ${route.url}` })))(
  '$label',
  ({ route }) => {
    it.each(CALLERS.map((caller) => ({ caller, who: caller.name })))('$who', async ({ caller }) => {
      const expected = expectedFor(route, caller);
      const res = await send(route, caller);
      const context = `${caller.name} -> ${route.method} ${route.url}: ${res.statusCode} ${res.body.slice(0, 200)}`;
      expect(res.statusCode, context).toBeLessThan(500);
      if (expected === 'allowed') {
        expect([401, 403], context).not.toContain(res.statusCode);
      } else if (expected === 'unsigned') {
        // The gateway's own refusal (403 in the shape it expects), whoever the caller is.
        expect(res.statusCode, context).toBe(403);
        expect(res.body, context).not.toContain('forbidden');
      } else {
        expect(res.statusCode, context).toBe(expected);
        expect(res.headers['content-type'], context).toContain('application/problem+json');
        expect(res.json<{ code: string }>().code, context).toBe(
          expected === 401 ? 'unauthenticated' : 'forbidden',
        );
      }
      checked.add(`${route.method} ${route.url} ${caller.name}`);
    });
  },
);

describe('coverage', () => {
  it('checked every route against every caller', () => {
    expect(env.routes.length).toBeGreaterThanOrEqual(20);
    expect(checked.size).toBe(env.routes.length * CALLERS.length);
  });
});
