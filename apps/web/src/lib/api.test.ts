import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { api, ApiError, setCsrfToken, setUnauthenticatedHandler } from './api';

interface Call {
  url: string;
  init: RequestInit;
}

function problem(status: number, code: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, code }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

let calls: Call[];
let replies: Response[];

beforeEach(() => {
  calls = [];
  replies = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = replies.shift();
    if (!next) throw new Error(`unexpected fetch ${url}`);
    return next;
  });
  setCsrfToken('csrf-1');
});

afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthenticatedHandler(null);
  setCsrfToken(null);
});

function header(call: Call | undefined, name: string): string | undefined {
  return (call?.init.headers as Record<string, string> | undefined)?.[name];
}

describe('api client', () => {
  test('sends the CSRF token on unsafe methods only, and builds query strings', async () => {
    replies.push(json({ data: [] }), json({ id: 'u1' }, 201));
    await api.get('/users', { q: 'siti', role: '', cursor: undefined, limit: 25 });
    await api.post('/users', { name: 'x' });
    expect(calls[0]?.url).toBe('/api/v1/users?q=siti&limit=25');
    expect(header(calls[0], 'x-csrf-token')).toBeUndefined();
    expect(header(calls[1], 'x-csrf-token')).toBe('csrf-1');
    expect(calls[1]?.init.credentials).toBe('same-origin');
  });

  test('turns problem+json into a typed error with Retry-After', async () => {
    replies.push(problem(423, 'account_locked', { 'retry-after': '600' }));
    const error = await api.post('/auth/login', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('account_locked');
    expect((error as ApiError).retryAfter).toBe(600);
  });

  test('reports an unauthenticated answer to the handler', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    replies.push(problem(401, 'unauthenticated'));
    await expect(api.get('/users')).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledOnce();
  });

  test('refreshes a stale CSRF token once and retries', async () => {
    replies.push(problem(403, 'csrf_token_invalid'), json({ csrfToken: 'csrf-2' }), json({}, 200));
    await api.patch('/me', { name: 'x' });
    expect(calls.map((call) => call.init.method)).toEqual(['PATCH', 'GET', 'PATCH']);
    expect(header(calls[2], 'x-csrf-token')).toBe('csrf-2');
  });

  test('a non-JSON failure still becomes an ApiError', async () => {
    replies.push(new Response('bad gateway', { status: 502, statusText: 'Bad Gateway' }));
    const error = (await api.get('/me').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.code).toBe('internal_error');
  });
});
