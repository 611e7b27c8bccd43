import { billingSettingsSchema } from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { readBillingSettings, updateBillingSettings } from './service.ts';

/** The operator's billing settings (company, bank accounts, invoice numbering, dunning). */
export function billingSettingsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['settings'];
    app.get(
      '/api/v1/settings/billing',
      {
        config: { ability: 'settings:read' },
        schema: { tags, response: { 200: billingSettingsSchema } },
      },
      async () => readBillingSettings(deps.db),
    );
    app.put(
      '/api/v1/settings/billing',
      {
        config: { ability: 'settings:write' },
        schema: {
          tags,
          summary: 'Replace the billing settings (the whole document)',
          body: billingSettingsSchema,
          response: { 200: billingSettingsSchema },
        },
      },
      async (request) => updateBillingSettings(deps, request.ctx, request.body),
    );
  };
}
