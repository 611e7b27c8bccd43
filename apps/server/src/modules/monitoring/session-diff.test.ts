import { describe, expect, it } from 'vitest';
import type { ActiveSession } from './collect.ts';
import { diffSessions, type KnownSession } from './session-diff.ts';

const active = (username: string, rsid: string): ActiveSession => ({
  service: 'pppoe',
  username,
  routerSessionId: rsid,
  address: null,
  callerId: null,
  uptimeS: 10,
});
const known = (username: string, rsid: string): KnownSession => ({
  service: 'pppoe',
  username,
  routerSessionId: rsid,
});

describe('diffSessions', () => {
  it('finds connects, disconnects and reconnects', () => {
    const d = diffSessions(
      [known('a', '1'), known('b', '2'), known('c', '3')],
      [active('a', '1'), active('c', '9'), active('d', '4')],
      false,
    );
    expect(d.kept.map((k) => k.username)).toEqual(['a']);
    expect(d.closed).toEqual([
      { session: known('b', '2'), reason: 'disconnected' },
      { session: known('c', '3'), reason: 'reconnected' },
    ]);
    expect(d.opened.map((s) => s.username).sort()).toEqual(['c', 'd']);
  });

  it('ends every session at a reboot', () => {
    const d = diffSessions([known('a', '1')], [active('a', '1')], true);
    expect(d.closed).toEqual([{ session: known('a', '1'), reason: 'router_reboot' }]);
    expect(d.opened.map((s) => s.username)).toEqual(['a']);
  });

  it('matches usernames without regard to case', () => {
    const d = diffSessions([known('Budi', '1')], [active('budi', '1')], false);
    expect(d.kept).toHaveLength(1);
  });
});
