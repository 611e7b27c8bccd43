import { LoginError, RouterPool, type RouterPoolOptions } from '@jaring/routeros';
import type { RouterTestResult } from '@jaring/contracts';
import { DomainError } from '../../lib/errors.ts';

/**
 * Connects, logs in and reads identity and resource: what "Test connection" shows. Failures
 * become typed domain errors an operator can act on (wrong password vs unreachable).
 */
export async function probeRouter(
  options: Omit<RouterPoolOptions, 'name'>,
  name: string,
): Promise<RouterTestResult> {
  // A throwaway pool: probing unsaved settings must not disturb the shared pool of the router.
  const pool = new RouterPool({
    ...options,
    name,
    size: 1,
    breaker: false,
    healthCheckMs: 0,
    connectTimeoutMs: options.connectTimeoutMs ?? 5000,
    reconnect: false,
  });
  const started = performance.now();
  try {
    const [identity, resource] = await Promise.all([
      pool.exec('/system/identity/print', { timeoutMs: 10_000 }),
      pool.exec('/system/resource/print', { timeoutMs: 10_000 }),
    ]);
    const r = resource.rows[0] ?? {};
    return {
      ok: true,
      latencyMs: Math.round(performance.now() - started),
      identity: identity.rows[0]?.name ?? null,
      version: r.version ?? null,
      board: r['board-name'] ?? null,
      uptime: r.uptime ?? null,
      address: null,
      error: null,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof LoginError) {
      throw new DomainError('router_auth_failed', `The router refused the login: ${message}`);
    }
    throw new DomainError('router_unreachable', `Could not reach the router: ${message}`);
  } finally {
    await pool.close();
  }
}
