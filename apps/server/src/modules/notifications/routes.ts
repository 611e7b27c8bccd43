import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';

/** The notification outbox, templates and channels (email, WhatsApp gateway, Telegram). */
export function notificationRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async () => {};
}
