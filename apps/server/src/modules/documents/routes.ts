import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';

/** Invoice and receipt PDFs and CSV exports. */
export function documentRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async () => {};
}
