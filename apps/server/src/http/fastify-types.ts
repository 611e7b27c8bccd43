import type { Ability } from '@jaring/contracts';
import type { Principal, RequestContext } from '../modules/auth/principal.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The ability a caller must hold. Every /api route declares one, or `public: true`. */
    ability?: Ability;
    /** Reachable without authentication (login, health, webhooks). */
    public?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    ctx: RequestContext;
  }
}
