import { describe, expect, test } from 'vitest';
import { allocate } from './allocate';

const invoices = [
  { id: 'a', balanceDue: '166500' },
  { id: 'b', balanceDue: '100000' },
];

describe('allocate', () => {
  test('settles the oldest invoice first and stops when the money runs out', () => {
    expect(allocate('200000', invoices)).toEqual([
      { invoiceId: 'a', amount: '166500' },
      { invoiceId: 'b', amount: '33500' },
    ]);
  });

  test('never allocates more than is due; the rest is left for credit', () => {
    expect(allocate('300000', invoices)).toEqual([
      { invoiceId: 'a', amount: '166500' },
      { invoiceId: 'b', amount: '100000' },
    ]);
  });

  test('nothing for an empty amount, and big amounts stay exact', () => {
    expect(allocate('', invoices)).toEqual([]);
    expect(allocate('9007199254740993', [{ id: 'x', balanceDue: '9007199254740993' }])).toEqual([
      { invoiceId: 'x', amount: '9007199254740993' },
    ]);
  });
});
