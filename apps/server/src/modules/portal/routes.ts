import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';

/** The customer portal: customer login and the customer's own service, invoices and payments. */
export function portalRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async () => {};
}
