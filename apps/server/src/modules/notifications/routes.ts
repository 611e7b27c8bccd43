import {
  customerNotificationsQuerySchema,
  idParamSchema,
  listNotificationsQuerySchema,
  notificationSchema,
  notificationSettingsSchema,
  notificationTemplateParamsSchema,
  notificationTemplateSchema,
  pageSchema,
  putNotificationTemplateSchema,
  updateNotificationSettingsSchema,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../runtime/deps.ts';
import {
  getNotificationSettings,
  listCustomerNotifications,
  listNotifications,
  listTemplates,
  putTemplate,
  updateNotificationSettings,
} from './service.ts';

/** The notification outbox, templates and channels (email, WhatsApp gateway, Telegram). */
export function notificationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notifications'];
    app.get(
      '/api/v1/settings/notifications',
      {
        config: { ability: 'settings:read' },
        schema: { tags, response: { 200: notificationSettingsSchema } },
      },
      async () => getNotificationSettings(deps),
    );
    app.put(
      '/api/v1/settings/notifications',
      {
        config: { ability: 'settings:write' },
        schema: {
          tags,
          body: updateNotificationSettingsSchema,
          response: { 200: notificationSettingsSchema },
        },
      },
      async (request) => updateNotificationSettings(deps, request.ctx, request.body),
    );
    app.get(
      '/api/v1/notification-templates',
      {
        config: { ability: 'settings:read' },
        schema: { tags, response: { 200: z.array(notificationTemplateSchema) } },
      },
      async () => listTemplates(deps),
    );
    app.put(
      '/api/v1/notification-templates/:template/:locale/:channel',
      {
        config: { ability: 'settings:write' },
        schema: {
          tags,
          params: notificationTemplateParamsSchema,
          body: putNotificationTemplateSchema,
          response: { 200: notificationTemplateSchema },
        },
      },
      async (request) => putTemplate(deps, request.ctx, request.params, request.body),
    );
    app.get(
      '/api/v1/notifications',
      {
        config: { ability: 'settings:read' },
        schema: {
          tags,
          querystring: listNotificationsQuerySchema,
          response: { 200: pageSchema(notificationSchema) },
        },
      },
      async (request) => listNotifications(deps, request.query),
    );
    app.get(
      '/api/v1/customers/:id/notifications',
      {
        config: { ability: 'customers:read' },
        schema: {
          tags,
          params: idParamSchema,
          querystring: customerNotificationsQuerySchema,
          response: { 200: pageSchema(notificationSchema) },
        },
      },
      async (request) =>
        listCustomerNotifications(deps, request.ctx, request.params.id, request.query),
    );
  };
}
