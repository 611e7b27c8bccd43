/**
 * Device ids as GenieACS builds them (`OUI-ProductClass-Serial`, each part escaped), and the
 * extra URL encoding the NBI expects in paths.
 */

const UNRESERVED = /[^A-Za-z0-9_]/g;
const PATH_UNRESERVED = /[^A-Za-z0-9_-]/gu;
const encoder = new TextEncoder();

function hexBytes(chr: string, pad: boolean): string {
  let out = '';
  for (const b of encoder.encode(chr)) {
    const hex = b.toString(16).toUpperCase();
    out += `%${pad ? hex.padStart(2, '0') : hex}`;
  }
  return out;
}

/**
 * Escapes one part of a device id exactly as GenieACS does: every UTF-16 unit outside
 * `[A-Za-z0-9_]` becomes `%XX` per UTF-8 byte, upper-case hex. Two quirks are kept on
 * purpose, because an id that differs from the ACS's by one character is a 404:
 * bytes below 0x10 get a single hex digit (`\t` -> `%9`), and the two halves of a surrogate
 * pair are encoded separately (each as U+FFFD, `%EF%BF%BD`).
 */
export function encodeDeviceIdPart(part: string): string {
  return part.replace(UNRESERVED, (chr) => hexBytes(chr, false));
}

/**
 * Reverses {@link encodeDeviceIdPart} for display. Assumes two hex digits per byte, which
 * holds for everything except control characters (whose single-digit form is ambiguous).
 */
export function decodeDeviceIdPart(part: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    if (c === 0x25 && /^[0-9A-Fa-f]{2}$/.test(part.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(part.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...encoder.encode(part[i] ?? ''));
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/**
 * The id GenieACS gives a device: `OUI-ProductClass-Serial`, or `OUI-Serial` when the device
 * reports no ProductClass.
 */
export function buildDeviceId(oui: string, productClass: string, serial: string): string {
  const o = encodeDeviceIdPart(oui);
  const s = encodeDeviceIdPart(serial);
  return productClass === '' ? `${o}-${s}` : `${o}-${encodeDeviceIdPart(productClass)}-${s}`;
}

export interface DeviceIdParts {
  readonly oui: string;
  readonly productClass: string;
  readonly serial: string;
}

/** Splits and decodes an id made by {@link buildDeviceId}; undefined when it is not one. */
export function parseDeviceId(id: string): DeviceIdParts | undefined {
  // Escaped parts never contain '-', so the dashes are exactly the separators.
  const parts = id.split('-');
  if (parts.some((p) => p === '')) return undefined;
  if (parts.length === 3) {
    const [oui = '', productClass = '', serial = ''] = parts;
    return {
      oui: decodeDeviceIdPart(oui),
      productClass: decodeDeviceIdPart(productClass),
      serial: decodeDeviceIdPart(serial),
    };
  }
  if (parts.length === 2) {
    const [oui = '', serial = ''] = parts;
    return { oui: decodeDeviceIdPart(oui), productClass: '', serial: decodeDeviceIdPart(serial) };
  }
  return undefined;
}

/**
 * Encodes one URL path segment for the NBI. Its routes only accept `[A-Za-z0-9_%-]` (plus `:`
 * for faults), so everything else is percent-encoded, including the `.`, `!`, `~`, `*`, `'`,
 * `(` and `)` that `encodeURIComponent` leaves alone. For a device id this equals
 * `encodeURIComponent(id)`: its `%` becomes `%25`, so `%2D` travels as `%252D`.
 */
export function encodePathSegment(segment: string): string {
  return segment.replace(PATH_UNRESERVED, (chr) => hexBytes(chr, true));
}
