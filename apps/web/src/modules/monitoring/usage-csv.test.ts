import { describe, expect, test } from 'vitest';
import { csvField, usageCsv } from './usage-csv';

describe('usage CSV', () => {
  test('quotes only what needs it and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Budi, S.Kom')).toBe('"Budi, S.Kom"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField(-5)).toBe('-5');
  });

  test('one line per subscriber with totals', () => {
    const csv = usageCsv('2026-01', [
      {
        subscriptionId: '00000000-0000-4000-8000-000000000001',
        customerId: '00000000-0000-4000-8000-000000000002',
        customerNumber: 'C-0001',
        customerName: 'Budi',
        username: 'budi@net',
        up: 100,
        down: 1000.4,
      },
    ]);
    expect(csv).toBe(
      'month,customer_number,customer_name,username,download_bytes,upload_bytes,total_bytes\r\n' +
        '2026-01,C-0001,Budi,budi@net,1000,100,1100\r\n',
    );
  });
});
