import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';

/** Revenue, outstanding, collection, customer movement and cashier reports. */
export function reportRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async () => {};
}
