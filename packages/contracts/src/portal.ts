import { z } from 'zod';
import { localeSchema } from './auth.ts';
import { invoiceSchema, invoiceWithLinesSchema } from './billing.ts';
import { phoneSchema } from './customers.ts';
import { rupiahOutSchema } from './money.ts';
import { planTypeSchema } from './network.ts';
import { paginationQuerySchema } from './pagination.ts';
import { paymentMethodSchema, paymentStatusSchema } from './payments.ts';

// Request and response schemas of the customer portal API (/api/v1/portal/*) and of the staff
// endpoints that hand out portal access (/api/v1/customers/:id/portal-*).

/** Portal passwords: the same floor staff may set for a customer. */
export const portalPasswordSchema = z.string().min(8).max(200);

export const portalLoginSchema = z.strictObject({
  /** The customer number, or the PPPoE/hotspot username of one of the customer's services. */
  login: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[^\p{Cc}]*$/u, { message: 'must not contain control characters' }),
  password: z.string().min(1).max(200),
});
export type PortalLogin = z.infer<typeof portalLoginSchema>;

export const portalLinkExchangeSchema = z.strictObject({
  token: z
    .string()
    .min(16)
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, { message: 'not a link token' }),
});
export type PortalLinkExchange = z.infer<typeof portalLinkExchangeSchema>;

export const createPortalLinkSchema = z.strictObject({
  /** Land on this invoice after signing in (it must belong to the customer). */
  invoiceId: z.uuid().optional(),
});
export type CreatePortalLink = z.infer<typeof createPortalLinkSchema>;

/** The link is shown once: only its hash is stored. */
export const portalLinkSchema = z.object({
  url: z.string(),
  expiresAt: z.string(),
});
export type PortalLink = z.infer<typeof portalLinkSchema>;

export const setPortalPasswordSchema = z.strictObject({ password: portalPasswordSchema });
export type SetPortalPassword = z.infer<typeof setPortalPasswordSchema>;

/** Why a service is cut off: `unpaid` (dunning, lifted by paying) or `operator` (staff). */
export const portalIsolationReasonSchema = z.enum(['unpaid', 'operator']);
export type PortalIsolationReason = z.infer<typeof portalIsolationReasonSchema>;

export const portalSubscriptionSchema = z.object({
  id: z.string(),
  type: planTypeSchema,
  username: z.string(),
  planName: z.string(),
  downloadKbps: z.number().int(),
  uploadKbps: z.number().int(),
  status: z.enum(['pending', 'active', 'isolated', 'suspended', 'terminated']),
  /** Set only when `status` is `isolated`. */
  isolatedReason: portalIsolationReasonSchema.nullable(),
});
export type PortalSubscription = z.infer<typeof portalSubscriptionSchema>;

export const portalMeSchema = z.object({
  customer: z.object({
    id: z.string(),
    number: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
    locale: localeSchema,
    /** False for a customer who only ever signed in through a link: no current password to ask. */
    hasPassword: z.boolean(),
  }),
  subscriptions: z.array(portalSubscriptionSchema),
  creditBalance: rupiahOutSchema,
  /** Sum of the balance due of every issued, partly paid or overdue invoice. */
  outstanding: rupiahOutSchema,
  overdueInvoices: z.number().int(),
  /** Send it as `x-csrf-token` on every POST/PATCH/PUT/DELETE of the portal. */
  csrfToken: z.string(),
});
export type PortalMe = z.infer<typeof portalMeSchema>;

/** Login and link exchange: the signed-in customer, and where the SPA should go next. */
export const portalSessionSchema = z.object({
  me: portalMeSchema,
  /** Absent: the dashboard. */
  invoiceId: z.string().nullable(),
});
export type PortalSession = z.infer<typeof portalSessionSchema>;

export const portalInvoiceSchema = invoiceSchema;
export type PortalInvoice = z.infer<typeof portalInvoiceSchema>;

export const portalInvoicePaymentSchema = z.object({
  /** `payment` (money received) or `credit` (the customer's credit balance used). */
  source: z.enum(['payment', 'credit']),
  paymentNumber: z.string().nullable(),
  method: paymentMethodSchema.nullable(),
  amount: rupiahOutSchema,
  at: z.string(),
  reversed: z.boolean(),
});
export type PortalInvoicePayment = z.infer<typeof portalInvoicePaymentSchema>;

export const portalInvoiceDetailSchema = invoiceWithLinesSchema.extend({
  payments: z.array(portalInvoicePaymentSchema),
});
export type PortalInvoiceDetail = z.infer<typeof portalInvoiceDetailSchema>;

export const portalPaymentSchema = z.object({
  id: z.string(),
  number: z.string(),
  method: paymentMethodSchema,
  channel: z.string().nullable(),
  amount: rupiahOutSchema,
  /** The part that went to the credit balance. */
  credited: rupiahOutSchema,
  receivedAt: z.string(),
  status: paymentStatusSchema,
  invoices: z.array(
    z.object({
      invoiceId: z.string(),
      invoiceNumber: z.string().nullable(),
      amount: rupiahOutSchema,
    }),
  ),
  createdAt: z.string(),
});
export type PortalPayment = z.infer<typeof portalPaymentSchema>;

export const portalListQuerySchema = paginationQuerySchema;
export type PortalListQuery = z.infer<typeof portalListQuerySchema>;

export const portalPdfQuerySchema = z.strictObject({ lang: localeSchema.optional() });

export const portalProfileSchema = z
  .strictObject({
    phone: phoneSchema.nullable().optional(),
    email: z.email().max(254).nullable().optional(),
    locale: localeSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one field is required' });
export type PortalProfile = z.infer<typeof portalProfileSchema>;

export const portalChangePasswordSchema = z.strictObject({
  /** Required when the customer has a password; a link-only customer sets a first one without. */
  currentPassword: z.string().min(1).max(200).optional(),
  newPassword: portalPasswordSchema,
});
export type PortalChangePassword = z.infer<typeof portalChangePasswordSchema>;
