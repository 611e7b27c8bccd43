import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';

/** Cashier payments, receipts, reversals, credit balance and restoration after payment. */
export function paymentRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async () => {};
}
