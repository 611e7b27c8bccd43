import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * `signature_key` of a notification or status answer: hex SHA-512 of
 * `order_id + status_code + gross_amount + serverKey`, over the exact strings received
 * (`gross_amount` keeps its `.00`; re-formatting it breaks the signature).
 */
export function notificationSignature(
  orderId: string,
  statusCode: string,
  grossAmount: string,
  serverKey: string,
): string {
  return createHash('sha512')
    .update(orderId + statusCode + grossAmount + serverKey, 'utf8')
    .digest('hex');
}

/** Whether a notification was signed with `serverKey`, compared in constant time. */
export function verifyNotificationSignature(
  n: {
    readonly order_id: string;
    readonly status_code: string;
    readonly gross_amount: string;
    readonly signature_key: string;
  },
  serverKey: string,
): boolean {
  const expected = Buffer.from(
    notificationSignature(n.order_id, n.status_code, n.gross_amount, serverKey),
    'utf8',
  );
  // Hex digits are case-insensitive; lowering the received value leaks nothing about ours.
  const received = Buffer.from(n.signature_key.toLowerCase(), 'utf8');
  if (received.length !== expected.length) return false;
  return timingSafeEqual(received, expected);
}
