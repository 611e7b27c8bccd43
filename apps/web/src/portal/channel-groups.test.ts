import type { PortalPaymentOptions } from '@jaring/contracts';
import { describe, expect, test } from 'vitest';
import { channelKey, groupChannels } from './channel-groups';

type Channel = PortalPaymentOptions['gateways'][number]['channels'][number];

const channel = (code: string, group: Channel['group']): Channel => ({
  code,
  name: code.toUpperCase(),
  group,
  fee: '0',
  total: '150000',
});

describe('groupChannels', () => {
  test('groups in the fixed order, keeping the channel order inside a group', () => {
    const [midtrans] = groupChannels([
      {
        gateway: 'midtrans',
        name: 'Midtrans',
        channels: [
          channel('indomaret', 'retail'),
          channel('gopay', 'ewallet'),
          channel('bni_va', 'virtual_account'),
          channel('other_qris', 'qris'),
          channel('bca_va', 'virtual_account'),
        ],
      },
    ]);
    expect(midtrans?.groups.map((g) => [g.group, g.channels.map((c) => c.code)])).toEqual([
      ['virtual_account', ['bni_va', 'bca_va']],
      ['ewallet', ['gopay']],
      ['qris', ['other_qris']],
      ['retail', ['indomaret']],
    ]);
  });

  test('keeps the gateways in the server order and drops one without channels', () => {
    const views = groupChannels([
      { gateway: 'tripay', name: 'Tripay', channels: [channel('BRIVA', 'virtual_account')] },
      { gateway: 'midtrans', name: 'Midtrans', channels: [] },
    ]);
    expect(views.map((v) => v.gateway)).toEqual(['tripay']);
  });

  test('nothing set up: nothing to show', () => {
    expect(groupChannels([])).toEqual([]);
  });
});

describe('channelKey', () => {
  test('gateway and code, as the channel buttons carry them', () => {
    expect(channelKey('midtrans', 'bca_va')).toBe('midtrans:bca_va');
  });
});
