import { describe, expect, it } from 'vitest';
import { qrPath } from './qr-code';

describe('qrPath', () => {
  it('draws a square code with the finder pattern in the corner', () => {
    const { size, d } = qrPath(
      '00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204481453033605802ID5904Test6013Kota Jakarta61051234062070703A016304ABCD',
    );
    expect(size).toBeGreaterThanOrEqual(21);
    expect((size - 17) % 4).toBe(0);
    // The top-left finder pattern starts dark at the origin.
    expect(d.startsWith('M0 0h1v1h-1z')).toBe(true);
  });

  it('grows with the payload', () => {
    expect(qrPath('a'.repeat(200)).size).toBeGreaterThan(qrPath('short').size);
  });
});
