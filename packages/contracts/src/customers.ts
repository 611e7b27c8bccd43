import { z } from 'zod';
import { paginationQuerySchema } from './pagination.ts';
import { planTypeSchema } from './network.ts';
import { freeTextSchema, plainTextNameSchema, searchTextSchema } from './text.ts';

const latitude = z.number().min(-90).max(90).nullable().optional();
const longitude = z.number().min(-180).max(180).nullable().optional();

/** Indonesian mobile numbers, normalised to 62xxxxxxxxxx (the form WhatsApp gateways expect). */
export const phoneSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s().-]/g, ''))
  .pipe(
    z.string().regex(/^(\+?62|0)8\d{7,12}$/, { message: 'must be an Indonesian mobile number' }),
  )
  .transform((v) => v.replace(/^\+?62/, '62').replace(/^0/, '62'));

/** NIK: 16 digits. */
export const nationalIdSchema = z
  .string()
  .trim()
  .regex(/^\d{16}$/, { message: 'must be 16 digits' });

export const customerStatusSchema = z.enum(['active', 'inactive']);

const customerFields = {
  name: plainTextNameSchema(120),
  phone: phoneSchema.nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  address: freeTextSchema(500).nullable().optional(),
  nationalId: nationalIdSchema.nullable().optional(),
  latitude,
  longitude,
  notes: freeTextSchema(2000).nullable().optional(),
  siteId: z.uuid().nullable().optional(),
  odpId: z.uuid().nullable().optional(),
  odpPort: z.number().int().min(1).max(1024).nullable().optional(),
  resellerId: z.uuid().nullable().optional(),
  portalPassword: z.string().min(8).max(200).nullable().optional(),
};

export const createCustomerSchema = z.strictObject(customerFields);
export type CreateCustomer = z.infer<typeof createCustomerSchema>;

export const updateCustomerSchema = z
  .strictObject({
    ...customerFields,
    name: customerFields.name.optional(),
    status: customerStatusSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one field is required' });
export type UpdateCustomer = z.infer<typeof updateCustomerSchema>;

export const customerSchema = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  /** Full NIK for roles with `customers:read-identity`, masked to the last 4 digits otherwise. */
  nationalId: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  notes: z.string().nullable(),
  status: customerStatusSchema,
  siteId: z.string().nullable(),
  odpId: z.string().nullable(),
  odpPort: z.number().nullable(),
  resellerId: z.string().nullable(),
  hasPortalLogin: z.boolean(),
  /** Language of the customer's messages and documents. */
  locale: z.enum(['id', 'en']),
  /** Rupiah held for the customer (overpayments), applied to the next invoices. */
  creditBalance: z.string().regex(/^\d+$/),
  /** Dunning leaves the customer alone. */
  dunningExempt: z.boolean(),
  /** No isolation until the day after this date. */
  promiseToPayUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Customer = z.infer<typeof customerSchema>;

export const listCustomersQuerySchema = paginationQuerySchema.extend({
  q: searchTextSchema(100).optional(),
  status: customerStatusSchema.optional(),
  routerId: z.uuid().optional(),
  odpId: z.uuid().optional(),
});
export type ListCustomersQuery = z.infer<typeof listCustomersQuerySchema>;

export const subscriptionStatusSchema = z.enum([
  'pending',
  'active',
  'isolated',
  'suspended',
  'terminated',
]);
export type SubscriptionStatus = z.infer<typeof subscriptionStatusSchema>;

/** PPPoE/hotspot user names as RouterOS accepts them, without spaces or quotes. */
export const serviceUsernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, { message: 'letters, digits and . _ @ - only' });

export const servicePasswordSchema = z
  .string()
  .min(4)
  .max(64)
  .regex(/^[\x21-\x7e]+$/, { message: 'printable ASCII without spaces' });

const ipv4 = z.ipv4();

/** A real calendar day (no 30 February) in a sane range, as YYYY-MM-DD. */
export const calendarDateSchema = z.iso.date().refine(
  (v) => {
    const year = Number(v.slice(0, 4));
    const d = new Date(`${v}T00:00:00Z`);
    return (
      year >= 2000 && year <= 2999 && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v)
    );
  },
  { message: 'must be a real date between 2000 and 2999' },
);

