import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** The next `n` requests are answered 503 (and still recorded). */
  failNext(n: number): void;
  /** The JSON answered to successful requests (default `{"status": true, "id": <n>}`). */
  reply(body: (req: ReceivedRequest, n: number) => unknown): void;
  close(): Promise<void>;
}

/** A real HTTP server on an ephemeral local port that records every request. */
export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  let failures = 0;
  let ok = 0;
  let replyWith = (_req: ReceivedRequest, n: number): unknown => ({ status: true, id: n });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: ReceivedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(rec);
      if (failures > 0) {
        failures -= 1;
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end('{"status":false,"reason":"busy"}');
        return;
      }
      ok += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(replyWith(rec, ok)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(n: number): void {
      failures = n;
    },
    reply(body): void {
      replyWith = body;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
