import { portalDeviceSchema, portalDeviceTaskSchema, wifiActionSchema } from '@jaring/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { portalDevices, portalTask, portalWifi } from './service.ts';

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

const deviceParams = z.strictObject({ id: z.uuid() });
const taskParams = z.strictObject({ id: z.uuid(), taskId: z.uuid() });

/**
 * The customer's own devices ("My WiFi"). Registered by the portal plugin inside its scope, so
 * its customer-session and CSRF hook guards these routes. A device that is not the caller's
 * answers 404 exactly like one that does not exist (ADR 0014): a customer cannot probe ids.
 */
export function registerPortalDeviceRoutes(
  app: ZodApp,
  deps: AppDeps,
  customerOf: (request: FastifyRequest) => string,
): void {
  const tags = ['portal'];
  const customer = { public: true, customer: true } as const;
  app.get(
    '/api/v1/portal/devices',
    {
      config: customer,
      schema: {
        tags,
        summary: 'My devices: WiFi networks and connected hosts (no secrets)',
        response: { 200: z.object({ data: z.array(portalDeviceSchema) }) },
      },
    },
    async (request) => portalDevices(deps, customerOf(request)),
  );
  app.post(
    '/api/v1/portal/devices/:id/wifi',
    {
      config: { ...customer, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Change my WiFi name and/or password (200 applied, 202 waiting for the device)',
        params: deviceParams,
        body: wifiActionSchema,
        response: { 200: portalDeviceTaskSchema, 202: portalDeviceTaskSchema },
      },
    },
    async (request, reply) => {
      const task = await portalWifi(
        deps,
        request.ctx,
        customerOf(request),
        request.params.id,
        request.body,
      );
      const final =
        task.status === 'done' || task.status === 'faulted' || task.status === 'cancelled';
      return reply.code(final ? 200 : 202).send(task);
    },
  );
  app.get(
    '/api/v1/portal/devices/:id/tasks/:taskId',
    {
      config: customer,
      schema: {
        tags,
        summary: 'Poll the result of a change',
        params: taskParams,
        response: { 200: portalDeviceTaskSchema },
      },
    },
    async (request) =>
      portalTask(deps, customerOf(request), request.params.id, request.params.taskId),
  );
}
