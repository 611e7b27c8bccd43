import {
  acsServerSchema,
  acsSyncQueuedSchema,
  acsSyncRequestSchema,
  acsTestResultSchema,
  createAcsServerSchema,
  customerDevicesSchema,
  deviceActionSchema,
  deviceDetailSchema,
  deviceListQuerySchema,
  deviceReviewItemSchema,
  deviceReviewQuerySchema,
  deviceSchema,
  deviceTaskSchema,
  factoryResetActionSchema,
  idParamSchema,
  linkDeviceSchema,
  ontSerialSchema,
  pageSchema,
  paginationQuerySchema,
  setOntSerialSchema,
  testAcsConnectionSchema,
  unlinkDeviceSchema,
  updateAcsServerSchema,
  wifiActionSchema,
  type DeviceTask,
} from '@jaring/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { assertCustomerVisible } from '../reconcile/service.ts';
import {
  createAcsServer,
  customerDevices,
  deleteAcsServer,
  getAcsServer,
  getDevice,
  getOntSerial,
  linkDevice,
  listAcsServers,
  listDevices,
  listDeviceTasks,
  requestAcsSync,
  reviewDevices,
  setOntSerial,
  staffDeviceAction,
  testAcsConnection,
  testSavedAcsServer,
  unlinkDevice,
  updateAcsServer,
} from './service.ts';

/** 200 when the outcome is known (done, faulted), 202 while the task waits for the device. */
function sendTask(reply: FastifyReply, task: DeviceTask): FastifyReply {
  const final = task.status === 'done' || task.status === 'faulted' || task.status === 'cancelled';
  return reply.code(final ? 200 : 202).send(task);
}

