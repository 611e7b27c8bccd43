import type { Executor } from '../../db/database.ts';
import { insertIntegrationLog } from '../integration-log/queries.ts';
import type { GatewayCall } from './adapter.ts';

/**
 * Every call to a gateway goes into the integration log beside router calls, so "why is this
 * customer's payment not showing?" has its answer on the customer's page. Keys travel only in
 * headers, which are never recorded.
 */
export async function logGatewayCalls(
  tx: Executor,
  gateway: string,
  calls: GatewayCall[],
  who: { customerId: string | null; requestId: string | null },
): Promise<void> {
  if (calls.length === 0) return;
  await insertIntegrationLog(
    tx,
    calls.map((c) => {
      return {
        system: gateway,
        customerId: who.customerId,
        operation: `${c.operation} ${c.method} ${new URL(c.url).pathname}`.slice(0, 200),
        ok: c.error === undefined && c.status !== null && c.status < 400,
        latencyMs: Math.round(c.durationMs),
        detail: c.status === null ? null : `HTTP ${c.status}`,
        error: c.error ?? null,
        requestId: who.requestId,
      };
    }),
  );
}
