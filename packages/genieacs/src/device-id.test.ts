import { describe, expect, it } from 'vitest';
import {
  buildDeviceId,
  decodeDeviceIdPart,
  encodeDeviceIdPart,
  encodePathSegment,
  parseDeviceId,
} from './device-id.ts';

describe('device ids', () => {
  it('escapes everything outside [A-Za-z0-9_] as %XX per UTF-8 byte, upper-case', () => {
    expect(encodeDeviceIdPart('ABC_123')).toBe('ABC_123');
    expect(encodeDeviceIdPart('ZTE-AB.12')).toBe('ZTE%2DAB%2E12');
    expect(encodeDeviceIdPart('50%')).toBe('50%25');
    expect(encodeDeviceIdPart('a b')).toBe('a%20b');
    expect(encodeDeviceIdPart('é')).toBe('%C3%A9');
    expect(encodeDeviceIdPart('ñ/ü')).toBe('%C3%B1%2F%C3%BC');
  });

  it('keeps GenieACS quirks: one hex digit below 0x10, surrogate halves as U+FFFD', () => {
    expect(encodeDeviceIdPart('a\tb')).toBe('a%9b');
    expect(encodeDeviceIdPart('x😀')).toBe('x%EF%BF%BD%EF%BF%BD');
  });

  it('builds OUI-ProductClass-Serial, or OUI-Serial without a product class', () => {
    expect(buildDeviceId('00259E', 'HG8245H', '48575443-1A.2%')).toBe(
      '00259E-HG8245H-48575443%2D1A%2E2%25',
    );
    expect(buildDeviceId('4C09B4', '', 'ZTEG 1')).toBe('4C09B4-ZTEG%201');
  });

  it('parses and decodes ids back into their parts', () => {
    const id = buildDeviceId('00259E', 'HG 8245', 'Sér-1.%');
    expect(parseDeviceId(id)).toEqual({
      oui: '00259E',
      productClass: 'HG 8245',
      serial: 'Sér-1.%',
    });
    expect(parseDeviceId('4C09B4-ZTEG%201')).toEqual({
      oui: '4C09B4',
      productClass: '',
      serial: 'ZTEG 1',
    });
    expect(parseDeviceId('a-b-c-d')).toBeUndefined();
    expect(decodeDeviceIdPart('%C3%A9x')).toBe('éx');
  });

  it('encodes path segments for the NBI: the id is URL-encoded again', () => {
    const id = buildDeviceId('00259E', 'HG8245H', 'SN-1');
    expect(encodePathSegment(id)).toBe('00259E-HG8245H-SN%252D1');
    expect(encodePathSegment(id)).toBe(encodeURIComponent(id));
    // Characters encodeURIComponent leaves alone would not match the NBI's routes.
    expect(encodePathSegment("v1.2!~*'()")).toBe('v1%2E2%21%7E%2A%27%28%29');
    expect(encodePathSegment('a:b')).toBe('a%3Ab');
    expect(decodeURIComponent(encodePathSegment('tag 😀'))).toBe('tag 😀');
  });
});
