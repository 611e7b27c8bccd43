import { businessDashboardQuerySchema, businessDashboardSchema } from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { businessDashboard } from './service.ts';

/** The owner's and finance's monthly business figures, under the reports' ability. */
export function businessDashboardRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/reports/business',
      {
        config: { ability: 'reports:read' },
        schema: {
          tags: ['reports'],
          summary:
            'Business dashboard: subscribers, churn, MRR, ARPU, invoiced vs collected, outstanding, online payment success and network uptime for the current month and a monthly trend.',
          querystring: businessDashboardQuerySchema,
          response: { 200: businessDashboardSchema },
        },
      },
      async (request) => businessDashboard(deps, request.query),
    );
  };
}
