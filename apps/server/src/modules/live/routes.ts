import {
  ERROR_CODES,
  liveEventsQuerySchema,
  portalLiveEventsQuerySchema,
  portalLiveTopic,
  type Ability,
  type StaffLiveTopic,
} from '@jaring/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DomainError } from '../../lib/errors.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { endLiveStreams, streamLiveEvents } from './sse.ts';

/**
 * What each staff topic needs. The route itself asks for the least of them, so the authorisation
 * matrix covers it like any route; a topic needing more is checked here.
 */
const TOPIC_ABILITIES: Readonly<Record<StaffLiveTopic, Ability>> = {
  monitoring: 'monitoring:read',
};

const SUMMARY =
  'Live events as Server-Sent Events (`text/event-stream`). Live only: `Last-Event-ID` is ' +
  'ignored and nothing is replayed, so a client refetches state after it reconnects.';

/** Staff live events: `GET /api/v1/live/events?topics=monitoring`. */
export function liveRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preClose', async () => endLiveStreams(deps));
    app.get(
      '/api/v1/live/events',
      {
        config: { ability: 'monitoring:read' },
        schema: { tags: ['live'], summary: SUMMARY, querystring: liveEventsQuerySchema },
      },
      async (request, reply) => {
        const { topics } = request.query;
        const abilities = request.principal?.abilities;
        for (const topic of topics) {
          const needed = TOPIC_ABILITIES[topic];
          if (!abilities?.has(needed)) {
            throw new DomainError(ERROR_CODES.forbidden, `The topic ${topic} needs ${needed}`);
          }
        }
        return streamLiveEvents(deps, request, reply, topics, 'staff');
      },
    );
  };
}

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

/**
 * The customer's own live events (`portal:<customerId>`). Registered by the portal plugin inside
 * its scope, so its customer-session hook guards the route like every other portal route.
 */
export function registerPortalLiveRoutes(
  app: ZodApp,
  deps: AppDeps,
  customerOf: (request: FastifyRequest) => string,
): void {
  app.addHook('preClose', async () => endLiveStreams(deps));
  app.get(
    '/api/v1/portal/live/events',
    {
      config: { public: true, customer: true },
      schema: { tags: ['portal'], summary: SUMMARY, querystring: portalLiveEventsQuerySchema },
    },
    async (request, reply) =>
      streamLiveEvents(deps, request, reply, [portalLiveTopic(customerOf(request))], 'portal'),
  );
}
