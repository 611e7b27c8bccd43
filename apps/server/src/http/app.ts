import './fastify-types.ts';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { auditRoutes } from '../modules/audit/routes.ts';
import { authRoutes } from '../modules/auth/routes.ts';
import { customerRoutes } from '../modules/customers/routes.ts';
import { healthRoutes } from '../modules/health/routes.ts';
import { invoiceRoutes } from '../modules/invoices/routes.ts';
import { liveRoutes } from '../modules/live/routes.ts';
import { paymentRoutes } from '../modules/payments/routes.ts';
import { billingSettingsRoutes } from '../modules/billing-settings/routes.ts';
import { dunningRoutes } from '../modules/dunning/routes.ts';
import { monitoringRoutes } from '../modules/monitoring/routes.ts';
import { alertRoutes } from '../modules/alerts/routes.ts';
import { notificationRoutes } from '../modules/notifications/routes.ts';
import { documentRoutes } from '../modules/documents/routes.ts';
import { reportRoutes } from '../modules/reports/routes.ts';
import { businessDashboardRoutes } from '../modules/business-dashboard/routes.ts';
import { portalRoutes } from '../modules/portal/routes.ts';
import { gatewayRoutes } from '../modules/gateways/routes.ts';
import { deviceRoutes } from '../modules/devices/routes.ts';
import { webhookRoutes } from '../modules/gateways/webhook-routes.ts';
import { planRoutes } from '../modules/plans/routes.ts';
import { routerActionRoutes } from '../modules/reconcile/routes.ts';
import { routerImportRoutes } from '../modules/router-import/routes.ts';
import { routerRoutes } from '../modules/routers/routes.ts';
import { sessionRoutes } from '../modules/sessions/routes.ts';
import { subscriptionRoutes } from '../modules/subscriptions/routes.ts';
import { tokenRoutes } from '../modules/tokens/routes.ts';
import { topologyRoutes } from '../modules/topology/routes.ts';
import { userRoutes } from '../modules/users/routes.ts';
import type { AppDeps } from '../runtime/deps.ts';
import { installAuthentication } from './plugins/authenticate.ts';
import { installHttpMetrics } from './plugins/metrics.ts';
import { installSpa } from './plugins/spa.ts';
import { installProblemHandlers } from './problem.ts';
import { trackRoutes, type DeclaredRoute } from './route-registry.ts';

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export interface BuiltApp {
  app: FastifyInstance;
  routes: DeclaredRoute[];
}

/** Builds the HTTP app without listening; tests drive it through `inject()`. */
export async function buildApp(deps: AppDeps): Promise<BuiltApp> {
  const { config } = deps;
  // Typed as Fastify's logger so the instance's generics stay the defaults plugins expect.
  const logger: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance: logger,
    // Fastify accepts a hop count at runtime though its types omit it.
    trustProxy: config.trustProxy as boolean | string[],
    bodyLimit: 1_048_576,
    // A proxy's request id is kept so one id follows a request across hops.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  // The API speaks JSON only: a text/plain body (one a cross-site form can send) gets a 415
  // rather than reaching a schema as a bare string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const routes = trackRoutes(app);
  installProblemHandlers(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    // Many operators reach Jaring over plain HTTP on a LAN address; HSTS there would lock them out.
    strictTransportSecurity: config.appUrl.startsWith('https://'),
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: true,
    max: 600,
    timeWindow: 60_000,
    ...(deps.redis ? { redis: deps.redis, nameSpace: 'http-rl:' } : {}),
    allowList: (request) => request.url === '/healthz' || request.url === '/readyz',
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Jaring API',
        version: '1',
        description:
          'ISP management and billing. Errors are RFC 9457 problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'jaring_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  // Swagger UI ships inline bootstrapping; relax the policy for its pages only.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/docs')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
      );
    }
  });

  installAuthentication(app, deps);
  installHttpMetrics(app, deps.metrics);

  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(healthRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(sessionRoutes(deps));
  await app.register(tokenRoutes(deps));
  await app.register(userRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(routerRoutes(deps));
  await app.register(planRoutes(deps));
  await app.register(topologyRoutes(deps));
  await app.register(customerRoutes(deps));
  await app.register(subscriptionRoutes(deps));
  await app.register(routerActionRoutes(deps));
  await app.register(routerImportRoutes(deps));
  await app.register(invoiceRoutes(deps));
  await app.register(paymentRoutes(deps));
  await app.register(billingSettingsRoutes(deps));
  await app.register(dunningRoutes(deps));
  await app.register(notificationRoutes(deps));
  await app.register(documentRoutes(deps));
  await app.register(reportRoutes(deps));
  await app.register(monitoringRoutes(deps));
  await app.register(alertRoutes(deps));
  await app.register(liveRoutes(deps));
  await app.register(businessDashboardRoutes(deps));
  await app.register(portalRoutes(deps));
  await app.register(gatewayRoutes(deps));
  await app.register(deviceRoutes(deps));
  await app.register(webhookRoutes(deps));
  await installSpa(app, config.webDistDir ?? DEFAULT_WEB_DIST);

  await app.ready();
  return { app, routes };
}
