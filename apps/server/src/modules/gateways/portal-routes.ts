import {
  createPortalCheckoutSchema,
  idParamSchema,
  pageSchema,
  portalCheckoutSchema,
  portalListQuerySchema,
  portalPaymentOptionsQuerySchema,
  portalPaymentOptionsSchema,
} from '@jaring/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import {
  checkPortalCheckout,
  createCheckout,
  paymentOptions,
  portalCheckout,
  portalCheckouts,
} from './checkout.ts';

/**
 * The customer's side of online payment. Registered by the portal plugin inside its own scope,
 * so its customer-session hook guards these routes like every other portal route.
 */
type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

export function registerCheckoutRoutes(
  app: ZodApp,
  deps: AppDeps,
  customerOf: (request: FastifyRequest) => string,
): void {
  const tags = ['portal'];
  const customer = { public: true, customer: true } as const;
  app.get(
    '/api/v1/portal/payment-options',
    {
      config: customer,
      schema: {
        tags,
        summary: 'What can be paid online now and the channels, each with its fee',
        querystring: portalPaymentOptionsQuerySchema,
        response: { 200: portalPaymentOptionsSchema },
      },
    },
    async (request) => paymentOptions(deps, customerOf(request), request.query.invoiceIds),
  );
  app.post(
    '/api/v1/portal/checkouts',
    {
      config: { ...customer, rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Start (or resume) paying invoices through a gateway channel',
        body: createPortalCheckoutSchema,
        response: { 201: portalCheckoutSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createCheckout(deps, customerOf(request), request.body)),
  );
  app.get(
    '/api/v1/portal/checkouts',
    {
      config: customer,
      schema: {
        tags,
        querystring: portalListQuerySchema,
        response: { 200: pageSchema(portalCheckoutSchema) },
      },
    },
    async (request) => portalCheckouts(deps, customerOf(request), request.query),
  );
  app.get(
    '/api/v1/portal/checkouts/:id',
    {
      config: customer,
      schema: { tags, params: idParamSchema, response: { 200: portalCheckoutSchema } },
    },
    async (request) => portalCheckout(deps, customerOf(request), request.params.id),
  );
  app.post(
    '/api/v1/portal/checkouts/:id/check',
    {
      config: customer,
      schema: {
        tags,
        summary: 'Ask the gateway now (at most every few seconds); answers the checkout',
        params: idParamSchema,
        response: { 200: portalCheckoutSchema },
      },
    },
    async (request) => checkPortalCheckout(deps, customerOf(request), request.params.id),
  );
}
