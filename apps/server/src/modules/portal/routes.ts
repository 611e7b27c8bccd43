import {
  createPortalLinkSchema,
  idParamSchema,
  pageSchema,
  portalChangePasswordSchema,
  portalInvoiceDetailSchema,
  portalInvoiceSchema,
  portalLinkExchangeSchema,
  portalLinkSchema,
  portalListQuerySchema,
  portalLoginSchema,
  portalMeSchema,
  portalPaymentSchema,
  portalPdfQuerySchema,
  portalProfileSchema,
  portalSessionSchema,
  setPortalPasswordSchema,
} from '@jaring/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DomainError } from '../../lib/errors.ts';
import { registerCheckoutRoutes } from '../gateways/portal-routes.ts';
import { registerPortalDeviceRoutes } from '../devices/portal-routes.ts';
import { registerPortalUsageRoutes } from '../monitoring/portal-routes.ts';
import { registerPortalLiveRoutes } from '../live/routes.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { PORTAL_COOKIE, PORTAL_COOKIE_PATH, PORTAL_CSRF_HEADER } from './policy.ts';
import { portalInvoicePdf } from './pdf.ts';
import {
  authenticatePortalSession,
  changePortalPassword,
  createPortalLinkForCustomer,
  exchangePortalLink,
  portalInvoice,
  portalInvoices,
  portalLogin,
  portalLogout,
  portalMe,
  portalPayments,
  setPortalPassword,
  updatePortalProfile,
  verifyPortalCsrf,
  type PortalCaller,
  type PortalSessionStart,
} from './service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Needs a customer portal session (cookie `jaring_portal`, plus the CSRF header on writes).
     * Such routes are `public` for the staff ability check; the portal plugin's hook guards them.
     */
    customer?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The customer a request was authenticated as, set by the hook for `customer` routes only. */
const callers = new WeakMap<FastifyRequest, PortalCaller>();

function callerOf(request: FastifyRequest): PortalCaller {
  const caller = callers.get(request);
  if (!caller) throw new DomainError('unauthenticated', 'Sign in to the customer portal');
  return caller;
}

