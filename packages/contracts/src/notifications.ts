// Request and response schemas of the notifications API.
import { z } from 'zod';
import { paginationQuerySchema } from './pagination.ts';

export const notificationChannelSchema = z.enum(['email', 'whatsapp', 'telegram']);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

export const NOTIFICATION_TEMPLATES = [
  'invoice_issued',
  'reminder_before_due',
  'reminder_due_today',
  'reminder_overdue',
  'service_isolated',
  'service_restored',
  'payment_received',
  'alert_opened',
  'alert_resolved',
] as const;
export const notificationTemplateIdSchema = z.enum(NOTIFICATION_TEMPLATES);
export type NotificationTemplateId = z.infer<typeof notificationTemplateIdSchema>;

export const notificationLocaleSchema = z.enum(['id', 'en']);
export const notificationStatusSchema = z.enum(['pending', 'sent', 'failed', 'skipped']);

/** The variables a template may use as `{{name}}`. */
export const NOTIFICATION_VARIABLES = [
  'name',
  'customerNumber',
  'invoiceNumber',
  'amount',
  'dueDate',
  'paymentLink',
  'alertTitle',
  'alertSeverity',
  'alertTime',
  'alertLink',
] as const;

const hostSchema = z.string().trim().min(1).max(253);
const rateSchema = z.number().int().min(1).max(6000);
const secretIn = z.string().min(1).max(2000).nullable().optional();

/**
 * Channel settings as the operator writes them. Secrets (SMTP password, gateway token, bot
 * token): absent keeps the stored one, null clears it, a string replaces it.
 */
export const updateNotificationSettingsSchema = z.strictObject({
  email: z.strictObject({
    enabled: z.boolean(),
    host: hostSchema.nullable(),
    port: z.number().int().min(1).max(65535),
    /** True: TLS from the first byte (port 465); false: STARTTLS when offered. */
    secure: z.boolean(),
    user: z.string().trim().max(200).nullable(),
    password: secretIn,
    from: z.string().trim().min(3).max(200).nullable(),
    ratePerMinute: rateSchema,
  }),
  whatsapp: z.strictObject({
    enabled: z.boolean(),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable(),
    method: z.enum(['POST', 'GET']),
    /** Header values may use `{{token}}`, e.g. `Authorization: {{token}}` (Fonnte, Wablas). */
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,100}$/), z.string().max(2000)),
    /** `{{to}}` and `{{message}}` are replaced (JSON-escaped or URL-encoded as `format` says). */
    bodyTemplate: z.string().min(1).max(4000),
    format: z.enum(['json', 'form']),
    token: secretIn,
    ratePerMinute: rateSchema,
  }),
  telegram: z.strictObject({
    enabled: z.boolean(),
    baseUrl: z.url({ protocol: /^https?$/ }).max(2000),
    botToken: secretIn,
    ratePerMinute: rateSchema,
  }),
  /** Attempts before a message is given up as failed. */
  maxAttempts: z.number().int().min(1).max(20),
});
export type UpdateNotificationSettings = z.infer<typeof updateNotificationSettingsSchema>;

/** Channel settings as the API returns them: secrets only as `has...` flags. */
export const notificationSettingsSchema = z.object({
  email: updateNotificationSettingsSchema.shape.email
    .omit({ password: true })
    .extend({ hasPassword: z.boolean() }),
  whatsapp: updateNotificationSettingsSchema.shape.whatsapp
    .omit({ token: true })
    .extend({ hasToken: z.boolean() }),
  telegram: updateNotificationSettingsSchema.shape.telegram
    .omit({ botToken: true })
    .extend({ hasBotToken: z.boolean() }),
  maxAttempts: z.number().int(),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const notificationSchema = z.object({
  id: z.string(),
  customerId: z.string().nullable(),
  channel: notificationChannelSchema,
  recipient: z.string(),
  template: z.string(),
  locale: notificationLocaleSchema,
  subject: z.string().nullable(),
  body: z.string(),
  status: notificationStatusSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  providerId: z.string().nullable(),
  sendAfter: z.string(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const listNotificationsQuerySchema = paginationQuerySchema.extend({
  status: notificationStatusSchema.optional(),
  channel: notificationChannelSchema.optional(),
  template: notificationTemplateIdSchema.optional(),
  customerId: z.uuid().optional(),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;

export const customerNotificationsQuerySchema = paginationQuerySchema;

export const notificationTemplateSchema = z.object({
  template: notificationTemplateIdSchema,
  locale: notificationLocaleSchema,
  channel: notificationChannelSchema,
  subject: z.string().nullable(),
  body: z.string(),
  /** False: the built-in text; true: the operator's override. */
  custom: z.boolean(),
});
export type NotificationTemplate = z.infer<typeof notificationTemplateSchema>;

export const notificationTemplateParamsSchema = z.strictObject({
  template: notificationTemplateIdSchema,
  locale: notificationLocaleSchema,
  channel: notificationChannelSchema,
});

/** `body: null` removes the override (back to the built-in text). */
export const putNotificationTemplateSchema = z.strictObject({
  subject: z.string().trim().max(300).nullable(),
  body: z.string().trim().min(1).max(4000).nullable(),
});
