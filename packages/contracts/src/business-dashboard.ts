import { z } from 'zod';
import { calendarDateSchema } from './customers.ts';
import { rupiahOutSchema } from './money.ts';

// The business dashboard: the owner's and finance's monthly figures with their trend.

export const BUSINESS_DASHBOARD_MAX_MONTHS = 36;

export const businessDashboardQuerySchema = z.strictObject({
  /** How many months the trend covers, the current one included. */
  months: z.coerce.number().int().min(1).max(BUSINESS_DASHBOARD_MAX_MONTHS).default(12),
  /**
   * The last day counted (APP_TIMEZONE); today when absent, never later. Its month is the
   * current, partial month; figures are rebuilt as they stood at the end of that day where the
   * data keeps the history (terminations, voids, reversals), and as they stand now otherwise
   * (gateway transaction outcomes, plan prices).
   */
  asOf: calendarDateSchema.optional(),
});
export type BusinessDashboardQuery = z.infer<typeof businessDashboardQuerySchema>;

/** A rate in basis points (10000 = 100%), rounded down; null when the denominator is zero. */
const rateBpSchema = z.number().int().nullable();

export const businessMonthSchema = z.object({
  /** `YYYY-MM` in APP_TIMEZONE. */
  month: z.string(),
  /** First day counted. */
  from: z.string(),
  /** Last day counted: the month's last day, or `asOf` in the current month. */
  to: z.string(),
  /** The current month, counted only up to `asOf`: flows (new, churned, money) are month to date. */
  partial: z.boolean(),
  /**
   * Subscriptions in service at the end of `to`: started (start date on or before it, activated,
   * so not pending) and not terminated by then. Isolated and suspended subscriptions count: they
   * are still customers and still billed; only termination ends a subscription.
   */
  activeSubscribers: z.number().int(),
  /** Subscriptions whose start date falls in the month (pending ones excluded until activated). */
  newSubscriptions: z.number().int(),
  /**
   * Churn: subscriptions terminated in the month (by staff or by dunning). Jaring has no
   * separate cancelled state: termination is the only end of a subscription, and a terminated
   * subscription is frozen, so its last update is the moment it was terminated. A subscription
   * terminated before its start date never started and counts neither as new nor as churned.
   */
  churnedSubscriptions: z.number().int(),
  /** churned / subscribers at the start of the month (the previous month's `activeSubscribers`). */
  churnRateBp: rateBpSchema,
  /**
   * Monthly recurring revenue at the end of `to`: the list price of each active subscription's
   * plan, before tax (PPN) and discounts, as a monthly amount (quarterly / 3, yearly / 12),
   * summed and rounded half-up to whole rupiah. Prices are today's plan and price of each
   * subscription: Jaring keeps no price history.
   */
  mrr: rupiahOutSchema,
  /** mrr / activeSubscribers rounded half-up (before tax); null without subscribers. */
  arpu: rupiahOutSchema.nullable(),
  /** Invoices issued in the month (by issue date), drafts and voided ones excluded. */
  invoiceCount: z.number().int(),
  /** Their total, tax included: what customers were asked to pay. */
  invoiced: rupiahOutSchema,
  /**
   * Money received in the month (payments by their received time, every channel, overpayments
   * included), minus payments reversed by the end of `asOf`. Tax included, like `invoiced`.
   */
  collected: rupiahOutSchema,
  /**
   * collected / invoiced of the same month: cash in against billing. It can pass 100% when
   * arrears are paid; the share of a month's invoices paid so far is `/reports/collection`.
   */
  collectionRateBp: rateBpSchema,
  /** Unpaid balance of every issued, unvoided invoice at the end of `to` (the aging report's total). */
  outstanding: rupiahOutSchema,
  /**
   * Online checkouts (gateway transactions) started in the month, by their outcome today:
   * paid (refunded later included), failed, expired, still pending.
   */
  gatewayTransactions: z.object({
    paid: z.number().int(),
    failed: z.number().int(),
    expired: z.number().int(),
    pending: z.number().int(),
  }),
  /** Online payment success: paid / (paid + failed + expired); pending ones are left out. */
  paymentSuccessRateBp: rateBpSchema,
  /** Network uptime in the month (0–100) from monitoring; null when there is no data. */
  networkUptimePercent: z.number().min(0).max(100).nullable(),
});
export type BusinessMonth = z.infer<typeof businessMonthSchema>;

export const businessDashboardSchema = z.object({
  asOf: z.string(),
  timezone: z.string(),
  currency: z.literal('IDR'),
  /** The month of `asOf`, month to date (the last element of `trend`). */
  current: businessMonthSchema,
  /** The month before (the one but last of `trend`); null when the trend has one month. */
  previous: businessMonthSchema.nullable(),
  /** Oldest first, ending with the current month. */
  trend: z.array(businessMonthSchema),
});
export type BusinessDashboard = z.infer<typeof businessDashboardSchema>;
