/**
 * One NBI client per ACS server per process: it owns the keep-alive connections and the
 * circuit breaker of that ACS, so every caller in the process sees the same breaker. Calls are
 * attributed to the operation that made them (a sync, a customer's WiFi change) through async
 * context, and written to the integration log by that operation.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  createGenieAcsClient,
  type AcsCallEvent,
  type BreakerState,
  type GenieAcsClient,
} from '@jaring/genieacs';
import type { Executor } from '../../db/database.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { insertIntegrationLog } from '../integration-log/queries.ts';

export const ACS_PASSWORD_CONTEXT = 'acs_servers.password';

/** What a client is built from; a change of any of these makes a new client (and breaker). */
export interface AcsConnection {
  id: string;
  baseUrl: string;
  username: string | null;
  passwordEnc: string | null;
  timeoutMs: number;
}

interface Entry {
  client: GenieAcsClient;
  fingerprint: string;
}

const registries = new WeakMap<AppDeps, Map<string, Entry>>();
const scope = new AsyncLocalStorage<AcsCallEvent[]>();

function registry(deps: AppDeps): Map<string, Entry> {
  let map = registries.get(deps);
  if (!map) {
    map = new Map();
    registries.set(deps, map);
  }
  return map;
}

function record(event: AcsCallEvent): void {
  scope.getStore()?.push(event);
}

/** A client for an unsaved connection (test before saving): its own breaker, closed after use. */
export function oneOffClient(c: {
  baseUrl: string;
  username: string | null;
  password: string | null;
  timeoutMs: number;
}): GenieAcsClient {
  return createGenieAcsClient({
    baseUrl: c.baseUrl,
    ...(c.username ? { username: c.username } : {}),
    ...(c.password ? { password: c.password } : {}),
    timeoutMs: c.timeoutMs,
    retry: { attempts: 1 },
    observer: record,
  });
}

export function acsClientFor(deps: AppDeps, c: AcsConnection): GenieAcsClient {
  const map = registry(deps);
  const fingerprint = JSON.stringify([c.baseUrl, c.username, c.passwordEnc, c.timeoutMs]);
  const known = map.get(c.id);
  if (known && known.fingerprint === fingerprint) return known.client;
  known?.client.close();
  const password = c.passwordEnc
    ? deps.secretBox.decrypt(c.passwordEnc, ACS_PASSWORD_CONTEXT)
    : undefined;
  const client = createGenieAcsClient({
    baseUrl: c.baseUrl,
    ...(c.username ? { username: c.username } : {}),
    ...(password ? { password } : {}),
    timeoutMs: c.timeoutMs,
    observer: record,
    onBreakerChange: (state) => {
      deps.logger.warn({ acsServerId: c.id, state }, 'ACS circuit breaker changed');
    },
  });
  map.set(c.id, { client, fingerprint });
  return client;
}

/** This process's breaker for the server; null before it has called that ACS. */
export function breakerStateOf(deps: AppDeps, acsServerId: string): BreakerState | null {
  return registries.get(deps)?.get(acsServerId)?.client.breakerState ?? null;
}

/** Forgets the client (server deleted, or a test standing in for the breaker's reset time). */
export function dropAcsClient(deps: AppDeps, acsServerId: string): void {
  const map = registries.get(deps);
  map?.get(acsServerId)?.client.close();
  map?.delete(acsServerId);
}

/** Runs `fn` collecting every NBI call it makes (including calls that threw). */
export async function collectAcsCalls<T>(
  fn: () => Promise<T>,
): Promise<{ calls: AcsCallEvent[]; result: T } | { calls: AcsCallEvent[]; error: unknown }> {
  const calls: AcsCallEvent[] = [];
  try {
    const result = await scope.run(calls, fn);
    return { calls, result };
  } catch (error) {
    return { calls, error };
  }
}

export interface AcsCallOwner {
  acsServerName: string;
  operation: string;
  customerId?: string | null;
  subscriptionId?: string | null;
  requestId?: string | null;
}

/**
 * Writes NBI calls to the integration log beside router and gateway calls. Only method and
 * path are kept (never the query, a body or a header), so no credential or WiFi password can
 * reach the log.
 */
export async function logAcsCalls(
  db: Executor,
  calls: readonly AcsCallEvent[],
  owner: AcsCallOwner,
): Promise<void> {
  if (calls.length === 0) return;
  await insertIntegrationLog(
    db,
    calls.map((c) => ({
      system: 'genieacs',
      customerId: owner.customerId ?? null,
      subscriptionId: owner.subscriptionId ?? null,
      operation: `${owner.operation} ${c.method} ${c.path.split('?')[0] ?? ''}`.slice(0, 200),
      ok: c.error === undefined && c.status !== null && c.status < 400,
      latencyMs: Math.round(c.durationMs),
      detail: [
        `${owner.acsServerName}`,
        c.status === null ? null : `HTTP ${c.status}`,
        c.attempt > 1 ? `attempt ${c.attempt}` : null,
        c.breaker === 'closed' ? null : `breaker ${c.breaker}`,
      ]
        .filter(Boolean)
        .join(' · ')
        .slice(0, 500),
      error: c.error?.slice(0, 500) ?? null,
      requestId: owner.requestId ?? null,
    })),
  );
}

/** Writes a task's outcome to the integration log: it shows on the customer's timeline. */
export async function logTaskOutcome(
  db: Executor,
  entry: {
    customerId: string | null;
    subscriptionId: string | null;
    operation: string;
    ok: boolean;
    detail: string | null;
    error: string | null;
    requestId?: string | null;
  },
): Promise<void> {
  await insertIntegrationLog(db, [
    {
      system: 'genieacs',
      customerId: entry.customerId,
      subscriptionId: entry.subscriptionId,
      operation: entry.operation.slice(0, 200),
      ok: entry.ok,
      latencyMs: 0,
      detail: entry.detail?.slice(0, 500) ?? null,
      error: entry.error?.slice(0, 500) ?? null,
      requestId: entry.requestId ?? null,
    },
  ]);
}
