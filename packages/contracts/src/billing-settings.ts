import { z } from 'zod';

/** One bank account printed on invoices and receipts. */
export const bankAccountSchema = z.strictObject({
  bank: z.string().trim().min(2).max(60),
  accountNumber: z
    .string()
    .trim()
    .regex(/^[0-9 .-]{4,30}$/, { message: 'must be digits' }),
  accountName: z.string().trim().min(2).max(100),
});

/**
 * The operator's billing settings, one document. Defaults apply to every field an operator has
 * not set; per-subscription terms (billing day, lead time, grace days ...) live on the
 * subscription and override these where both exist.
 */
export const billingSettingsSchema = z.strictObject({
  company: z.strictObject({
    name: z.string().trim().min(1).max(120),
    address: z.string().trim().max(500).nullable(),
    phone: z.string().trim().max(40).nullable(),
    email: z.email().nullable(),
    /** NPWP, printed on invoices when the operator charges PPN. */
    taxId: z.string().trim().max(40).nullable(),
    /** A PNG or JPEG as a data: URL, at most ~200 kB. */
    logoDataUrl: z
      .string()
      .max(280_000)
      .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, {
        message: 'must be a PNG or JPEG data URL',
      })
      .nullable(),
    bankAccounts: z.array(bankAccountSchema).max(5),
  }),
  invoice: z.strictObject({
    /** Invoice numbers are `PREFIX-YYYY-000001`. */
    prefix: z.string().regex(/^[A-Za-z0-9]{1,12}$/, { message: 'letters and digits, at most 12' }),
    /** Printed at the bottom of every invoice. */
    footer: z.string().trim().max(500).nullable(),
  }),
  dunning: z.strictObject({
    /** Days relative to the due date on which a reminder goes out: negative before, 0 on, positive after. */
    reminderDays: z.array(z.number().int().min(-30).max(60)).max(8),
    /** Days after the due date (past each subscription's grace) to suspend; null: never. */
    suspendAfterDays: z.number().int().min(1).max(365).nullable(),
    /** Days after the due date to terminate; null: never. */
    terminateAfterDays: z.number().int().min(1).max(730).nullable(),
  }),
});
export type BillingSettings = z.infer<typeof billingSettingsSchema>;

export const DEFAULT_BILLING_SETTINGS: BillingSettings = {
  company: {
    name: 'Jaring ISP',
    address: null,
    phone: null,
    email: null,
    taxId: null,
    logoDataUrl: null,
    bankAccounts: [],
  },
  invoice: { prefix: 'INV', footer: null },
  dunning: { reminderDays: [-3, 0, 3], suspendAfterDays: 30, terminateAfterDays: null },
};
