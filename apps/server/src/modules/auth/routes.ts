import {
  loginRequestSchema,
  loginResponseSchema,
  meSchema,
  updateMeSchema,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { logout } from '../sessions/service.ts';
import { updateOwnProfile } from '../users/profile.ts';
import { SESSION_COOKIE } from './policy.ts';
import { login, toMe } from './service.ts';

export function authRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.secureCookies,
    path: '/',
  };
  return async (app) => {
    app.post(
      '/api/v1/auth/login',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: 'Staff login; sets the session cookie',
          body: loginRequestSchema,
          response: { 200: loginResponseSchema },
        },
      },
      async (request, reply) => {
        const result = await login(deps, request.ctx, request.body);
        reply.setCookie(SESSION_COOKIE, result.sessionToken, {
          ...cookieOptions,
          expires: result.expiresAt,
        });
        return { user: toMe(deps, result.principal), csrfToken: result.csrfToken };
      },
    );
    app.post(
      '/api/v1/auth/logout',
      {
        config: { ability: 'profile:read' },
        schema: { tags: ['auth'], summary: 'End this session' },
      },
      async (request, reply) => {
        await logout(deps, request.ctx);
        reply.clearCookie(SESSION_COOKIE, cookieOptions);
        return reply.code(204).send();
      },
    );
    app.get(
      '/api/v1/me',
      {
        config: { ability: 'profile:read' },
        schema: { tags: ['auth'], response: { 200: meSchema } },
      },
      async (request) => toMe(deps, request.principal!),
    );
    app.patch(
      '/api/v1/me',
      {
        config: { ability: 'profile:read' },
        schema: { tags: ['auth'], body: updateMeSchema, response: { 200: meSchema } },
      },
      async (request) => {
        const principal = await updateOwnProfile(deps, request.ctx, request.body);
        return toMe(deps, principal);
      },
    );
  };
}
