import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';

/** The operator's billing settings (company, bank accounts, invoice numbering, dunning). */
export function billingSettingsRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async () => {};
}