/** The customer portal: customer login and the customer's own service, invoices and payments. */
export function portalRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.secureCookies,
    path: PORTAL_COOKIE_PATH,
  };
  function setSessionCookie(reply: FastifyReply, token: string, expires: Date): void {
    reply.setCookie(PORTAL_COOKIE, token, { ...cookieOptions, expires });
  }
  async function sessionBody(
    started: PortalSessionStart,
    invoiceId: string | null,
  ): Promise<{ me: Awaited<ReturnType<typeof portalMe>>; invoiceId: string | null }> {
    return { me: await portalMe(deps, started.caller), invoiceId };
  }

  return async (app) => {
    const tags = ['portal'];
    const customer = { public: true, customer: true } as const;

    // Runs after the global authentication hook (which lets `public` routes through) and before
    // body parsing: without a customer session a caller learns nothing about a route's schema.
    app.addHook('onRequest', async (request, reply) => {
      if (!request.routeOptions.config.customer) return;
      const token = request.cookies[PORTAL_COOKIE];
      const found = token ? await authenticatePortalSession(deps, token) : null;
      if (!found) throw new DomainError('unauthenticated', 'Sign in to the customer portal');
      if (!SAFE_METHODS.has(request.method)) {
        const presented = request.headers[PORTAL_CSRF_HEADER];
        if (
          !verifyPortalCsrf(
            deps,
            found.caller.tokenHash,
            typeof presented === 'string' ? presented : undefined,
          )
        ) {
          throw new DomainError('csrf_token_invalid', 'Missing or invalid CSRF token');
        }
      }
      callers.set(request, found.caller);
      if (found.renewedUntil && token) setSessionCookie(reply, token, found.renewedUntil);
    });

    app.post(
      '/api/v1/portal/auth/login',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Customer login (customer number or service username); sets the portal cookie',
          body: portalLoginSchema,
          response: { 200: portalSessionSchema },
        },
      },
      async (request, reply) => {
        const started = await portalLogin(deps, request.ctx, request.body);
        setSessionCookie(reply, started.token, started.expiresAt);
        return sessionBody(started, null);
      },
    );
    app.post(
      '/api/v1/portal/auth/link',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Exchange a one-time login link for a portal session',
          body: portalLinkExchangeSchema,
          response: { 200: portalSessionSchema },
        },
      },
      async (request, reply) => {
        const started = await exchangePortalLink(deps, request.ctx, request.body.token);
        setSessionCookie(reply, started.token, started.expiresAt);
        return sessionBody(started, started.invoiceId);
      },
    );
    app.post(
      '/api/v1/portal/auth/logout',
      { config: customer, schema: { tags, summary: 'End this portal session' } },
      async (request, reply) => {
        await portalLogout(deps, request.ctx, callerOf(request));
        reply.clearCookie(PORTAL_COOKIE, cookieOptions);
        return reply.code(204).send();
      },
    );
    app.get(
      '/api/v1/portal/me',
      { config: customer, schema: { tags, response: { 200: portalMeSchema } } },
      async (request) => portalMe(deps, callerOf(request)),
    );
    app.patch(
      '/api/v1/portal/profile',
      {
        config: customer,
        schema: { tags, body: portalProfileSchema, response: { 200: portalMeSchema } },
      },
      async (request) => {
        const caller = callerOf(request);
        await updatePortalProfile(deps, request.ctx, caller, request.body);
        return portalMe(deps, caller);
      },
    );
    app.post(
      '/api/v1/portal/password',
      { config: customer, schema: { tags, body: portalChangePasswordSchema } },
      async (request, reply) => {
        await changePortalPassword(deps, request.ctx, callerOf(request), request.body);
        return reply.code(204).send();
      },
    );
    app.get(
      '/api/v1/portal/invoices',
      {
        config: customer,
        schema: {
          tags,
          querystring: portalListQuerySchema,
          response: { 200: pageSchema(portalInvoiceSchema) },
        },
      },
      async (request) => portalInvoices(deps, callerOf(request), request.query),
    );
    app.get(
      '/api/v1/portal/invoices/:id',
      {
        config: customer,
        schema: { tags, params: idParamSchema, response: { 200: portalInvoiceDetailSchema } },
      },
      async (request) => portalInvoice(deps, callerOf(request), request.params.id),
    );
    app.get(
      '/api/v1/portal/invoices/:id/pdf',
      {
        config: customer,
        schema: {
          tags,
          summary: 'The invoice as PDF (lang: id or en; the customer’s language by default)',
          params: idParamSchema,
          querystring: portalPdfQuerySchema,
        },
      },
      async (request, reply) => {
        const pdf = await portalInvoicePdf(
          deps,
          callerOf(request),
          request.params.id,
          request.query.lang,
        );
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${pdf.filename}"`)
          .header('cache-control', 'private, no-store')
          .send(pdf.body);
      },
    );
    app.get(
      '/api/v1/portal/payments',
      {
        config: customer,
        schema: {
          tags,
          querystring: portalListQuerySchema,
          response: { 200: pageSchema(portalPaymentSchema) },
        },
      },
      async (request) => portalPayments(deps, callerOf(request), request.query),
    );

    registerCheckoutRoutes(app, deps, (request) => callerOf(request).customerId);
    registerPortalDeviceRoutes(app, deps, (request) => callerOf(request).customerId);
    registerPortalUsageRoutes(app, deps, (request) => callerOf(request).customerId);
    registerPortalLiveRoutes(app, deps, (request) => callerOf(request).customerId);

    // Staff: hand out portal access.
    app.post(
      '/api/v1/customers/:id/portal-link',
      {
        config: { ability: 'customers:write' },
        schema: {
          tags: ['customers', 'portal'],
          summary: 'A one-time portal login link (72 h); the URL is shown only here',
          params: idParamSchema,
          body: createPortalLinkSchema,
          response: { 201: portalLinkSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await createPortalLinkForCustomer(deps, request.ctx, request.params.id, request.body),
          ),
    );
    app.put(
      '/api/v1/customers/:id/portal-password',
      {
        config: { ability: 'customers:write' },
        schema: {
          tags: ['customers', 'portal'],
          summary: "Set the customer's portal password; ends the customer's portal sessions",
          params: idParamSchema,
          body: setPortalPasswordSchema,
        },
      },
      async (request, reply) => {
        await setPortalPassword(deps, request.ctx, request.params.id, request.body.password);
        return reply.code(204).send();
      },
    );
  };
}
