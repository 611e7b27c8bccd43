import { GATEWAYS } from '@jaring/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../runtime/deps.ts';
import { ingestNotification } from './inbox.ts';

/**
 * `POST /api/v1/webhooks/{midtrans,tripay}`: public, outside the staff IP allow-list and the
 * global rate limit (the signature is the gate, and a refused sender is limited on its own).
 * The body is kept as the exact bytes received: Tripay signs the raw body.
 */
export function webhookRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 262_144 }, (_req, body, done) => {
      done(null, body);
    });
    for (const gateway of GATEWAYS) {
      app.post(
        `/api/v1/webhooks/${gateway}`,
        {
          config: { public: true, rateLimit: false },
          schema: {
            tags: ['webhooks'],
            summary: `${gateway} payment notification (signature verified, stored, processed once)`,
            security: [],
          },
        },
        async (request, reply) => {
          const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const answer = await ingestNotification(deps, {
            gateway: gateway,
            raw,
            headers: request.headers,
            ctx: request.ctx,
          });
          return reply.code(answer.status).send(answer.body);
        },
      );
    }
  };
}
