import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { afterEach } from 'vitest';
import { TripayClient } from '../src/client.ts';
import type { TripayClientOptions } from '../src/client.ts';
import type { TripayCreateTransaction } from '../src/models.ts';
import { startTripaySimulator } from '../src/sim/index.ts';
import type { TripaySimulator, TripaySimulatorOptions } from '../src/sim/index.ts';

export const API_KEY = 'DEV-test-api-key';
export const PRIVATE_KEY = 'test-private-key-12345';
export const MERCHANT_CODE = 'T0001';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  const all = cleanups.splice(0).reverse();
  for (const c of all) await c().catch(() => undefined);
});

/** Starts a simulator on an ephemeral loopback port, closed after the test. */
export async function sim(options: Partial<TripaySimulatorOptions> = {}): Promise<TripaySimulator> {
  const s = await startTripaySimulator({
    apiKey: API_KEY,
    privateKey: PRIVATE_KEY,
    merchantCode: MERCHANT_CODE,
    ...options,
  });
  cleanups.push(() => s.close());
  return s;
}

export function client(
  s: TripaySimulator,
  options: Partial<TripayClientOptions> = {},
): TripayClient {
  return new TripayClient({
    apiKey: API_KEY,
    privateKey: PRIVATE_KEY,
    merchantCode: MERCHANT_CODE,
    environment: 'sandbox',
    baseUrl: s.baseUrl,
    timeoutMs: 3000,
    ...options,
  });
}

export function invoice(overrides: Partial<TripayCreateTransaction> = {}): TripayCreateTransaction {
  return {
    method: 'BRIVA',
    merchantRef: `INV-${Math.random().toString(36).slice(2, 10)}`,
    amount: 150_000n,
    customerName: 'Budi Santoso',
    customerEmail: 'budi@example.net',
    customerPhone: '081234567890',
    orderItems: [{ sku: 'HOME-20M', name: 'Internet 20 Mbps, May', price: 150_000n, quantity: 1 }],
    ...overrides,
  };
}

export interface Received {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  text: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Answers requests in order; the last answer repeats. Default `200 {"success":true}`. */
  answers: { status: number; body: string }[];
}

/** A merchant callback endpoint over node:http that records raw bodies. */
export async function receiver(): Promise<Receiver> {
  const state: Receiver = { url: '', received: [], answers: [] };
  let served = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      state.received.push({ headers: req.headers, raw, text: raw.toString('utf8') });
      const answer = state.answers[Math.min(served, state.answers.length - 1)] ?? {
        status: 200,
        body: '{"success":true}',
      };
      served++;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  state.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/webhooks/tripay`;
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return state;
}

/** A loopback port with nothing listening. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const addr = probe.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
