import { ERROR_CODES, type LiveEvent } from '@jaring/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PassThrough } from 'node:stream';
import { EventBusFullError, type Unsubscribe } from '../../lib/event-bus.ts';
import { DomainError } from '../../lib/errors.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { liveMetrics, type LiveAudience } from './metrics.ts';

/** Live-event streams: one place to read and tune them. */
export const LIVE_POLICY = {
  /** The SSE `retry:` hint, for clients that reconnect on their own (curl, plain EventSource). */
  retryMs: 3_000,
  /**
   * Bytes queued for one client that reads too slowly. Past this it is dropped rather than
   * buffered without bound; it reconnects and refetches, which is all a live view needs.
   */
  maxBufferedBytes: 1_048_576,
  /**
   * A stream ends after this long (plus jitter, so clients do not return in one wave) and the
   * client reconnects through authentication again: a revoked session or a removed ability stops
   * receiving events within this time, not whenever the browser tab closes.
   */
  maxStreamMs: 10 * 60_000,
  maxStreamJitterMs: 2 * 60_000,
} as const;

/** Open streams per app deps, so shutdown can end them (see `endLiveStreams`). */
const openStreams = new WeakMap<AppDeps, Set<() => void>>();

function streamsOf(deps: AppDeps): Set<() => void> {
  let set = openStreams.get(deps);
  if (!set) {
    set = new Set();
    openStreams.set(deps, set);
  }
  return set;
}

/**
 * Ends every open stream. Registered as a `preClose` hook: an SSE response never finishes by
 * itself, so without this `app.close()` would wait for every browser tab to go away.
 */
export function endLiveStreams(deps: AppDeps): void {
  for (const end of [...streamsOf(deps)]) end();
}

/**
 * Streams the topics' events to the caller as `text/event-stream` until the client goes away,
 * the server shuts down, or `LIVE_POLICY.maxStreamMs` passes.
 *
 * The stream is handed to `reply.send`, not written through a hijacked `reply.raw`: Fastify then
 * still runs its onSend hooks (request id, renewed portal cookie, security headers) and its
 * onResponse metrics, and nothing on the way buffers a stream.
 *
 * Events are live only. Each carries an `id:` (a counter per stream) because EventSource expects
 * one, but a `Last-Event-ID` sent on reconnect is ignored: nothing is replayed, and a client that
 * reconnects refetches current state over the REST API instead.
 */
export async function streamLiveEvents(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  topics: readonly string[],
  audience: LiveAudience,
): Promise<FastifyReply> {
  const metrics = liveMetrics(deps.metrics);
  const body = new PassThrough();
  let sequence = 0;
  let ended = false;

  function write(chunk: string): void {
    if (ended) return;
    if (body.writableLength + body.readableLength > LIVE_POLICY.maxBufferedBytes) {
      request.log.info({ topics }, 'dropping a live stream that reads too slowly');
      end();
      return;
    }
    body.write(chunk);
  }

  let unsubscribe: Unsubscribe;
  try {
    unsubscribe = deps.events.subscribe(topics, (event: LiveEvent) => {
      sequence += 1;
      write(`id: ${sequence}\ndata: ${JSON.stringify(event)}\n\n`);
    });
  } catch (err) {
    if (err instanceof EventBusFullError) {
      throw new DomainError(
        ERROR_CODES.rateLimited,
        'This server has too many live connections; try again shortly',
        { retryAfterSeconds: 5 },
      );
    }
    throw err;
  }

  const heartbeat = setInterval(() => write(': ping\n\n'), deps.config.liveHeartbeatMs);
  const lifetime = setTimeout(
    () => end(),
    LIVE_POLICY.maxStreamMs + Math.floor(Math.random() * LIVE_POLICY.maxStreamJitterMs),
  );
  // Neither timer may keep a process alive that is otherwise done.
  heartbeat.unref();
  lifetime.unref();
  const streams = streamsOf(deps);
  metrics.connections.inc({ audience });

  function end(): void {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    clearTimeout(lifetime);
    unsubscribe();
    streams.delete(end);
    metrics.connections.dec({ audience });
    body.end();
  }
  streams.add(end);
  // `close` fires on the response whether the client went away or the stream finished.
  reply.raw.once('close', end);
  body.once('error', end);

  // Until Redis has acknowledged the subscription, an event could be missed after the client
  // was told it is connected. If Redis refuses, the client gets an error and retries later
  // rather than a stream that looks alive but hears nothing.
  try {
    await unsubscribe.ready;
  } catch (err) {
    end();
    throw err;
  }
  write(`retry: ${LIVE_POLICY.retryMs}\n: connected\n\n`);

  // `no-transform` and `X-Accel-Buffering: no` keep proxies (nginx) from compressing or holding
  // back events; the app itself compresses nothing. The connection carries only this stream, so
  // it closes with it instead of idling in keep-alive (and holding up a shutdown).
  return reply
    .code(200)
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache, no-transform')
    .header('x-accel-buffering', 'no')
    .header('connection', 'close')
    .send(body);
}
