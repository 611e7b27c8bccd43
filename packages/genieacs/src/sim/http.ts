import type { IncomingMessage, ServerResponse } from 'node:http';

const BODY_LIMIT = 8 * 1024 * 1024;

/** The request body as text (the NBI reads scripts and JSON from it). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > BODY_LIMIT) throw new RangeError('payload too large');
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Sends a text (or empty) answer; `reason` sets the HTTP reason phrase. */
export function sendText(
  res: ServerResponse,
  status: number,
  text = '',
  headers: Record<string, string> = {},
  reason?: string,
): void {
  const all = { ...headers, 'Content-Length': String(Buffer.byteLength(text)) };
  if (reason === undefined) res.writeHead(status, all);
  else res.writeHead(status, reason, all);
  res.end(text);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  reason?: string,
): void {
  sendText(res, status, JSON.stringify(value), { 'Content-Type': 'application/json' }, reason);
}

/** Decodes one path segment exactly once; undefined for malformed percent-encoding. */
export function decodeSegment(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
