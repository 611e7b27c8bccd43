import { updateGatewaySettingsSchema, type GatewaySettings } from '@jaring/contracts';
import { describe, expect, test } from 'vitest';
import { draftFrom, feesFrom, updateFrom } from './draft';

const base: Omit<GatewaySettings, 'gateway'> = {
  enabled: true,
  environment: 'sandbox',
  channels: ['bca_va', 'gopay'],
  availableChannels: [
    { code: 'bca_va', name: 'BCA Virtual Account', group: 'virtual_account' },
    { code: 'gopay', name: 'GoPay', group: 'ewallet' },
  ],
  feeBearer: 'customer',
  fees: { bca_va: { flat: '4000', percentBp: 0 }, gopay: { flat: '0', percentBp: 200 } },
  expiryMinutes: 1440,
  merchantCode: null,
  apiBaseUrl: null,
  credentials: { serverKey: true, apiKey: false, privateKey: false },
  webhookUrl: 'https://isp.example.net/api/v1/webhooks/midtrans',
  ready: true,
  updatedAt: null,
};
const midtrans: GatewaySettings = { ...base, gateway: 'midtrans' };
const tripay: GatewaySettings = {
  ...base,
  gateway: 'tripay',
  channels: ['BRIVA'],
  fees: {},
  merchantCode: 'T12345',
  credentials: { serverKey: false, apiKey: true, privateKey: true },
};

describe('gateway settings draft', () => {
  test('Midtrans round-trips with its fees and keeps the stored server key', () => {
    const body = updateFrom('midtrans', draftFrom(midtrans));
    expect(updateGatewaySettingsSchema.parse(body)).toEqual(body);
    expect(body.fees).toEqual(midtrans.fees);
    expect('serverKey' in body).toBe(false);
    expect('merchantCode' in body).toBe(false);
  });

  test('Tripay sends its merchant code and no fee table', () => {
    const body = updateFrom('tripay', draftFrom(tripay));
    expect(updateGatewaySettingsSchema.parse(body)).toEqual(body);
    expect(body.merchantCode).toBe('T12345');
    expect('fees' in body).toBe(false);
    expect('apiKey' in body || 'privateKey' in body).toBe(false);
  });

  test('a typed secret replaces, a removed one is sent as null', () => {
    const draft = { ...draftFrom(tripay), apiKey: 'DEV-abcdefghij', privateKey: null };
    const body = updateFrom('tripay', draft);
    expect(body.apiKey).toBe('DEV-abcdefghij');
    expect(body.privateKey).toBeNull();
  });

  test('empty optional text becomes null; a bad expiry is left for the schema to refuse', () => {
    const draft = { ...draftFrom(tripay), merchantCode: ' ', expiryMinutes: '1 day' };
    const body = updateFrom('tripay', draft);
    expect(body.merchantCode).toBeNull();
    expect(body.apiBaseUrl).toBeNull();
    expect(updateGatewaySettingsSchema.safeParse(body).success).toBe(false);
  });
});

describe('feesFrom', () => {
  test('typed rupiah and percentages to rules; empty parts are zero', () => {
    expect(
      feesFrom({
        bca_va: { flat: 'Rp 4.000', percent: '' },
        gopay: { flat: '', percent: '0,7' },
        other_qris: { flat: '', percent: '' },
      }),
    ).toEqual({ bca_va: { flat: '4000', percentBp: 0 }, gopay: { flat: '0', percentBp: 70 } });
  });

  test('a malformed percentage stays NaN for the schema to reject', () => {
    expect(feesFrom({ gopay: { flat: '', percent: 'abc' } }).gopay?.percentBp).toBeNaN();
  });
});
