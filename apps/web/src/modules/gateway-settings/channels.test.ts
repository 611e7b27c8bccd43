import type { GatewayChannel } from '@jaring/contracts';
import { describe, expect, test } from 'vitest';
import { moveChannel, orderedChannels, toggleChannel } from './channels';

const AVAILABLE: GatewayChannel[] = [
  { code: 'bca_va', name: 'BCA Virtual Account', group: 'virtual_account' },
  { code: 'bni_va', name: 'BNI Virtual Account', group: 'virtual_account' },
  { code: 'gopay', name: 'GoPay', group: 'ewallet' },
  { code: 'other_qris', name: 'QRIS', group: 'qris' },
];

describe('orderedChannels', () => {
  test('enabled channels first in their order, then the rest as the gateway lists them', () => {
    expect(orderedChannels(AVAILABLE, ['gopay', 'bca_va']).map((c) => c.code)).toEqual([
      'gopay',
      'bca_va',
      'bni_va',
      'other_qris',
    ]);
  });

  test('an enabled code the gateway no longer offers is left out', () => {
    expect(orderedChannels(AVAILABLE, ['mandiri_va', 'gopay']).map((c) => c.code)).toEqual([
      'gopay',
      'bca_va',
      'bni_va',
      'other_qris',
    ]);
  });
});

describe('toggleChannel', () => {
  test('turning on appends, turning off removes', () => {
    expect(toggleChannel(['gopay'], 'bca_va')).toEqual(['gopay', 'bca_va']);
    expect(toggleChannel(['gopay', 'bca_va'], 'gopay')).toEqual(['bca_va']);
  });
});

describe('moveChannel', () => {
  test('swaps with the neighbour', () => {
    expect(moveChannel(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moveChannel(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
  });

  test('stays put at either end or for an unknown code', () => {
    expect(moveChannel(['a', 'b'], 'a', -1)).toEqual(['a', 'b']);
    expect(moveChannel(['a', 'b'], 'b', 1)).toEqual(['a', 'b']);
    expect(moveChannel(['a', 'b'], 'x', 1)).toEqual(['a', 'b']);
  });
});
