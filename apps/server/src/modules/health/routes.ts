import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../runtime/deps.ts';

const healthSchema = z.object({ status: z.literal('ok') });
const readySchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.record(z.string(), z.enum(['ok', 'failed'])),
});

async function check(fn: () => Promise<unknown>, timeoutMs = 2000): Promise<'ok' | 'failed'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return 'ok';
  } catch {
    return 'failed';
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      { config: { public: true }, schema: { hide: true, response: { 200: healthSchema } } },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      {
        config: { public: true },
        schema: { hide: true, response: { 200: readySchema, 503: readySchema } },
      },
      async (_request, reply) => {
        const checks: Record<string, 'ok' | 'failed'> = {
          database: await check(() => deps.database.ping()),
        };
        const redis = deps.redis;
        if (redis) checks.redis = await check(() => redis.ping());
        const ready = Object.values(checks).every((c) => c === 'ok');
        return reply
          .code(ready ? 200 : 503)
          .send({ status: ready ? 'ready' : 'unavailable', checks });
      },
    );
    app.get(
      '/metrics',
      { config: { ability: 'metrics:read' }, schema: { hide: true } },
      async (_request, reply) => {
        return reply.type(deps.metrics.contentType).send(await deps.metrics.metrics());
      },
    );
  };
}