export const createSubscriptionSchema = z.strictObject({
  customerId: z.uuid(),
  planId: z.uuid(),
  routerId: z.uuid(),
  username: serviceUsernameSchema,
  /** Generated when omitted. */
  password: servicePasswordSchema.optional(),
  staticIp: ipv4.nullable().optional(),
  startDate: calendarDateSchema.optional(),
  billingDay: z.number().int().min(1).max(31).nullable().optional(),
  billingAnchor: z.enum(['fixed', 'anniversary']).optional(),
  billingMode: z.enum(['prepaid', 'postpaid']).optional(),
  invoiceLeadDays: z.number().int().min(0).max(60).optional(),
  dueOffsetDays: z.number().int().min(0).max(90).optional(),
  graceDays: z.number().int().min(0).max(90).optional(),
  autoIsolate: z.boolean().optional(),
  /** Activate right away (default), or leave pending until installation is done. */
  activate: z.boolean().default(true),
});
export type CreateSubscription = z.infer<typeof createSubscriptionSchema>;

export const changePlanSchema = z.strictObject({
  planId: z.uuid(),
  effective: z.enum(['now', 'next_period']).default('now'),
});
export const billingAnchorSchema = z.enum(['fixed', 'anniversary']);
export const billingModeSchema = z.enum(['prepaid', 'postpaid']);

/**
 * A subscription's billing terms. `billingDay` (1–31) is the fixed anchor; in shorter months the
 * period starts on the month's last day. `anniversary` anchors on the start date's day instead.
 */
export const updateSubscriptionBillingSchema = z
  .strictObject({
    billingAnchor: billingAnchorSchema.optional(),
    billingDay: z.number().int().min(1).max(31).nullable().optional(),
    billingMode: billingModeSchema.optional(),
    invoiceLeadDays: z.number().int().min(0).max(60).optional(),
    dueOffsetDays: z.number().int().min(0).max(90).optional(),
    graceDays: z.number().int().min(0).max(90).optional(),
    autoIsolate: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one field is required' });
export type UpdateSubscriptionBilling = z.infer<typeof updateSubscriptionBillingSchema>;

export const moveSubscriptionSchema = z.strictObject({ routerId: z.uuid() });
export const updateSubscriptionCredentialsSchema = z
  .strictObject({
    password: servicePasswordSchema.optional(),
    staticIp: ipv4.nullable().optional(),
    billingDay: z.number().int().min(1).max(31).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one field is required' });

export const subscriptionSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  planId: z.string(),
  routerId: z.string(),
  type: planTypeSchema,
  username: z.string(),
  staticIp: z.string().nullable(),
  status: subscriptionStatusSchema,
  startDate: z.string().nullable(),
  billingDay: z.number().nullable(),
  billingAnchor: billingAnchorSchema,
  billingMode: billingModeSchema,
  invoiceLeadDays: z.number().int(),
  dueOffsetDays: z.number().int(),
  graceDays: z.number().int(),
  autoIsolate: z.boolean(),
  nextPlanId: z.string().nullable(),
  nextPlanFrom: z.string().nullable(),
  /** `pending` while the router has not yet applied the latest change. */
  routerSync: z.enum(['synced', 'pending']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

export const listSubscriptionsQuerySchema = paginationQuerySchema.extend({
  customerId: z.uuid().optional(),
  routerId: z.uuid().optional(),
  planId: z.uuid().optional(),
  status: subscriptionStatusSchema.optional(),
  q: searchTextSchema(64).optional(),
});
export type ListSubscriptionsQuery = z.infer<typeof listSubscriptionsQuerySchema>;
export type ChangePlan = z.infer<typeof changePlanSchema>;
export type MoveSubscription = z.infer<typeof moveSubscriptionSchema>;
export type UpdateSubscriptionCredentials = z.infer<typeof updateSubscriptionCredentialsSchema>;

export const subscriptionActionSchema = z.enum([
  'activate',
  'isolate',
  'restore',
  'suspend',
  'terminate',
]);
export type SubscriptionAction = z.infer<typeof subscriptionActionSchema>;

/** The service credentials in clear, for the technician configuring the CPE. */
export const subscriptionCredentialsSchema = z.object({
  username: z.string(),
  password: z.string().nullable(),
  staticIp: z.string().nullable(),
});
export type SubscriptionCredentials = z.infer<typeof subscriptionCredentialsSchema>;
