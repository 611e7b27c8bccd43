// Request and response schemas of the dunning API.
import { z } from 'zod';
import { calendarDateSchema } from './customers.ts';

export const dunningRunRequestSchema = z.strictObject({
  /** The pass's date; today in the app's timezone when absent. */
  asOf: calendarDateSchema.optional(),
  /** True: compute and list what would happen, change nothing. */
  dryRun: z.boolean(),
});
export type DunningRunRequest = z.infer<typeof dunningRunRequestSchema>;

export const dunningActionSchema = z.enum(['isolate', 'suspend', 'terminate']);

export const dunningPreviewRowSchema = z.object({
  action: dunningActionSchema,
  subscriptionId: z.string(),
  username: z.string(),
  customerId: z.string(),
  customerNumber: z.string(),
  customerName: z.string(),
  invoiceId: z.string(),
  invoiceNumber: z.string().nullable(),
  dueDate: z.string(),
});

export const dunningRunResultSchema = z.object({
  asOf: z.string(),
  dryRun: z.boolean(),
  /** Invoices that turned overdue. */
  overdue: z.number().int(),
  /** Invoices reminded (one per invoice and reminder day). */
  reminders: z.number().int(),
  isolated: z.number().int(),
  suspended: z.number().int(),
  terminated: z.number().int(),
  /** Routers whose desired state changed (one reconcile each). */
  routers: z.number().int(),
  /** Messages put in the outbox. */
  notifications: z.number().int(),
  /** The subscriptions acted on (dry run: would be); at most 200. */
  preview: z.array(dunningPreviewRowSchema),
});
export type DunningRunResult = z.infer<typeof dunningRunResultSchema>;

export const customerDunningSchema = z.strictObject({
  /** Dunning never isolates, suspends or terminates this customer (reminders still go out). */
  exempt: z.boolean(),
  /** No isolation up to and including this date. */
  promiseToPayUntil: calendarDateSchema.nullable(),
});
export type CustomerDunning = z.infer<typeof customerDunningSchema>;

export const customerDunningOutSchema = z.object({
  customerId: z.string(),
  exempt: z.boolean(),
  promiseToPayUntil: z.string().nullable(),
});
