import { describe, expect, test } from 'vitest';
import { classifyRxPower, deviceRxClass, formatDbm } from './signal';

describe('RX power', () => {
  test('is weak below the threshold', () => {
    expect(classifyRxPower(-27.1)).toBe('weak');
    expect(classifyRxPower(-30)).toBe('weak');
    expect(classifyRxPower(-27)).toBe('marginal');
    expect(classifyRxPower(-24.5)).toBe('marginal');
    expect(classifyRxPower(-24)).toBe('good');
    expect(classifyRxPower(-18.2)).toBe('good');
    expect(classifyRxPower(-8)).toBe('good');
  });

  test('follows a configured threshold', () => {
    expect(classifyRxPower(-26, -25)).toBe('weak');
    expect(classifyRxPower(-26, -28)).toBe('marginal');
  });

  test('too much light overloads the receiver', () => {
    expect(classifyRxPower(-7.5)).toBe('overload');
    expect(classifyRxPower(2)).toBe('overload');
  });

  test('no reading is unknown', () => {
    expect(classifyRxPower(null)).toBe('unknown');
    expect(classifyRxPower(undefined)).toBe('unknown');
    expect(classifyRxPower(Number.NaN)).toBe('unknown');
  });

  test('formats with one decimal in the locale', () => {
    expect(formatDbm(-21.43)).toBe('-21.4 dBm');
    expect(formatDbm(-21, 'id-ID')).toBe('-21,0 dBm');
    expect(formatDbm(null)).toBe('—');
  });

  test("a device's class follows the server's weak flag", () => {
    expect(deviceRxClass(-25, true)).toBe('weak');
    expect(deviceRxClass(-28, false)).toBe('marginal');
    expect(deviceRxClass(-20, false)).toBe('good');
    expect(deviceRxClass(null, false)).toBe('unknown');
  });
});
