import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { afterEach } from 'vitest';
import { MidtransClient } from '../src/client.ts';
import type { GatewayCallRecord, MidtransClientOptions } from '../src/types.ts';
import { startMidtransSimulator } from '../src/sim/index.ts';
import type { MidtransSimulator, MidtransSimulatorOptions } from '../src/sim/index.ts';

export const SERVER_KEY = 'SB-Mid-server-test-key-0123456789';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  const all = cleanups.splice(0).reverse();
  for (const c of all) await c().catch(() => undefined);
});

/** Registers any async cleanup. */
export function defer(fn: () => Promise<void>): void {
  cleanups.push(fn);
}

export interface Received {
  readonly body: string;
  readonly json: Record<string, unknown>;
  readonly headers: IncomingHttpHeaders;
}

export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  /** Resolves once `count` notifications arrived (fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
}

/** A merchant webhook endpoint; `answer` picks the HTTP status per request (default 200). */
export async function receiver(answer: (n: number) => number = () => 200): Promise<Receiver> {
  const received: Received[] = [];
  let count = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({
        body,
        json: JSON.parse(body) as Record<string, unknown>,
        headers: req.headers,
      });
      res.writeHead(answer(++count)).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  defer(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return {
    url: `http://127.0.0.1:${port}/webhooks/midtrans`,
    received,
    async waitFor(n: number, timeoutMs = 3000): Promise<Received[]> {
      const until = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > until)
          throw new Error(`expected ${n} notifications, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      return received;
    },
  };
}

/** A simulator on an ephemeral port, closed after the test. */
export async function simulator(
  options: Partial<MidtransSimulatorOptions> = {},
): Promise<MidtransSimulator> {
  const s = await startMidtransSimulator({ serverKey: SERVER_KEY, ...options });
  defer(() => s.close());
  return s;
}

/** A client pointed at a simulator, recording its calls. */
export function clientFor(
  s: Pick<MidtransSimulator, 'apiBaseUrl' | 'snapBaseUrl'>,
  options: Partial<MidtransClientOptions> = {},
): { client: MidtransClient; calls: GatewayCallRecord[] } {
  const calls: GatewayCallRecord[] = [];
  const client = new MidtransClient({
    serverKey: SERVER_KEY,
    environment: 'sandbox',
    apiBaseUrl: s.apiBaseUrl,
    snapBaseUrl: s.snapBaseUrl,
    timeoutMs: 3000,
    onCall: (c) => calls.push(c),
    ...options,
  });
  return { client, calls };
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  return typeof addr === 'object' && addr ? addr.port : 1;
}

/** A stub HTTP server answering every request with `status` and `body`. */
export async function stub(status: number, body: string): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  defer(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

let orderSequence = 0;

/** A fresh order id per call. */
export function orderId(prefix = 'INV'): string {
  return `${prefix}-${process.pid}-${Date.now()}-${++orderSequence}`;
}

/** Submits the Snap page form as a browser would, without following the redirect. */
export async function submitPage(
  redirectUrl: string,
  fields: Record<string, string>,
): Promise<Response> {
  return fetch(redirectUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}
