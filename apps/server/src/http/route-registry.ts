import type { Ability } from '@jaring/contracts';
import type { FastifyInstance, RouteOptions } from 'fastify';

export interface DeclaredRoute {
  method: string;
  url: string;
  ability: Ability | undefined;
  public: boolean;
  /** Needs a customer portal session instead of a staff ability (see modules/portal). */
  customer: boolean;
}

/** Paths whose routes must declare who may call them. */
export function isGuarded(url: string): boolean {
  return url.startsWith('/api/') || url === '/metrics';
}

/**
 * Refuses to boot when a guarded route declares neither an ability nor `public`, so a route can
 * never be reachable by accident. The list also drives the authorisation matrix test.
 */
export function trackRoutes(app: FastifyInstance): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const config = (route.config ?? {}) as {
      ability?: Ability;
      public?: boolean;
      customer?: boolean;
    };
    if (isGuarded(route.url)) {
      if (!config.ability && !config.public) {
        throw new Error(`route ${methods.join(',')} ${route.url} declares no ability`);
      }
      if (config.ability && config.public) {
        throw new Error(`route ${route.url} is both public and guarded by ${config.ability}`);
      }
    }
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({
        method,
        url: route.url,
        ability: config.ability,
        public: config.public === true,
        customer: config.customer === true,
      });
    }
  });
  return routes;
}
