import { describe, expect, test } from 'vitest';
import {
  formatPhone,
  formatRate,
  formatRupiah,
  parseCoordinate,
  percentToBp,
  rateLimitPreview,
  rupiahDigits,
  splitRate,
  toKbps,
} from './network-format';

describe('rupiah', () => {
  test('formats with dot thousands', () => {
    expect(formatRupiah('150000')).toBe('Rp 150.000');
    expect(formatRupiah('0')).toBe('Rp 0');
    expect(formatRupiah('1250000')).toBe('Rp 1.250.000');
    expect(formatRupiah('-5000')).toBe('-Rp 5.000');
    expect(formatRupiah(null)).toBe('—');
  });

  test('keeps only digits of typed input', () => {
    expect(rupiahDigits('Rp 150.000')).toBe('150000');
    expect(rupiahDigits('007')).toBe('7');
    expect(rupiahDigits('abc')).toBe('');
  });
});

describe('rates', () => {
  test('formats and splits', () => {
    expect(formatRate(10_000)).toBe('10 Mbps');
    expect(formatRate(1500)).toBe('1.5 Mbps');
    expect(formatRate(512)).toBe('512 kbps');
    expect(splitRate(20_000)).toEqual({ value: '20', unit: 'mbps' });
    expect(splitRate(1500)).toEqual({ value: '1500', unit: 'kbps' });
  });

  test('parses typed rates', () => {
    expect(toKbps('10', 'mbps')).toBe(10_000);
    expect(toKbps('1,5', 'mbps')).toBe(1500);
    expect(toKbps('512', 'kbps')).toBe(512);
    expect(toKbps('x', 'kbps')).toBeNaN();
  });
});

test('percent and coordinates', () => {
  expect(percentToBp('11')).toBe(1100);
  expect(percentToBp('12,5')).toBe(1250);
  expect(percentToBp('')).toBeNaN();
  expect(parseCoordinate('')).toBeNull();
  expect(parseCoordinate('-6.2')).toBe(-6.2);
  expect(parseCoordinate('abc')).toBeNaN();
});

test('rate-limit preview puts the upload first', () => {
  expect(rateLimitPreview(10_000, 2000)).toBe('2M/10M');
  expect(rateLimitPreview(512, 256)).toBe('256k/512k');
  expect(
    rateLimitPreview(10_000, 2000, {
      downloadKbps: 20_000,
      uploadKbps: 4000,
      thresholdDownloadKbps: 8000,
      thresholdUploadKbps: 1500,
      seconds: 16,
    }),
  ).toBe('2M/10M 4M/20M 1500k/8M 16/16');
});

test('phone numbers read like phone numbers', () => {
  expect(formatPhone('6281234567890')).toBe('+62 812-3456-7890');
  expect(formatPhone(null)).toBe('—');
  expect(formatPhone('123')).toBe('123');
});
