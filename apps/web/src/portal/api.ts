import { toApiError } from '../lib/api';

/**
 * The portal's own client: its cookie, CSRF token and "signed out" handling are the customer's,
 * never the staff session's (lib/api.ts), so a staff member testing the portal in the same
 * browser cannot mix the two.
 */
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

let csrfToken: string | null = null;
let onSignedOut: (() => void) | null = null;

export function setPortalCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a portal request answers 401: the session is gone. */
export function setPortalSignedOutHandler(handler: (() => void) | null): void {
  onSignedOut = handler;
}

export const PORTAL_API = '/api/v1/portal';

async function send(method: Method, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  return fetch(`${PORTAL_API}${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('GET', '/me', undefined);
  if (!response.ok) return false;
  csrfToken = ((await response.json()) as { csrfToken?: string }).csrfToken ?? null;
  return csrfToken !== null;
}

export async function portalRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response = await send(method, path, body);
  let error = response.ok ? null : await toApiError(response);
  // The token follows the session: after signing in again in another tab, fetch it once more.
  if (error?.code === 'csrf_token_invalid' && method !== 'GET' && (await refreshCsrfToken())) {
    response = await send(method, path, body);
    error = response.ok ? null : await toApiError(response);
  }
  if (error) {
    if (error.status === 401 && error.code === 'unauthenticated') onSignedOut?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export function pdfUrl(invoiceId: string, lang: string): string {
  return `${PORTAL_API}/invoices/${encodeURIComponent(invoiceId)}/pdf?lang=${lang}`;
}
