import {
  changePlanSchema,
  createSubscriptionSchema,
  idParamSchema,
  listSubscriptionsQuerySchema,
  moveSubscriptionSchema,
  pageSchema,
  subscriptionCredentialsSchema,
  subscriptionSchema,
  updateSubscriptionBillingSchema,
  updateSubscriptionCredentialsSchema,
  type SubscriptionAction,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import {
  applyLifecycle,
  changePlan,
  createSubscription,
  getSubscription,
  listCustomerSubscriptions,
  listSubscriptions,
  moveSubscription,
  revealCredentials,
  updateBilling,
  updateCredentials,
} from './service.ts';

const ACTIONS: readonly SubscriptionAction[] = [
  'activate',
  'isolate',
  'restore',
  'suspend',
  'terminate',
];

export function subscriptionRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['subscriptions'];
    const read = { ability: 'subscriptions:read' } as const;
    const write = { ability: 'subscriptions:write' } as const;

    app.get(
      '/api/v1/subscriptions',
      {
        config: read,
        schema: {
          tags,
          querystring: listSubscriptionsQuerySchema,
          response: { 200: pageSchema(subscriptionSchema) },
        },
      },
      async (request) => listSubscriptions(deps, request.ctx, request.query),
    );
    app.get(
      '/api/v1/customers/:id/subscriptions',
      {
        config: read,
        schema: {
          tags,
          params: idParamSchema,
          querystring: listSubscriptionsQuerySchema.omit({ customerId: true }),
          response: { 200: pageSchema(subscriptionSchema) },
        },
      },
      async (request) =>
        listCustomerSubscriptions(deps, request.ctx, request.params.id, request.query),
    );
    app.post(
      '/api/v1/subscriptions',
      {
        config: write,
        schema: { tags, body: createSubscriptionSchema, response: { 201: subscriptionSchema } },
      },
      async (request, reply) =>
        reply.code(201).send(await createSubscription(deps, request.ctx, request.body)),
    );
    app.get(
      '/api/v1/subscriptions/:id',
      {
        config: read,
        schema: { tags, params: idParamSchema, response: { 200: subscriptionSchema } },
      },
      async (request) => getSubscription(deps, request.ctx, request.params.id),
    );
    app.patch(
      '/api/v1/subscriptions/:id',
      {
        config: write,
        schema: {
          tags,
          params: idParamSchema,
          body: updateSubscriptionCredentialsSchema,
          response: { 200: subscriptionSchema },
        },
      },
      async (request) => updateCredentials(deps, request.ctx, request.params.id, request.body),
    );
    app.patch(
      '/api/v1/subscriptions/:id/billing',
      {
        config: write,
        schema: {
          tags,
          summary: 'Change the billing terms (anchor, day, mode, lead, due, grace, auto-isolation)',
          params: idParamSchema,
          body: updateSubscriptionBillingSchema,
          response: { 200: subscriptionSchema },
        },
      },
      async (request) => updateBilling(deps, request.ctx, request.params.id, request.body),
    );
    app.get(
      '/api/v1/subscriptions/:id/credentials',
      {
        config: write,
        schema: {
          tags,
          summary: 'The service password in clear, for installing the CPE (audited)',
          params: idParamSchema,
          response: { 200: subscriptionCredentialsSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return revealCredentials(deps, request.ctx, request.params.id);
      },
    );
    for (const action of ACTIONS) {
      app.post(
        `/api/v1/subscriptions/:id/${action}`,
        {
          config: write,
          schema: { tags, params: idParamSchema, response: { 200: subscriptionSchema } },
        },
        async (request) => applyLifecycle(deps, request.ctx, request.params.id, action),
      );
    }
    app.post(
      '/api/v1/subscriptions/:id/change-plan',
      {
        config: write,
        schema: {
          tags,
          params: idParamSchema,
          body: changePlanSchema,
          response: { 200: subscriptionSchema },
        },
      },
      async (request) => changePlan(deps, request.ctx, request.params.id, request.body),
    );
    app.post(
      '/api/v1/subscriptions/:id/move',
      {
        config: write,
        schema: {
          tags,
          params: idParamSchema,
          body: moveSubscriptionSchema,
          response: { 200: subscriptionSchema },
        },
      },
      async (request) => moveSubscription(deps, request.ctx, request.params.id, request.body),
    );
  };
}
