import type { BillingSettings } from '@jaring/contracts';

/** The settings form as typed text; converted back to the API document on save. */
export interface SettingsDraft {
  name: string;
  address: string;
  phone: string;
  email: string;
  taxId: string;
  logoDataUrl: string | null;
  bankAccounts: { bank: string; accountNumber: string; accountName: string }[];
  prefix: string;
  footer: string;
  reminderDays: string;
  suspendAfterDays: string;
  terminateAfterDays: string;
}

export function draftFrom(settings: BillingSettings): SettingsDraft {
  return {
    name: settings.company.name,
    address: settings.company.address ?? '',
    phone: settings.company.phone ?? '',
    email: settings.company.email ?? '',
    taxId: settings.company.taxId ?? '',
    logoDataUrl: settings.company.logoDataUrl,
    bankAccounts: settings.company.bankAccounts.map((account) => ({ ...account })),
    prefix: settings.invoice.prefix,
    footer: settings.invoice.footer ?? '',
    reminderDays: settings.dunning.reminderDays.join(', '),
    suspendAfterDays: settings.dunning.suspendAfterDays?.toString() ?? '',
    terminateAfterDays: settings.dunning.terminateAfterDays?.toString() ?? '',
  };
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** `-3, 0, 3` -> [-3, 0, 3]; anything that is not a whole number stays as NaN for the schema to reject. */
export function parseDays(text: string): number[] {
  return text
    .split(/[,\s;]+/)
    .filter((part) => part !== '')
    .map((part) => (/^[-+]?\d+$/.test(part) ? Number(part) : Number.NaN));
}

function optionalDays(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function settingsFrom(draft: SettingsDraft): BillingSettings {
  return {
    company: {
      name: draft.name.trim(),
      address: orNull(draft.address),
      phone: orNull(draft.phone),
      email: orNull(draft.email),
      taxId: orNull(draft.taxId),
      logoDataUrl: draft.logoDataUrl,
      bankAccounts: draft.bankAccounts.map((account) => ({
        bank: account.bank.trim(),
        accountNumber: account.accountNumber.trim(),
        accountName: account.accountName.trim(),
      })),
    },
    invoice: { prefix: draft.prefix.trim(), footer: orNull(draft.footer) },
    dunning: {
      reminderDays: [...new Set(parseDays(draft.reminderDays))].sort((a, b) => a - b),
      suspendAfterDays: optionalDays(draft.suspendAfterDays),
      terminateAfterDays: optionalDays(draft.terminateAfterDays),
    },
  };
}

/** Raw bytes allowed for a logo: the data URL (base64, +33%) must stay under the API's limit. */
export const LOGO_MAX_BYTES = 200 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;

export type LogoProblem = 'type' | 'size' | null;

export function logoProblem(file: Pick<File, 'type' | 'size'>): LogoProblem {
  if (!(LOGO_TYPES as readonly string[]).includes(file.type)) return 'type';
  if (file.size > LOGO_MAX_BYTES) return 'size';
  return null;
}
