import { expect, test } from 'vitest';
import { suggestUsername } from './subscription-dialogs';
import { mergeTimeline } from './timeline';

test('merges router calls and audit entries, newest first', () => {
  const items = mergeTimeline(
    [
      {
        id: 'l1',
        at: '2026-11-24T10:02:03Z',
        system: 'routeros',
        routerId: 'r1',
        subscriptionId: 's1',
        customerId: 'c1',
        operation: '/ppp/secret/set',
        ok: true,
        latencyMs: 38,
        detail: 'set budi (profile)',
        error: null,
      },
    ],
    [
      {
        id: 'a1',
        at: '2026-11-24T10:02:01Z',
        actorType: 'user',
        actorId: 'u1',
        actorName: 'Siti',
        action: 'subscription.plan_changed',
        entityType: 'subscription',
        entityId: 's1',
        before: null,
        after: null,
        ip: null,
        requestId: null,
      },
    ],
    (id) => (id === 'r1' ? 'POP Cibubur' : null),
  );
  expect(items.map((i) => i.key)).toEqual(['log-l1', 'audit-a1']);
  expect(items[0]).toMatchObject({ kind: 'router', routerName: 'POP Cibubur', latencyMs: 38 });
  expect(items[1]).toMatchObject({ kind: 'audit', actor: 'Siti', latencyMs: null });
});

test('labels ACS and gateway calls by their system', () => {
  const entry = {
    routerId: null,
    subscriptionId: 's1',
    customerId: 'c1',
    ok: true,
    latencyMs: 12,
    detail: null,
    error: null,
  };
  const items = mergeTimeline(
    [
      {
        ...entry,
        id: 'l1',
        at: '2026-11-24T10:00:02Z',
        system: 'genieacs',
        operation: 'POST /devices/x/tasks',
      },
      {
        ...entry,
        id: 'l2',
        at: '2026-11-24T10:00:01Z',
        system: 'midtrans',
        operation: 'GET /v2/x/status',
      },
    ],
    [],
    () => null,
  );
  expect(items.map((i) => i.kind)).toEqual(['acs', 'gateway']);
});

test('suggests a service user name from the customer name', () => {
  expect(suggestUsername('Budi Santoso')).toBe('budi.santoso');
  expect(suggestUsername('  Ña  Ümit! ')).toBe('na.umit');
});
