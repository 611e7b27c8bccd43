import { liveEventSchema, type LiveEvent } from '@jaring/contracts';
import { useEffect, useEffectEvent, useState } from 'react';

/** `connecting`: first attempt; `connected`: events flow; `reconnecting`: lost, retrying. */
export type LiveStatus = 'connecting' | 'connected' | 'reconnecting';

export interface LiveEventsOptions {
  /**
   * Called each time the stream opens again after being lost. Events are live only (the server
   * replays nothing), so whatever happened in between is only in the REST API: invalidate the
   * page's queries here. Not called when the very first attempt opens: the page's own fetches
   * run alongside it.
   */
  onReconnect?: () => void;
  /** False closes the stream (a page not showing live data, a missing ability). */
  enabled?: boolean;
}

export const LIVE_BACKOFF = { initialMs: 1_000, maxMs: 30_000 } as const;

/**
 * The wait before reconnect attempt `attempt` (0 = the first retry): doubling up to a cap, with
 * jitter so the tabs left open when a server restarts do not all return in the same second.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(LIVE_BACKOFF.maxMs, LIVE_BACKOFF.initialMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** An SSE `data:` payload as a known event; anything else (a newer server's type) is skipped. */
export function parseLiveEvent(data: unknown): LiveEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = liveEventSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Listens to a live-event stream of the API (`path` below `/api/v1`, such as
 * `/live/events?topics=monitoring` or `/portal/live/events`) and hands each event to `onEvent`.
 * The connection follows the component: opened on mount, closed on unmount or when `path`
 * changes. Reconnects are ours, not the browser's, so they back off and `onReconnect` sees them.
 */
export function useLiveEvents(
  path: string,
  onEvent: (event: LiveEvent) => void,
  options: LiveEventsOptions = {},
): LiveStatus {
  const enabled = options.enabled ?? true;
  // The status belongs to one path: a new path starts again at `connecting` without a reset.
  const [state, setState] = useState<{ path: string; status: LiveStatus }>({
    path,
    status: 'connecting',
  });
  const handleEvent = useEffectEvent((event: LiveEvent) => onEvent(event));
  const handleReconnect = useEffectEvent(() => options.onReconnect?.());

  useEffect(() => {
    if (!enabled) return undefined;
    const url = `/api/v1${path}`;
    let source: EventSource | null = null;
    let timer: number | undefined;
    let attempt = 0;
    let connects = 0;
    let disposed = false;

    function connect(): void {
      const current = new EventSource(url, { withCredentials: true });
      source = current;
      connects += 1;
      const retried = connects > 1;
      current.onopen = (): void => {
        attempt = 0;
        setState({ path, status: 'connected' });
        if (retried) handleReconnect();
      };
      current.onmessage = (message: MessageEvent<unknown>): void => {
        const event = parseLiveEvent(message.data);
        if (event) handleEvent(event);
      };
      current.onerror = (): void => {
        // The browser would retry at a fixed pace and, after an HTTP error, not at all; close it
        // and retry with backoff instead (a 401 or 403 keeps backing off until the page leaves).
        current.close();
        if (disposed || source !== current) return;
        source = null;
        setState({ path, status: 'reconnecting' });
        timer = window.setTimeout(connect, reconnectDelayMs(attempt));
        attempt += 1;
      };
    }

    connect();
    return () => {
      disposed = true;
      window.clearTimeout(timer);
      source?.close();
    };
  }, [path, enabled]);

  return state.path === path ? state.status : 'connecting';
}
