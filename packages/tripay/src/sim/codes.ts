import { randomInt } from 'node:crypto';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function randomDigits(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(randomInt(10));
  return s;
}

function randomLetters(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += LETTERS[randomInt(LETTERS.length)] ?? 'X';
  return s;
}

/**
 * A reference shaped like Tripay's: `T`, the merchant code's digits, six digits and five
 * letters, with `DEV-` in front for the sandbox (`DEV-T0001123456ABCDE`).
 */
export function newReference(merchantCode: string, sandbox: boolean): string {
  const digits = merchantCode.replace(/\D/g, '');
  return `${sandbox ? 'DEV-' : ''}T${digits}${randomDigits(6)}${randomLetters(5)}`;
}

/** A numeric pay code (VA number or retail code) of 16 digits after the channel's prefix. */
export function newPayCode(prefix: string | undefined): string {
  const head = prefix ?? '';
  return head + randomDigits(Math.max(16 - head.length, 6));
}

function tlv(tag: string, value: string): string {
  return `${tag}${value.length.toString().padStart(2, '0')}${value}`;
}

/** CRC-16/CCITT-FALSE, the checksum EMV QR codes end with. */
function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * A dynamic QRIS payload in the EMVCo layout (amount, merchant, bill number, CRC), so that
 * code which inspects or renders a QR string sees something of the real shape.
 */
export function qrisString(reference: string, amount: bigint): string {
  const body =
    tlv('00', '01') +
    tlv('01', '12') +
    tlv('26', tlv('00', 'ID.CO.TRIPAY.SIM') + tlv('01', reference.slice(-15))) +
    tlv('52', '4899') +
    tlv('53', '360') +
    tlv('54', amount.toString()) +
    tlv('58', 'ID') +
    tlv('59', 'TRIPAY SIMULATOR') +
    tlv('60', 'JAKARTA') +
    tlv('62', tlv('01', reference.slice(-25)));
  const withCrcTag = `${body}6304`;
  return withCrcTag + crc16(withCrcTag);
}
