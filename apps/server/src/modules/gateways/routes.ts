import {
  applyGatewayTransactionSchema,
  dismissGatewayReviewSchema,
  gatewayEventSchema,
  gatewayParamSchema,
  gatewayReconciliationQuerySchema,
  gatewayReconciliationSchema,
  gatewaySettingsSchema,
  gatewayStatsQuerySchema,
  gatewayStatsSchema,
  gatewayTransactionDetailSchema,
  gatewayTransactionSchema,
  idParamSchema,
  listGatewayEventsQuerySchema,
  listGatewayTransactionsQuerySchema,
  pageSchema,
  updateGatewaySettingsSchema,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { gatewayStats, reconciliationReport } from './reconciliation.ts';
import {
  applyGatewayTransaction,
  checkGatewayTransaction,
  dismissGatewayReview,
  getGatewayTransaction,
  listGatewayEvents,
  listGatewayTransactions,
} from './service.ts';
import { listGatewaySettings, updateGatewaySettings } from './settings.ts';

/** Staff side of online payments: gateway settings, transactions, review queue, reports. */
export function gatewayRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['online payments'];
    const read = { ability: 'payments:read' } as const;
    const write = { ability: 'payments:write' } as const;

    app.get(
      '/api/v1/payment-gateways',
      {
        config: { ability: 'settings:read' },
        schema: { tags, response: { 200: z.array(gatewaySettingsSchema) } },
      },
      async () => listGatewaySettings(deps),
    );
    app.put(
      '/api/v1/payment-gateways/:gateway',
      {
        config: { ability: 'gateways:write' },
        schema: {
          tags,
          summary: 'Change a gateway: keys are write-only (a string sets, null removes)',
          params: gatewayParamSchema,
          body: updateGatewaySettingsSchema,
          response: { 200: gatewaySettingsSchema },
        },
      },
      async (request) =>
        updateGatewaySettings(deps, request.ctx, request.params.gateway, request.body),
    );
    app.get(
      '/api/v1/gateway-transactions',
      {
        config: read,
        schema: {
          tags,
          querystring: listGatewayTransactionsQuerySchema,
          response: { 200: pageSchema(gatewayTransactionSchema) },
        },
      },
      async (request) => listGatewayTransactions(deps, request.ctx, request.query),
    );
    app.get(
      '/api/v1/gateway-transactions/reconciliation',
      {
        config: { ability: 'reports:read' },
        schema: {
          tags,
          summary: "One day's gateway transactions against the payments recorded for them",
          querystring: gatewayReconciliationQuerySchema,
          response: { 200: gatewayReconciliationSchema },
        },
      },
      async (request) => reconciliationReport(deps, request.query.date),
    );
    app.get(
      '/api/v1/gateway-transactions/stats',
      {
        config: read,
        schema: {
          tags,
          summary: 'Success rate and time to apply per gateway and channel',
          querystring: gatewayStatsQuerySchema,
          response: { 200: gatewayStatsSchema },
        },
      },
      async (request) => gatewayStats(deps, request.query.days),
    );
    app.get(
      '/api/v1/gateway-transactions/:id',
      {
        config: read,
        schema: { tags, params: idParamSchema, response: { 200: gatewayTransactionDetailSchema } },
      },
      async (request) => getGatewayTransaction(deps, request.ctx, request.params.id),
    );
    app.post(
      '/api/v1/gateway-transactions/:id/check',
      {
        config: write,
        schema: {
          tags,
          summary: 'Ask the gateway for the status now and apply the answer',
          params: idParamSchema,
          response: { 200: gatewayTransactionDetailSchema },
        },
      },
      async (request) => checkGatewayTransaction(deps, request.ctx, request.params.id),
    );
    app.post(
      '/api/v1/gateway-transactions/:id/apply',
      {
        config: write,
        schema: {
          tags,
          summary: 'Apply a transaction held for an amount mismatch: pays what was received',
          params: idParamSchema,
          body: applyGatewayTransactionSchema,
          response: { 200: gatewayTransactionDetailSchema },
        },
      },
      async (request) =>
        applyGatewayTransaction(deps, request.ctx, request.params.id, request.body),
    );
    app.post(
      '/api/v1/gateway-transactions/:id/dismiss',
      {
        config: write,
        schema: {
          tags,
          summary: 'Close a review without applying anything',
          params: idParamSchema,
          body: dismissGatewayReviewSchema,
          response: { 200: gatewayTransactionDetailSchema },
        },
      },
      async (request) => dismissGatewayReview(deps, request.ctx, request.params.id, request.body),
    );
    app.get(
      '/api/v1/gateway-events',
      {
        config: { ability: 'reports:read' },
        schema: {
          tags,
          summary: 'Notifications received: unmatched (unknown order) and refused ones',
          querystring: listGatewayEventsQuerySchema,
          response: { 200: pageSchema(gatewayEventSchema) },
        },
      },
      async (request) => listGatewayEvents(deps, request.query),
    );
  };
}
