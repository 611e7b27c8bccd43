import { idParamSchema, sessionSchema } from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { listSessions, revokeSession } from './service.ts';

export function sessionRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/sessions',
      {
        config: { ability: 'sessions:manage' },
        schema: {
          tags: ['auth'],
          summary: 'My sessions',
          response: { 200: z.object({ data: z.array(sessionSchema) }) },
        },
      },
      async (request) => ({ data: await listSessions(deps, request.ctx) }),
    );
    app.delete(
      '/api/v1/sessions/:id',
      { config: { ability: 'sessions:manage' }, schema: { tags: ['auth'], params: idParamSchema } },
      async (request, reply) => {
        await revokeSession(deps, request.ctx, request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
