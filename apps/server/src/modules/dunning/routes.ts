import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';

/** Reminders, overdue, isolation, suspension and termination of unpaid subscriptions. */
export function dunningRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async () => {};
}
