import { DEFAULT_BILLING_SETTINGS, type BillingSettings } from '@jaring/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLogs, invoices } from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { readSetting } from '../src/modules/customers/queries.ts';
import { snapshotTables } from './support/db-snapshot.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import { expectProblem, fixtures, ok, unique } from './support/network.ts';

const clock = new ManualClock('2026-03-10T05:00:00Z');
let env: TestEnv;
let admin: Agent;
let finance: Agent;

beforeAll(async () => {
  env = await createTestEnv({ jobs: true, clock });
  admin = await env.agentFor('admin');
  finance = await env.agentFor('finance');
}, 60_000);
afterAll(async () => {
  await env.close();
});

const URL = '/api/v1/settings/billing';
const LOGO = `data:image/png;base64,${Buffer.from('not really a png').toString('base64')}`;

const settings: BillingSettings = {
  company: {
    name: 'Net Desa',
    address: 'Jl. Merdeka 1, Sleman',
    phone: '+62 274 123456',
    email: 'billing@netdesa.example',
    taxId: '01.234.567.8-901.000',
    logoDataUrl: LOGO,
    bankAccounts: [{ bank: 'BCA', accountNumber: '123 456 7890', accountName: 'PT Net Desa' }],
  },
  invoice: { prefix: 'NDS', footer: 'Terima kasih' },
  dunning: { reminderDays: [-5, 0, 2], suspendAfterDays: 45, terminateAfterDays: 90 },
};

describe('billing settings API', () => {
  it('reads the defaults, saves a document, and the invoice run numbers with the new prefix', async () => {
    expect(ok<BillingSettings>(await finance.request({ method: 'GET', url: URL }))).toEqual(
      DEFAULT_BILLING_SETTINGS,
    );

    const saved = ok<BillingSettings>(
      await admin.request({ method: 'PUT', url: URL, payload: settings }),
    );
    expect(saved).toEqual(settings);
    expect(ok<BillingSettings>(await finance.request({ method: 'GET', url: URL }))).toEqual(
      settings,
    );
    expect(await readSetting(env.deps.db, 'billing.invoicePrefix')).toBe('NDS');

    const audit = await env.deps.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.action, 'settings.billing.updated'));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe(admin.userId);
    // The logo itself stays out of the audit log.
    expect(JSON.stringify(audit[0]?.after)).not.toContain('base64');
    expect(audit[0]?.after).toMatchObject({ invoice: { prefix: 'NDS' }, logoChanged: true });

    // The invoice run (another module) picks the prefix up.
    const make = fixtures(admin);
    const router = await make.router();
    const plan = await make.plan([router.id]);
    const customer = await make.customer({ name: unique('Prefix') });
    await make.subscription({
      customerId: customer.id,
      planId: plan.id,
      routerId: router.id,
      username: unique('prefix'),
      startDate: '2026-03-10',
      activate: true,
    });
    const run = ok<{ count: number; firstNumber: string | null }>(
      await admin.request({
        method: 'POST',
        url: '/api/v1/invoices/run',
        payload: { dryRun: false },
      }),
    );
    expect(run.count).toBe(1);
    expect(run.firstNumber).toBe('NDS-2026-000001');
    const [inv] = await env.deps.db
      .select({ number: invoices.number })
      .from(invoices)
      .where(eq(invoices.customerId, customer.id));
    expect(inv?.number).toBe('NDS-2026-000001');

    // Changing it again moves the key with it.
    const next = { ...settings, invoice: { prefix: 'ND2', footer: null } };
    ok(await admin.request({ method: 'PUT', url: URL, payload: next }));
    expect(await readSetting(env.deps.db, 'billing.invoicePrefix')).toBe('ND2');
  });

  it('refuses bad documents and callers without the ability, changing nothing', async () => {
    const others = await Promise.all(
      (['support', 'reseller', 'technician'] as const).map((role) => env.agentFor(role)),
    );
    const tables = ['app_settings', 'audit_logs'] as const;
    const before = await snapshotTables(env.deps.db, tables);
    const bad: [string, unknown][] = [
      ['empty', {}],
      ['prefix with a dash', { ...settings, invoice: { prefix: 'IN-V', footer: null } }],
      ['prefix too long', { ...settings, invoice: { prefix: 'ABCDEFGHIJKLM', footer: null } }],
      [
        'gif logo',
        {
          ...settings,
          company: { ...settings.company, logoDataUrl: 'data:image/gif;base64,AAAA' },
        },
      ],
      ['bad email', { ...settings, company: { ...settings.company, email: 'not-an-email' } }],
      [
        'account number with letters',
        {
          ...settings,
          company: {
            ...settings.company,
            bankAccounts: [{ bank: 'BCA', accountNumber: 'abc', accountName: 'PT' }],
          },
        },
      ],
      [
        'reminder day out of range',
        { ...settings, dunning: { ...settings.dunning, reminderDays: [99] } },
      ],
      ['unknown section', { ...settings, extra: true }],
      ['missing section', { company: settings.company, invoice: settings.invoice }],
    ];
    for (const [name, payload] of bad) {
      const res = await admin.request({
        method: 'PUT',
        url: URL,
        payload: payload as Record<string, unknown>,
      });
      expect(res.statusCode, name).toBe(400);
    }
    // Finance reads but may not write; support and resellers may not even read.
    expectProblem(await finance.request({ method: 'PUT', url: URL, payload: settings }), 403);
    for (const agent of others) {
      expectProblem(await agent.request({ method: 'GET', url: URL }), 403);
      expectProblem(await agent.request({ method: 'PUT', url: URL, payload: settings }), 403);
    }
    expect(await snapshotTables(env.deps.db, tables)).toEqual(before);
  });
});
