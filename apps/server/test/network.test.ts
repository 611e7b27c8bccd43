import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import {
  clearReconciles,
  desiredRevision,
  expectProblem,
  expectReconciles,
  fixtures,
  ok,
  rawRows,
  snapshot,
  unique,
  type Fixtures,
} from './support/network.ts';

let env: TestEnv;
let admin: Agent;
let make: Fixtures;

beforeAll(async () => {
  env = await createTestEnv({ jobs: true });
  admin = await env.agentFor('admin');
  make = fixtures(admin);
});
afterAll(async () => {
  await env.close();
});
beforeEach(async () => {
  await clearReconciles(env.deps.db);
});

interface RouterDto {
  id: string;
  name: string;
  port: number;
  transport: string;
  tlsFingerprint: string | null;
  isolationMode: string;
  sync: { pending: boolean };
}

interface PlanDto {
  id: string;
  name: string;
  profileName: string;
  rateLimit: string;
  price: string;
  routerIds: string[];
  burst: unknown;
}

describe('routers', () => {
  it('creates with the port of its transport, never returns the password, and lists/gets/updates', async () => {
    const api = ok<RouterDto & Record<string, unknown>>(
      await admin.request({
        method: 'POST',
        url: '/api/v1/routers',
        payload: {
          name: unique('R'),
          addresses: ['10.1.0.1', 'r1.example.net'],
          username: 'jaring',
          password: 'very-secret-router-pw',
        },
      }),
      201,
    );
    expect(api).toMatchObject({ port: 8728, transport: 'api', sync: { pending: false } });
    expect(JSON.stringify(api)).not.toContain('very-secret-router-pw');
    expect(api).not.toHaveProperty('password');
    expect(api).not.toHaveProperty('passwordEnc');

    for (const [transport, port] of [
      ['api-ssl', 8729],
      ['rest', 443],
    ] as const) {
      const r = await make.router({ transport, tlsMode: 'anonymous' });
      expect(
        ok<RouterDto>(await admin.request({ method: 'GET', url: `/api/v1/routers/${r.id}` })).port,
      ).toBe(port);
    }
    const custom = await make.router({ port: 18728 });
    expect(
      ok<RouterDto>(await admin.request({ method: 'GET', url: `/api/v1/routers/${custom.id}` }))
        .port,
    ).toBe(18728);

    const list = ok<{ data: RouterDto[] }>(
      await admin.request({
        method: 'GET',
        url: `/api/v1/routers?q=${encodeURIComponent(api.name)}`,
      }),
    );
    expect(list.data.map((r) => r.id)).toEqual([api.id]);

    // Switching transport moves a default port along.
    const switched = ok<RouterDto>(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/routers/${api.id}`,
        payload: { transport: 'api-ssl', tlsMode: 'anonymous', notes: 'rack 2' },
      }),
    );
    expect(switched).toMatchObject({ port: 8729, transport: 'api-ssl' });
    // Connection settings alone do not touch the router's desired state.
    await expectReconciles(env.deps.db, []);

    const [raw] = await rawRows(
      env.deps.db,
      sql`select password_enc from routers where id = ${api.id}`,
    );
    expect(String(raw?.password_enc)).not.toContain('very-secret-router-pw');
    expect(env.deps.secretBox.decrypt(String(raw?.password_enc), 'routers.password')).toBe(
      'very-secret-router-pw',
    );
    const audit = await rawRows(
      env.deps.db,
      sql`select before::text as b, after::text as a from audit_logs where entity_id = ${api.id}`,
    );
    expect(audit.length).toBe(2);
    for (const a of audit) {
      expect(`${String(a.a)}${String(a.b)}`).not.toMatch(/very-secret|password_?enc/i);
    }
  });

  it('requires a fingerprint for fingerprint TLS mode and refuses duplicates, changing nothing', async () => {
    const taken = await make.router();
    const before = await snapshot(env.deps.db);
    expectProblem(
      await admin.request({
        method: 'POST',
        url: '/api/v1/routers',
        payload: {
          name: unique('R'),
          addresses: ['10.0.0.9'],
          transport: 'api-ssl',
          tlsMode: 'fingerprint',
          username: 'u',
          password: 'p',
        },
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await admin.request({
        method: 'POST',
        url: '/api/v1/routers',
        payload: {
          name: taken.name.toUpperCase(),
          addresses: ['10.0.0.9'],
          username: 'u',
          password: 'p',
        },
      }),
      409,
      'name_taken',
    );
    expectProblem(
      await admin.request({ method: 'POST', url: '/api/v1/routers', payload: {} }),
      400,
      'validation_failed',
    );
    for (const payload of [
      { name: 'a\u0000b', addresses: ['10.0.0.9'], username: 'u', password: 'p' },
      { name: unique('R'), addresses: ['10.0.0.9'], username: 'u\u0000', password: 'p' },
      { name: unique('R'), addresses: ['10.0.0.9'], username: 'u', password: 'p\u0000' },
      { name: unique('R'), addresses: ['10.0.0.9 ; rm'], username: 'u', password: 'p' },
    ]) {
      expectProblem(await admin.request({ method: 'POST', url: '/api/v1/routers', payload }), 400);
    }
    expectProblem(await admin.request({ method: 'GET', url: '/api/v1/routers?q=%00' }), 400);
    expectProblem(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/routers/${taken.id}`,
        payload: { tlsMode: 'fingerprint' },
      }),
      400,
    );
    expectProblem(
      await admin.request({
        method: 'POST',
        url: '/api/v1/routers',
        payload: {
          name: unique('R'),
          addresses: ['10.0.0.9'],
          username: 'u',
          password: 'p',
          siteId: randomUUID(),
        },
      }),
      400,
    );
    expect(await snapshot(env.deps.db)).toEqual(before);
    const fp = 'AB:'.repeat(31) + 'CD';
    const withFp = ok<RouterDto>(
      await admin.request({
        method: 'POST',
        url: '/api/v1/routers',
        payload: {
          name: unique('R'),
          addresses: ['10.0.0.9'],
          transport: 'api-ssl',
          tlsMode: 'fingerprint',
          tlsFingerprint: fp,
          username: 'u',
          password: 'p',
        },
      }),
      201,
    );
    expect(withFp.tlsFingerprint).toBe(fp.toLowerCase());
  });

  it('marks the router changed when its isolation settings change', async () => {
    const r = await make.router();
    const rev = await desiredRevision(env.deps.db, r.id);
    const res = ok<RouterDto>(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/routers/${r.id}`,
        payload: { isolationMode: 'disable' },
      }),
    );
    expect(res.isolationMode).toBe('disable');
    expect(res.sync.pending).toBe(true);
    expect(await desiredRevision(env.deps.db, r.id)).toBe(rev + 1n);
    await expectReconciles(env.deps.db, [r.id]);
  });

  it('answers 404 for unknown ids and deletes an unused router', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      expectProblem(
        await admin.request({
          method,
          url: `/api/v1/routers/${randomUUID()}`,
          ...(method === 'PATCH' ? { payload: { notes: 'x' } } : {}),
        }),
        404,
        'not_found',
      );
    }
    const r = await make.router();
    expect(
      (await admin.request({ method: 'DELETE', url: `/api/v1/routers/${r.id}` })).statusCode,
    ).toBe(204);
    expectProblem(await admin.request({ method: 'GET', url: `/api/v1/routers/${r.id}` }), 404);
  });

  it('is refused to roles without routers abilities', async () => {
    const finance = await env.agentFor('finance');
    expectProblem(
      await finance.request({ method: 'GET', url: '/api/v1/routers' }),
      403,
      'forbidden',
    );
    const support = await env.agentFor('support');
    ok(await support.request({ method: 'GET', url: '/api/v1/routers' }));
    expectProblem(
      await support.request({
        method: 'POST',
        url: '/api/v1/routers',
        payload: { name: unique('R'), addresses: ['10.0.0.1'], username: 'u', password: 'p' },
      }),
      403,
    );
  });
});

describe('plans', () => {
  it('derives a stable unique profile name, builds the rate-limit and marks every carrying router', async () => {
    const r1 = await make.router();
    const r2 = await make.router();
    const name = `Home ${unique('Fiber')} 20M`;
    const plan = ok<PlanDto>(
      await admin.request({
        method: 'POST',
        url: '/api/v1/plans',
        payload: {
          name,
          type: 'pppoe',
          downloadKbps: 20_000,
          uploadKbps: 512,
          burst: {
            downloadKbps: 40_000,
            uploadKbps: 1_000,
            thresholdDownloadKbps: 15_000,
            thresholdUploadKbps: 384,
            seconds: 16,
          },
          price: '250000',
          routerIds: [r1.id, r2.id],
        },
      }),
      201,
    );
    expect(plan.profileName).toMatch(/^jaring-home-fiber-[0-9a-z-]+-20m$/);
    expect(plan.rateLimit).toBe('512k/20M 1M/40M 384k/15M 16/16');
    expect(plan.price).toBe('250000');
    expect([...plan.routerIds].sort()).toEqual([r1.id, r2.id].sort());
    await expectReconciles(env.deps.db, [r1.id, r2.id]);

    // A second plan whose name slugs the same gets a suffix; renaming keeps the profile.
    const twin = ok<PlanDto>(
      await admin.request({
        method: 'POST',
        url: '/api/v1/plans',
        payload: {
          name: `${name}!`,
          type: 'hotspot',
          downloadKbps: 2000,
          uploadKbps: 512,
          price: 5000,
        },
      }),
      201,
    );
    expect(twin.profileName).toBe(`${plan.profileName}-2`);
    expect(twin.rateLimit).toBe('512k/2M');
    await clearReconciles(env.deps.db);
    const renamed = ok<PlanDto>(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/plans/${plan.id}`,
        payload: { name: unique('Renamed'), price: '260000' },
      }),
    );
    expect(renamed.profileName).toBe(plan.profileName);
    expect(renamed.price).toBe('260000');
    // Price is billing, not router state.
    await expectReconciles(env.deps.db, []);

    const rev1 = await desiredRevision(env.deps.db, r1.id);
    ok(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/plans/${plan.id}`,
        payload: { downloadKbps: 25_000 },
      }),
    );
    await expectReconciles(env.deps.db, [r1.id, r2.id]);
    expect(await desiredRevision(env.deps.db, r1.id)).toBe(rev1 + 1n);

    // Dropping a router from the plan marks only that router (the profile leaves it).
    await clearReconciles(env.deps.db);
    const dropped = ok<PlanDto>(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/plans/${plan.id}`,
        payload: { routerIds: [r1.id] },
      }),
    );
    expect(dropped.routerIds).toEqual([r1.id]);
    await expectReconciles(env.deps.db, [r2.id]);

    const got = ok<PlanDto>(
      await admin.request({ method: 'GET', url: `/api/v1/plans/${plan.id}` }),
    );
    expect(got.rateLimit).toBe('512k/25M 1M/40M 384k/15M 16/16');
    const listed = ok<{ data: PlanDto[] }>(
      await admin.request({ method: 'GET', url: `/api/v1/plans?routerId=${r1.id}` }),
    );
    expect(listed.data.map((p) => p.id)).toEqual([plan.id]);

    await clearReconciles(env.deps.db);
    expect(
      (await admin.request({ method: 'DELETE', url: `/api/v1/plans/${plan.id}` })).statusCode,
    ).toBe(204);
    await expectReconciles(env.deps.db, [r1.id]);
  });

  it('refuses impossible rates, unknown routers and duplicate names with field errors, changing nothing', async () => {
    const r = await make.router();
    const existing = await make.plan([r.id], {
      burst: {
        downloadKbps: 20_000,
        uploadKbps: 8_000,
        thresholdDownloadKbps: 8_000,
        thresholdUploadKbps: 4_000,
        seconds: 10,
      },
    });
    await clearReconciles(env.deps.db);
    const before = await snapshot(env.deps.db);
    const base = {
      name: unique('Bad'),
      type: 'pppoe',
      downloadKbps: 10_000,
      uploadKbps: 2_000,
      price: '1000',
    };
    const impossible = expectProblem(
      await admin.request({
        method: 'POST',
        url: '/api/v1/plans',
        payload: {
          ...base,
          burst: {
            downloadKbps: 8_000,
            uploadKbps: 4_000,
            thresholdDownloadKbps: 9_000,
            thresholdUploadKbps: 4_000,
            seconds: 8,
          },
        },
      }),
      400,
      'validation_failed',
    );
    expect((impossible.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'burst.downloadKbps',
      'burst.thresholdDownloadKbps',
      'burst.thresholdUploadKbps',
    ]);
    // Half a burst is no burst.
    expectProblem(
      await admin.request({
        method: 'POST',
        url: '/api/v1/plans',
        payload: { ...base, burst: { downloadKbps: 20_000 } },
      }),
      400,
    );
    expectProblem(
      await admin.request({
        method: 'POST',
        url: '/api/v1/plans',
        payload: { ...base, downloadKbps: 0 },
      }),
      400,
    );
    expectProblem(
      await admin.request({
        method: 'POST',
        url: '/api/v1/plans',
        payload: { ...base, price: '-5' },
      }),
      400,
    );
    for (const extra of [
      { name: 'x\u0000' },
      { localAddress: '10.0.0.1 x' },
      { remotePool: 'p\u0000' },
    ]) {
      expectProblem(
        await admin.request({
          method: 'POST',
          url: '/api/v1/plans',
          payload: { ...base, ...extra },
        }),
        400,
      );
    }

    const unknown = randomUUID();
    const bad = expectProblem(
      await admin.request({
        method: 'POST',
        url: '/api/v1/plans',
        payload: { ...base, routerIds: [r.id, unknown] },
      }),
      400,
      'validation_failed',
    );
    expect(String(bad.detail)).toContain(unknown);
    expectProblem(
      await admin.request({
        method: 'POST',
        url: '/api/v1/plans',
        payload: { ...base, name: existing.name.toLowerCase() },
      }),
      409,
      'name_taken',
    );
    expectProblem(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/plans/${existing.id}`,
        payload: { uploadKbps: 8_000 },
      }),
      400,
    );
    expectProblem(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/plans/${existing.id}`,
        payload: { routerIds: [randomUUID()] },
      }),
      400,
    );
    expectProblem(
      await admin.request({ method: 'PATCH', url: `/api/v1/plans/${existing.id}`, payload: {} }),
      400,
    );
    expectProblem(
      await admin.request({ method: 'GET', url: `/api/v1/plans/${randomUUID()}` }),
      404,
    );
    expect(await snapshot(env.deps.db)).toEqual(before);
  });

  it('lets a reseller read plans but not write them', async () => {
    const reseller = await env.agentFor('reseller');
    ok(await reseller.request({ method: 'GET', url: '/api/v1/plans' }));
    expectProblem(
      await reseller.request({
        method: 'POST',
        url: '/api/v1/plans',
        payload: { name: unique('P'), type: 'pppoe', downloadKbps: 100, uploadKbps: 100, price: 1 },
      }),
      403,
    );
  });
});

