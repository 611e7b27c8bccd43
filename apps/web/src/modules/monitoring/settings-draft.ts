import type { AlertSeverity, MonitoringSettings, NotificationChannel } from '@jaring/contracts';
import { wholeNumber } from '../../lib/form-values';

export type RuleKey = keyof MonitoringSettings['rules'];
export type RuleField =
  | 'forMinutes'
  | 'thresholdPercent'
  | 'hours'
  | 'minSubscribers'
  | 'minPercent'
  | 'windowMinutes'
  | 'thresholdDbm';

/** The rules in the order the page shows them, with the numbers each one takes. */
export const RULE_FIELDS: Readonly<Record<RuleKey, readonly RuleField[]>> = {
  routerDown: ['forMinutes'],
  routerCpu: ['thresholdPercent', 'forMinutes'],
  routerMemory: ['thresholdPercent', 'forMinutes'],
  interfaceUtilisation: ['thresholdPercent', 'forMinutes'],
  subscriberOffline: ['hours'],
  odpOutage: ['minSubscribers', 'minPercent', 'windowMinutes'],
  deviceRxPower: ['thresholdDbm', 'forMinutes'],
  deviceOffline: ['hours'],
};
export const RULE_KEYS = Object.keys(RULE_FIELDS) as RuleKey[];

export interface RuleDraft {
  enabled: boolean;
  severity: AlertSeverity;
  notify: boolean;
  values: Partial<Record<RuleField, string>>;
}

export interface RecipientDraft {
  /** A key for the list only; never sent. */
  key: string;
  channel: NotificationChannel;
  recipient: string;
  locale: 'id' | 'en';
}

export interface SettingsDraft {
  rules: Record<RuleKey, RuleDraft>;
  clearMinutes: string;
  reopenMinutes: string;
  recipients: RecipientDraft[];
  retention: { rawDays: string; fiveMinuteDays: string; hourlyMonths: string };
}

let nextKey = 0;
export function recipientKey(): string {
  nextKey += 1;
  return `recipient-${nextKey}`;
}

export function draftFrom(settings: MonitoringSettings): SettingsDraft {
  const rules = {} as Record<RuleKey, RuleDraft>;
  for (const key of RULE_KEYS) {
    const rule = settings.rules[key] as MonitoringSettings['rules'][RuleKey] &
      Partial<Record<RuleField, number>>;
    const values: Partial<Record<RuleField, string>> = {};
    for (const field of RULE_FIELDS[key]) values[field] = String(rule[field] ?? '');
    rules[key] = { enabled: rule.enabled, severity: rule.severity, notify: rule.notify, values };
  }
  return {
    rules,
    clearMinutes: String(settings.clearMinutes),
    reopenMinutes: String(settings.reopenMinutes),
    recipients: settings.recipients.map((r) => ({ ...r, key: recipientKey() })),
    retention: {
      rawDays: String(settings.retention.rawDays),
      fiveMinuteDays: String(settings.retention.fiveMinuteDays),
      hourlyMonths: String(settings.retention.hourlyMonths),
    },
  };
}

/** A typed decimal (`-27`, `-27,5`); NaN when malformed, for the schema to reject. */
export function decimal(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The draft as the settings body, for the shared schema to validate. */
export function settingsFrom(draft: SettingsDraft): unknown {
  const rules: Record<string, unknown> = {};
  for (const key of RULE_KEYS) {
    const rule = draft.rules[key];
    const numbers: Record<string, number> = {};
    for (const field of RULE_FIELDS[key]) {
      const text = rule.values[field] ?? '';
      numbers[field] = field === 'thresholdDbm' ? decimal(text) : wholeNumber(text);
    }
    rules[key] = {
      enabled: rule.enabled,
      severity: rule.severity,
      notify: rule.notify,
      ...numbers,
    };
  }
  return {
    rules,
    clearMinutes: wholeNumber(draft.clearMinutes),
    reopenMinutes: wholeNumber(draft.reopenMinutes),
    recipients: draft.recipients.map(({ channel, recipient, locale }) => ({
      channel,
      recipient: recipient.trim(),
      locale,
    })),
    retention: {
      rawDays: wholeNumber(draft.retention.rawDays),
      fiveMinuteDays: wholeNumber(draft.retention.fiveMinuteDays),
      hourlyMonths: wholeNumber(draft.retention.hourlyMonths),
    },
  };
}
