import { DEFAULT_BILLING_SETTINGS, billingSettingsSchema } from '@jaring/contracts';
import { describe, expect, test } from 'vitest';
import { draftFrom, logoProblem, parseDays, settingsFrom } from './draft';

describe('billing settings draft', () => {
  test('round-trips the defaults', () => {
    const settings = settingsFrom(draftFrom(DEFAULT_BILLING_SETTINGS));
    expect(settings).toEqual(DEFAULT_BILLING_SETTINGS);
    expect(billingSettingsSchema.safeParse(settings).success).toBe(true);
  });

  test('reminder days: sorted, unique, bad parts rejected by the schema', () => {
    expect(parseDays('3, -3 0;0')).toEqual([3, -3, 0, 0]);
    const draft = { ...draftFrom(DEFAULT_BILLING_SETTINGS), reminderDays: '7, -1, 7' };
    expect(settingsFrom(draft).dunning.reminderDays).toEqual([-1, 7]);
    const bad = { ...draftFrom(DEFAULT_BILLING_SETTINGS), reminderDays: 'x' };
    expect(billingSettingsSchema.safeParse(settingsFrom(bad)).success).toBe(false);
  });

  test('empty suspend/terminate days mean never', () => {
    const draft = { ...draftFrom(DEFAULT_BILLING_SETTINGS), suspendAfterDays: ' ' };
    expect(settingsFrom(draft).dunning.suspendAfterDays).toBeNull();
  });

  test('logo: PNG or JPEG up to 200 kB', () => {
    expect(logoProblem({ type: 'image/png', size: 10_000 })).toBeNull();
    expect(logoProblem({ type: 'image/gif', size: 10 })).toBe('type');
    expect(logoProblem({ type: 'image/jpeg', size: 300_000 })).toBe('size');
  });
});