describe('topology', () => {
  interface OdpDto {
    id: string;
    used: number;
    capacity: number;
  }

  it('manages sites and ODC/ODPs, counts ODP use and refuses deleting what is in use', async () => {
    const area = ok<{ id: string }>(
      await admin.request({
        method: 'POST',
        url: '/api/v1/sites',
        payload: { name: unique('Area'), kind: 'area' },
      }),
      201,
    );
    const pop = ok<{ id: string; parentId: string }>(
      await admin.request({
        method: 'POST',
        url: '/api/v1/sites',
        payload: {
          name: unique('POP'),
          kind: 'pop',
          parentId: area.id,
          latitude: -6.2,
          longitude: 106.8,
        },
      }),
      201,
    );
    expect(pop.parentId).toBe(area.id);
    // A site cannot become its own ancestor.
    expectProblem(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/sites/${area.id}`,
        payload: { parentId: pop.id },
      }),
      400,
    );
    const odc = ok<OdpDto>(
      await admin.request({
        method: 'POST',
        url: '/api/v1/odps',
        payload: { name: unique('ODC'), kind: 'odc', siteId: pop.id, capacity: 48 },
      }),
      201,
    );
    const odp = ok<OdpDto>(
      await admin.request({
        method: 'POST',
        url: '/api/v1/odps',
        payload: {
          name: unique('ODP'),
          kind: 'odp',
          parentId: odc.id,
          capacity: 2,
          latitude: -6.21,
          longitude: 106.81,
        },
      }),
      201,
    );
    // ODPs hang off ODCs only.
    expectProblem(
      await admin.request({
        method: 'POST',
        url: '/api/v1/odps',
        payload: { name: unique('ODP'), kind: 'odp', parentId: odp.id, capacity: 8 },
      }),
      400,
    );
    const c1 = await make.customer({
      odpId: odp.id,
      odpPort: 1,
      latitude: -6.211,
      longitude: 106.811,
    });
    expectProblem(
      await admin.request({
        method: 'POST',
        url: '/api/v1/customers',
        payload: { name: unique('C'), odpId: odp.id, odpPort: 1 },
      }),
      409,
      'odp_port_taken',
    );
    expectProblem(
      await admin.request({
        method: 'POST',
        url: '/api/v1/customers',
        payload: { name: unique('C'), odpId: odp.id, odpPort: 3 },
      }),
      400,
    );
    await make.customer({ odpId: odp.id, odpPort: 2 });
    expectProblem(
      await admin.request({
        method: 'POST',
        url: '/api/v1/customers',
        payload: { name: unique('C'), odpId: odp.id },
      }),
      409,
    );
    expect(
      ok<OdpDto>(await admin.request({ method: 'GET', url: `/api/v1/odps/${odp.id}` })).used,
    ).toBe(2);
    expectProblem(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/odps/${odp.id}`,
        payload: { capacity: 1 },
      }),
      409,
      'in_use',
    );
    expectProblem(
      await admin.request({ method: 'DELETE', url: `/api/v1/odps/${odp.id}` }),
      409,
      'in_use',
    );
    expectProblem(
      await admin.request({ method: 'DELETE', url: `/api/v1/odps/${odc.id}` }),
      409,
      'in_use',
    );
    expectProblem(
      await admin.request({ method: 'DELETE', url: `/api/v1/sites/${pop.id}` }),
      409,
      'in_use',
    );
    expectProblem(
      await admin.request({ method: 'DELETE', url: `/api/v1/sites/${area.id}` }),
      409,
      'in_use',
    );

    const list = ok<{ data: OdpDto[] }>(
      await admin.request({ method: 'GET', url: `/api/v1/odps?parentId=${odc.id}` }),
    );
    expect(list.data.map((o) => o.id)).toEqual([odp.id]);

    // The map shows located points inside the box only.
    const map = ok<{ points: { kind: string; id: string }[]; truncated: boolean }>(
      await admin.request({
        method: 'GET',
        url: '/api/v1/topology/map?bbox=106.7,-6.3,106.9,-6.1',
      }),
    );
    const ids = map.points.map((p) => p.id);
    expect(ids).toContain(odp.id);
    expect(ids).toContain(c1.id);
    expect(ids).not.toContain(odc.id);
    const elsewhere = ok<{ points: unknown[] }>(
      await admin.request({ method: 'GET', url: '/api/v1/topology/map?bbox=0,0,1,1' }),
    );
    expect(elsewhere.points).toEqual([]);
    expectProblem(
      await admin.request({ method: 'GET', url: '/api/v1/topology/map?bbox=1,2,3' }),
      400,
    );

    ok(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/customers/${c1.id}`,
        payload: { odpId: null },
      }),
    );
    const other = await admin.request({ method: 'GET', url: `/api/v1/customers?odpId=${odp.id}` });
    expect(ok<{ data: unknown[] }>(other).data.length).toBe(1);
  });

  it('builds the router -> ODC/ODP -> customers tree with counts and capped lists', async () => {
    const r = await make.router();
    const plan = await make.plan([r.id]);
    const odc = ok<OdpDto>(
      await admin.request({
        method: 'POST',
        url: '/api/v1/odps',
        payload: { name: unique('ODC'), kind: 'odc', capacity: 16 },
      }),
      201,
    );
    const odp = ok<OdpDto>(
      await admin.request({
        method: 'POST',
        url: '/api/v1/odps',
        payload: { name: unique('ODP'), kind: 'odp', parentId: odc.id, capacity: 16 },
      }),
      201,
    );
    for (let i = 0; i < 5; i++) {
      const c = await make.customer(i < 3 ? { odpId: odp.id } : {});
      await make.subscription({ customerId: c.id, planId: plan.id, routerId: r.id });
    }
    const tree = ok<{
      routers: {
        id: string;
        customerCount: number;
        odps: {
          id: string;
          kind: string;
          customerCount: number;
          customers: unknown[];
          more: boolean;
        }[];
        unassigned: { customerCount: number };
      }[];
    }>(
      await admin.request({
        method: 'GET',
        url: `/api/v1/topology/tree?routerId=${r.id}&customersPerNode=2`,
      }),
    );
    expect(tree.routers).toHaveLength(1);
    const node = tree.routers[0];
    expect(node?.customerCount).toBe(5);
    expect(node?.unassigned.customerCount).toBe(2);
    const odpNode = node?.odps.find((o) => o.id === odp.id);
    expect(odpNode).toMatchObject({ kind: 'odp', customerCount: 3, more: true });
    expect(odpNode?.customers).toHaveLength(2);
    expect(node?.odps.find((o) => o.id === odc.id)).toMatchObject({
      kind: 'odc',
      customerCount: 0,
    });
    expectProblem(
      await admin.request({ method: 'GET', url: `/api/v1/topology/tree?routerId=${randomUUID()}` }),
      404,
    );
    // The whole network comes as counts; one ODP lists its customers.
    type Tree = {
      routers: {
        id: string;
        odps: { id: string; customerCount: number; customers: unknown[] }[];
      }[];
      unrouted: { customers: unknown[] };
    };
    const whole = ok<Tree>(await admin.request({ method: 'GET', url: '/api/v1/topology/tree' }));
    const wholeOdp = whole.routers.find((x) => x.id === r.id)?.odps.find((o) => o.id === odp.id);
    expect(wholeOdp).toMatchObject({ customerCount: 3, customers: [] });
    expect(whole.unrouted.customers).toEqual([]);
    const one = ok<Tree>(
      await admin.request({ method: 'GET', url: `/api/v1/topology/tree?odpId=${odp.id}` }),
    );
    const oneOdp = one.routers.find((x) => x.id === r.id)?.odps.find((o) => o.id === odp.id);
    expect(oneOdp?.customers).toHaveLength(3);
    expect(one.routers.flatMap((x) => x.odps).filter((o) => o.customerCount > 0)).toHaveLength(1);
    expectProblem(
      await admin.request({ method: 'GET', url: `/api/v1/topology/tree?odpId=${randomUUID()}` }),
      404,
    );
  });

  it('gives 404 for unknown ids and 400 for empty bodies', async () => {
    for (const path of ['sites', 'odps']) {
      expectProblem(
        await admin.request({ method: 'GET', url: `/api/v1/${path}/${randomUUID()}` }),
        404,
      );
      expectProblem(
        await admin.request({ method: 'DELETE', url: `/api/v1/${path}/${randomUUID()}` }),
        404,
      );
      expectProblem(
        await admin.request({
          method: 'PATCH',
          url: `/api/v1/${path}/${randomUUID()}`,
          payload: { notes: 'x' },
        }),
        404,
      );
      expectProblem(
        await admin.request({ method: 'POST', url: `/api/v1/${path}`, payload: {} }),
        400,
      );
    }
    const finance = await env.agentFor('finance');
    expectProblem(await finance.request({ method: 'GET', url: '/api/v1/topology/tree' }), 403);
  });
});
