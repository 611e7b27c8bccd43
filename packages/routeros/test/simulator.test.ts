import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { connect, sim } from './helpers.ts';

describe('simulated router', () => {
  it('keeps /ppp/active in step with enabled secrets', async () => {
    const s = await sim({ seed: 4, redialMs: 50 });
    const c = await connect(s);
    const active = async (): Promise<string[]> =>
      (await c.exec({ command: '/ppp/active/print', proplist: ['name'] })).rows.map(
        (r) => r['name'] as string,
      );
    const enabled = (await c.exec({ command: '/ppp/secret/print', where: { disabled: false } }))
      .rows;
    expect((await active()).sort()).toEqual(enabled.map((r) => r['name']).sort());
    const first = enabled[0]?.['name'] as string;
    await c.exec({ command: '/ppp/secret/disable', attributes: { '.id': first } });
    expect(await active()).not.toContain(first);
    await c.exec({ command: '/ppp/secret/enable', attributes: { '.id': first } });
    expect(await active()).toContain(first);
    // Kicking a session: it disappears, then the client dials in again.
    const session = (await c.exec({ command: '/ppp/active/print', where: { name: first } }))
      .rows[0];
    await c.exec({ command: '/ppp/active/remove', attributes: { '.id': session?.['.id'] } });
    expect(await active()).not.toContain(first);
    await new Promise((r) => setTimeout(r, 120));
    expect(await active()).toContain(first);
    await c.exec({ command: '/ppp/secret/remove', attributes: { '.id': first } });
    expect(await active()).not.toContain(first);
  });

  it('grows counters and reports plausible resources', async () => {
    const s = await sim({ seed: 1 });
    const c = await connect(s);
    const read = async (): Promise<number> =>
      Number(
        (await c.exec({ command: '/interface/print', where: { name: 'ether1' } })).rows[0]?.[
          'rx-byte'
        ],
      );
    const a = await read();
    await new Promise((r) => setTimeout(r, 30));
    expect(await read()).toBeGreaterThan(a);
    const q = (await c.exec('/queue/simple/print')).rows[0];
    expect(q?.['bytes']).toMatch(/^\d+\/\d+$/);
    const res = (await c.exec('/system/resource/print')).rows[0] ?? {};
    expect(Number(res['free-memory'])).toBeLessThan(Number(res['total-memory']));
    expect(Number(res['cpu-load'])).toBeGreaterThanOrEqual(0);
    expect(res['uptime']).toMatch(/^\d+[wdhms]/);
  });

  it('protects default profiles and validates booleans', async () => {
    const s = await sim();
    const c = await connect(s);
    await expect(
      c.exec({ command: '/ppp/profile/remove', attributes: { '.id': '*0' } }),
    ).rejects.toThrow(/default/);
    await expect(
      c.exec({ command: '/ppp/secret/add', attributes: { name: 'a', disabled: 'maybe' } }),
    ).rejects.toThrow(/disabled/);
    await expect(
      c.exec({ command: '/ppp/secret/add', attributes: { name: 'a', bogus: '1' } }),
    ).rejects.toThrow(/unknown parameter/);
    await expect(
      c.exec({
        command: '/interface/monitor-traffic',
        attributes: { interface: 'ether9', once: '' },
      }),
    ).rejects.toThrow('no such item');
  });

  it('allocates *HEX ids that are never reused', async () => {
    const s = await sim();
    const c = await connect(s);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { ret } = await c.exec({
        command: '/ip/pool/add',
        attributes: { name: `p${i}`, ranges: '10.0.0.1-10.0.0.9' },
      });
      ids.push(ret as string);
      await c.exec({ command: '/ip/pool/remove', attributes: { '.id': ret } });
    }
    expect(ids.slice(9)).toEqual(['*A', '*B', '*C']);
  });

  it('prints its CLI help without a build step', () => {
    const r = spawnSync(
      process.execPath,
      [new URL('../bin/routeros-sim.js', import.meta.url).pathname, '--help'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--latency-ms/);
  });
});

describe('seeded data', () => {
  it('includes logged-in hotspot vouchers', async () => {
    const s = await sim({ seed: 40 });
    const c = await connect(s);
    const active = (await c.exec('/ip/hotspot/active/print')).rows;
    expect(active).toHaveLength(2);
    expect(active[0]).toMatchObject({ user: 'voucher10', server: 'hotspot1' });
  });
});
