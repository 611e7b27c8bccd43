import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '@jaring/contracts';
import { sendProblem } from '../problem.ts';

const MISSING_BUILD = `<!doctype html><meta charset="utf-8"><title>Jaring</title>
<p>The web app is not built. Run <code>npm run build</code> (or <code>npm start</code>, which builds it).</p>`;

/**
 * Serves the built SPA. Unknown non-API paths get index.html so client-side routes survive a
 * reload; unknown API paths get a problem+json 404.
 */
export async function installSpa(app: FastifyInstance, distDir: string): Promise<void> {
  const hasBuild = existsSync(join(distDir, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: false,
      index: false,
      setHeaders(res, path) {
        // Vite fingerprints everything under assets/, so it can be cached forever.
        res.header(
          'cache-control',
          path.includes(`${join(distDir, 'assets')}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith('/api/') &&
      !path.startsWith('/assets/') &&
      path !== '/metrics';
    if (!wantsPage) {
      return sendProblem(
        reply,
        404,
        ERROR_CODES.notFound,
        `No route for ${request.method} ${path}`,
      );
    }
    reply.header('cache-control', 'no-cache');
    if (!hasBuild) return reply.type('text/html; charset=utf-8').send(MISSING_BUILD);
    return reply.sendFile('index.html');
  });
}
