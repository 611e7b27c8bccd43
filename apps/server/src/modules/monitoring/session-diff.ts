import type { ActiveSession } from './collect.ts';

/** A session as remembered between polls. */
export interface KnownSession {
  service: 'pppoe' | 'hotspot';
  username: string;
  routerSessionId: string;
}

export interface SessionDiff {
  opened: ActiveSession[];
  /** Sessions gone since the last poll, with why. */
  closed: { session: KnownSession; reason: 'disconnected' | 'reconnected' | 'router_reboot' }[];
  kept: KnownSession[];
}

export function sessionKey(s: { service: string; username: string }): string {
  return `${s.service}:${s.username.toLowerCase()}`;
}

/**
 * Connects and disconnects from two readings of the active lists. A subscriber with a new router
 * session id reconnected between polls (one session closed, one opened); after a reboot every
 * earlier session ended with it.
 */
export function diffSessions(
  known: readonly KnownSession[],
  active: readonly ActiveSession[],
  rebooted: boolean,
): SessionDiff {
  const now = new Map(active.map((s) => [sessionKey(s), s]));
  const out: SessionDiff = { opened: [], closed: [], kept: [] };
  const seen = new Set<string>();
  for (const k of known) {
    const key = sessionKey(k);
    const cur = now.get(key);
    if (rebooted) {
      out.closed.push({ session: k, reason: 'router_reboot' });
    } else if (!cur) {
      out.closed.push({ session: k, reason: 'disconnected' });
    } else if (cur.routerSessionId !== k.routerSessionId) {
      out.closed.push({ session: k, reason: 'reconnected' });
    } else {
      out.kept.push(k);
      seen.add(key);
    }
  }
  for (const [key, s] of now) if (!seen.has(key)) out.opened.push(s);
  return out;
}
