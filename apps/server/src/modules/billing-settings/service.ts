import {
  billingSettingsSchema,
  DEFAULT_BILLING_SETTINGS,
  type BillingSettings,
} from '@jaring/contracts';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { appSettings } from '../../db/schema/index.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { INVOICE_PREFIX_KEY } from '../billing/invoice-run.ts';
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

/** Stores one app setting (insert or replace). */
async function writeSetting(tx: Executor, key: string, value: unknown, at: Date): Promise<void> {
  await tx
    .insert(appSettings)
    .values({ key, value, updatedAt: at })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: at } });
}

/** The logo is up to ~280 kB of base64: the audit log records only whether it changed. */
function auditView(s: BillingSettings): unknown {
  return {
    ...s,
    company: { ...s.company, logoDataUrl: s.company.logoDataUrl === null ? null : '[image]' },
  };
}

/**
 * Replaces the billing settings document. The invoice run reads its prefix from its own key
 * (`billing.invoicePrefix`), so that key is written in the same transaction.
 */
export async function updateBillingSettings(
  deps: AppDeps,
  ctx: RequestContext,
  input: BillingSettings,
): Promise<BillingSettings> {
  return deps.db.transaction(async (tx) => {
    // Serialises concurrent saves so the document and the prefix key always agree.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${BILLING_SETTINGS_KEY}))`);
    const before = await readBillingSettings(tx);
    const now = deps.clock.now();
    await writeSetting(tx, BILLING_SETTINGS_KEY, input, now);
    await writeSetting(tx, INVOICE_PREFIX_KEY, input.invoice.prefix, now);
    await recordAudit(tx, ctx, {
      action: 'settings.billing.updated',
      entityType: 'settings',
      entityId: BILLING_SETTINGS_KEY,
      before: auditView(before),
      after: {
        ...(auditView(input) as object),
        logoChanged: before.company.logoDataUrl !== input.company.logoDataUrl,
      },
    });
    return readBillingSettings(tx);
  });
}
