import {
  billingSettingsSchema,
  DEFAULT_BILLING_SETTINGS,
  type BillingSettings,
} from '@jaring/contracts';
import type { Executor } from '../../db/database.ts';
import { readSetting } from '../customers/queries.ts';

export const BILLING_SETTINGS_KEY = 'billing.settings';

/**
 * The stored settings merged over the defaults, section by section, so a setting added in a later
 * version has its default until the operator sets it. A stored document that no longer validates
 * falls back to the defaults of the sections that fail.
 */
export async function readBillingSettings(db: Executor): Promise<BillingSettings> {
  const stored = await readSetting(db, BILLING_SETTINGS_KEY);
  const raw = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<
    string,
    unknown
  >;
  const merged = {
    company: { ...DEFAULT_BILLING_SETTINGS.company, ...asObject(raw['company']) },
    invoice: { ...DEFAULT_BILLING_SETTINGS.invoice, ...asObject(raw['invoice']) },
    dunning: { ...DEFAULT_BILLING_SETTINGS.dunning, ...asObject(raw['dunning']) },
  };
  const shape = billingSettingsSchema.shape;
  return {
    company: shape.company.safeParse(merged.company).data ?? DEFAULT_BILLING_SETTINGS.company,
    invoice: shape.invoice.safeParse(merged.invoice).data ?? DEFAULT_BILLING_SETTINGS.invoice,
    dunning: shape.dunning.safeParse(merged.dunning).data ?? DEFAULT_BILLING_SETTINGS.dunning,
  };
}

function asObject(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}