export function deviceRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const acsTags = ['acs-servers'];
    const tags = ['devices'];
    const taskResponses = { 200: deviceTaskSchema, 202: deviceTaskSchema };

    // ---- ACS servers ----
    app.get(
      '/api/v1/acs-servers',
      {
        config: { ability: 'devices:read' },
        schema: {
          tags: acsTags,
          querystring: paginationQuerySchema,
          response: { 200: pageSchema(acsServerSchema) },
        },
      },
      async (request) => listAcsServers(deps, request.query),
    );
    app.post(
      '/api/v1/acs-servers',
      {
        config: { ability: 'acs:write' },
        schema: { tags: acsTags, body: createAcsServerSchema, response: { 201: acsServerSchema } },
      },
      async (request, reply) =>
        reply.code(201).send(await createAcsServer(deps, request.ctx, request.body)),
    );
    app.post(
      '/api/v1/acs-servers/test',
      {
        config: { ability: 'acs:write' },
        schema: {
          tags: acsTags,
          summary: 'Reach an NBI with these settings before saving them',
          body: testAcsConnectionSchema,
          response: { 200: acsTestResultSchema },
        },
      },
      async (request) => testAcsConnection(deps, request.ctx, request.body),
    );
    app.get(
      '/api/v1/acs-servers/:id',
      {
        config: { ability: 'devices:read' },
        schema: { tags: acsTags, params: idParamSchema, response: { 200: acsServerSchema } },
      },
      async (request) => getAcsServer(deps, request.params.id),
    );
    app.patch(
      '/api/v1/acs-servers/:id',
      {
        config: { ability: 'acs:write' },
        schema: {
          tags: acsTags,
          params: idParamSchema,
          body: updateAcsServerSchema,
          response: { 200: acsServerSchema },
        },
      },
      async (request) => updateAcsServer(deps, request.ctx, request.params.id, request.body),
    );
    app.delete(
      '/api/v1/acs-servers/:id',
      {
        config: { ability: 'acs:write' },
        schema: {
          tags: acsTags,
          summary: 'Removes the server and its devices',
          params: idParamSchema,
        },
      },
      async (request, reply) => {
        await deleteAcsServer(deps, request.ctx, request.params.id);
        return reply.code(204).send();
      },
    );
    app.post(
      '/api/v1/acs-servers/:id/test',
      {
        config: { ability: 'devices:write' },
        schema: {
          tags: acsTags,
          summary: 'Reach the saved NBI now',
          params: idParamSchema,
          response: { 200: acsTestResultSchema },
        },
      },
      async (request) => testSavedAcsServer(deps, request.ctx, request.params.id),
    );
    app.post(
      '/api/v1/acs-servers/:id/sync',
      {
        config: { ability: 'devices:write' },
        schema: {
          tags: acsTags,
          summary: 'Queue a sync now (incremental by default)',
          params: idParamSchema,
          body: acsSyncRequestSchema,
          response: { 202: acsSyncQueuedSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(202)
          .send(await requestAcsSync(deps, request.ctx, request.params.id, request.body.mode)),
    );

    // ---- Devices ----
    app.get(
      '/api/v1/devices',
      {
        config: { ability: 'devices:read' },
        schema: {
          tags,
          querystring: deviceListQuerySchema,
          response: { 200: pageSchema(deviceSchema) },
        },
      },
      async (request) => listDevices(deps, request.query),
    );
    app.get(
      '/api/v1/devices/review',
      {
        config: { ability: 'devices:read' },
        schema: {
          tags,
          summary: 'Devices without a subscription (unmatched or ambiguous) and their candidates',
          querystring: deviceReviewQuerySchema,
          response: { 200: pageSchema(deviceReviewItemSchema) },
        },
      },
      async (request) => reviewDevices(deps, request.query),
    );
    app.get(
      '/api/v1/devices/:id',
      {
        config: { ability: 'devices:read' },
        schema: { tags, params: idParamSchema, response: { 200: deviceDetailSchema } },
      },
      async (request) => getDevice(deps, request.params.id),
    );
    app.get(
      '/api/v1/devices/:id/tasks',
      {
        config: { ability: 'devices:read' },
        schema: {
          tags,
          params: idParamSchema,
          querystring: paginationQuerySchema,
          response: { 200: pageSchema(deviceTaskSchema) },
        },
      },
      async (request) => listDeviceTasks(deps, request.params.id, request.query),
    );
    app.post(
      '/api/v1/devices/:id/link',
      {
        config: { ability: 'devices:write' },
        schema: {
          tags,
          summary: 'Link the device to a subscription by hand (a sync never undoes it)',
          params: idParamSchema,
          body: linkDeviceSchema,
          response: { 200: deviceSchema },
        },
      },
      async (request) =>
        linkDevice(deps, request.ctx, request.params.id, request.body.subscriptionId),
    );
    app.post(
      '/api/v1/devices/:id/unlink',
      {
        config: { ability: 'devices:write' },
        schema: {
          tags,
          params: idParamSchema,
          body: unlinkDeviceSchema,
          response: { 200: deviceSchema },
        },
      },
      async (request) => unlinkDevice(deps, request.ctx, request.params.id, request.body.automatic),
    );
    app.post(
      '/api/v1/devices/:id/actions/wifi',
      {
        config: { ability: 'devices:write' },
        schema: {
          tags,
          summary: 'Set the WiFi name and/or WPA2 password (200 applied, 202 queued)',
          params: idParamSchema,
          body: wifiActionSchema,
          response: taskResponses,
        },
      },
      async (request, reply) =>
        sendTask(
          reply,
          await staffDeviceAction(deps, request.ctx, request.params.id, {
            kind: 'wifi',
            ...request.body,
          }),
        ),
    );
    app.post(
      '/api/v1/devices/:id/actions/reboot',
      {
        config: { ability: 'devices:write' },
        schema: { tags, params: idParamSchema, body: deviceActionSchema, response: taskResponses },
      },
      async (request, reply) =>
        sendTask(
          reply,
          await staffDeviceAction(deps, request.ctx, request.params.id, { kind: 'reboot' }),
        ),
    );
    app.post(
      '/api/v1/devices/:id/actions/refresh',
      {
        config: { ability: 'devices:write' },
        schema: {
          tags,
          summary: 'Make the ACS re-read the device',
          params: idParamSchema,
          body: deviceActionSchema,
          response: taskResponses,
        },
      },
      async (request, reply) =>
        sendTask(
          reply,
          await staffDeviceAction(deps, request.ctx, request.params.id, { kind: 'refresh' }),
        ),
    );
    app.post(
      '/api/v1/devices/:id/actions/factory-reset',
      {
        config: { ability: 'devices:write' },
        schema: {
          tags,
          summary: "Factory reset: `confirm` must be the device's serial",
          params: idParamSchema,
          body: factoryResetActionSchema,
          response: taskResponses,
        },
      },
      async (request, reply) =>
        sendTask(
          reply,
          await staffDeviceAction(deps, request.ctx, request.params.id, {
            kind: 'factory_reset',
            confirm: request.body.confirm,
          }),
        ),
    );

    // ---- Customers and subscriptions ----
    app.get(
      '/api/v1/customers/:id/devices',
      {
        config: { ability: 'devices:read' },
        schema: {
          tags: ['customers'],
          summary: "The customer's devices and their recent tasks",
          params: idParamSchema,
          response: { 200: customerDevicesSchema },
        },
      },
      async (request) => {
        await assertCustomerVisible(deps, request.ctx, request.params.id);
        return customerDevices(deps, request.params.id);
      },
    );
    app.get(
      '/api/v1/subscriptions/:id/ont-serial',
      {
        config: { ability: 'devices:read' },
        schema: {
          tags: ['subscriptions'],
          params: idParamSchema,
          response: { 200: ontSerialSchema },
        },
      },
      async (request) => getOntSerial(deps, request.params.id),
    );
    app.put(
      '/api/v1/subscriptions/:id/ont-serial',
      {
        config: { ability: 'devices:write' },
        schema: {
          tags: ['subscriptions'],
          summary: 'Record the ONT serial installed for this subscription (matches its device)',
          params: idParamSchema,
          body: setOntSerialSchema,
          response: { 200: ontSerialSchema },
        },
      },
      async (request) => setOntSerial(deps, request.ctx, request.params.id, request.body.serial),
    );
  };
}
