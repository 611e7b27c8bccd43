import {
  apiTokenSchema,
  createdTokenSchema,
  createTokenSchema,
  idParamSchema,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { createToken, listTokens, revokeToken } from './service.ts';

export function tokenRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/tokens',
      {
        config: { ability: 'tokens:manage' },
        schema: {
          tags: ['tokens'],
          response: { 200: z.object({ data: z.array(apiTokenSchema) }) },
        },
      },
      async (request) => ({ data: await listTokens(deps, request.ctx) }),
    );
    app.post(
      '/api/v1/tokens',
      {
        // Minting credentials is rare; a burst means a script gone wrong or an attacker.
        config: { ability: 'tokens:manage', rateLimit: { max: 20, timeWindow: 60_000 } },
        schema: {
          tags: ['tokens'],
          summary: 'Create a personal API token (shown once)',
          body: createTokenSchema,
          response: { 201: createdTokenSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createToken(deps, request.ctx, request.body)),
    );
    app.delete(
      '/api/v1/tokens/:id',
      { config: { ability: 'tokens:manage' }, schema: { tags: ['tokens'], params: idParamSchema } },
      async (request, reply) => {
        await revokeToken(deps, request.ctx, request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
