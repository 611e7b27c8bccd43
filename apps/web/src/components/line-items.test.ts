import { describe, expect, test } from 'vitest';
import { EMPTY_LINE, lineBody, lineTotals } from './line-items';

describe('line items', () => {
  test('tax per line, rounded half-up like the server', () => {
    const lines = [
      { ...EMPTY_LINE, description: 'Instalasi', unitAmount: '150000' },
      { ...EMPTY_LINE, description: 'Kabel', quantity: '3', unitAmount: '4545' },
    ];
    // 150000 × 11% = 16500; 13635 × 11% = 1499.85 -> 1500.
    expect(lineTotals(lines)).toEqual({ subtotal: '163635', tax: '18000', total: '181635' });
  });

  test('typed values become the API body; malformed ones stay NaN for the schema', () => {
    expect(
      lineBody({ description: ' Router ', quantity: '2', unitAmount: '5000', taxPercent: '12,5' }),
    ).toEqual({
      description: 'Router',
      quantity: 2,
      unitAmount: '5000',
      taxRateBp: 1250,
    });
    expect(lineBody({ ...EMPTY_LINE, quantity: 'x', taxPercent: '' }).quantity).toBeNaN();
    expect(lineTotals([{ ...EMPTY_LINE, quantity: 'x', unitAmount: '100' }]).total).toBe('0');
  });
});
