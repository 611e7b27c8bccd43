import {
  createUserSchema,
  idParamSchema,
  listUsersQuerySchema,
  pageSchema,
  updateUserSchema,
  userSchema,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { createUser, deleteUser, getUser, listUsers, updateUser } from './service.ts';

export function userRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/users',
      {
        config: { ability: 'users:read' },
        schema: {
          tags: ['users'],
          querystring: listUsersQuerySchema,
          response: { 200: pageSchema(userSchema) },
        },
      },
      async (request) => listUsers(deps, request.query),
    );
    app.post(
      '/api/v1/users',
      {
        config: { ability: 'users:write', rateLimit: { max: 60, timeWindow: 60_000 } },
        schema: { tags: ['users'], body: createUserSchema, response: { 201: userSchema } },
      },
      async (request, reply) =>
        reply.code(201).send(await createUser(deps, request.ctx, request.body)),
    );
    app.get(
      '/api/v1/users/:id',
      {
        config: { ability: 'users:read' },
        schema: { tags: ['users'], params: idParamSchema, response: { 200: userSchema } },
      },
      async (request) => getUser(deps, request.params.id),
    );
    app.patch(
      '/api/v1/users/:id',
      {
        config: { ability: 'users:write' },
        schema: {
          tags: ['users'],
          params: idParamSchema,
          body: updateUserSchema,
          response: { 200: userSchema },
        },
      },
      async (request) => updateUser(deps, request.ctx, request.params.id, request.body),
    );
    app.delete(
      '/api/v1/users/:id',
      { config: { ability: 'users:write' }, schema: { tags: ['users'], params: idParamSchema } },
      async (request, reply) => {
        await deleteUser(deps, request.ctx, request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
