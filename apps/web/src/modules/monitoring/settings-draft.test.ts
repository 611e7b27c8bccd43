import { DEFAULT_MONITORING_SETTINGS, monitoringSettingsSchema } from '@jaring/contracts';
import { describe, expect, test } from 'vitest';
import { decimal, draftFrom, RULE_FIELDS, RULE_KEYS, settingsFrom } from './settings-draft';

describe('monitoring settings draft', () => {
  test('every rule of the contract has its fields listed', () => {
    expect(RULE_KEYS.sort()).toEqual(Object.keys(DEFAULT_MONITORING_SETTINGS.rules).sort());
    for (const key of RULE_KEYS) {
      const {
        enabled: _e,
        severity: _s,
        notify: _n,
        ...numbers
      } = DEFAULT_MONITORING_SETTINGS.rules[key];
      expect([...RULE_FIELDS[key]].sort()).toEqual(Object.keys(numbers).sort());
    }
  });

  test('round-trips the defaults through the schema', () => {
    const settings = {
      ...DEFAULT_MONITORING_SETTINGS,
      recipients: [
        { channel: 'email' as const, recipient: 'noc@example.net', locale: 'en' as const },
      ],
    };
    const parsed = monitoringSettingsSchema.safeParse(settingsFrom(draftFrom(settings)));
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(settings);
  });

  test('edits become numbers; malformed ones fail validation at their path', () => {
    const draft = draftFrom(DEFAULT_MONITORING_SETTINGS);
    draft.rules.deviceRxPower.values.thresholdDbm = '-25,5';
    draft.rules.routerCpu.values.thresholdPercent = 'lots';
    draft.recipients.push({ key: 'x', channel: 'telegram', recipient: '  ', locale: 'id' });
    const body = settingsFrom(draft) as { rules: { deviceRxPower: { thresholdDbm: number } } };
    expect(body.rules.deviceRxPower.thresholdDbm).toBe(-25.5);
    const parsed = monitoringSettingsSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toContain('rules.routerCpu.thresholdPercent');
    expect(paths).toContain('recipients.0.recipient');
  });

  test('decimals', () => {
    expect(decimal('-27')).toBe(-27);
    expect(decimal(' 1,5 ')).toBe(1.5);
    expect(decimal('')).toBeNaN();
  });
});
