import type {
  RouterImportPreview,
  RouterImportResult,
  runRouterImportSchema,
} from '@jaring/contracts';
import { and, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { customers, planRouters, plans, subscriptions } from '../../db/schema/index.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { formatCustomerNumber, numberPrefix } from '../customers/service.ts';
import { findRouter } from '../reconcile/queries.ts';
import { routerPool } from '../reconcile/router-pools.ts';
import { markRouterChanged } from '../reconcile/sync-request.ts';
import { planImport, type RouterSnapshot } from './plan-import.ts';

type RunImport = z.infer<typeof runRouterImportSchema>;

async function snapshot(deps: AppDeps, routerId: string): Promise<RouterSnapshot> {
  const router = await findRouter(deps.db, routerId);
  if (!router) throw notFound('Router');
  const pool = routerPool(deps, router);
  try {
    const [pppProfiles, pppSecrets, hotspotProfiles, hotspotUsers] = await Promise.all(
      ['/ppp/profile', '/ppp/secret', '/ip/hotspot/user/profile', '/ip/hotspot/user'].map(
        async (path) => (await pool.exec(`${path}/print`)).rows,
      ),
    );
    return {
      pppProfiles: pppProfiles ?? [],
      pppSecrets: pppSecrets ?? [],
      hotspotProfiles: hotspotProfiles ?? [],
      hotspotUsers: hotspotUsers ?? [],
    };
  } catch (err) {
    throw new DomainError(
      'router_unreachable',
      `Could not read the router: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

async function importContext(deps: AppDeps): Promise<Parameters<typeof planImport>[2]> {
  const planRows = await deps.db
    .select({ id: plans.id, type: plans.type, profileName: plans.profileName })
    .from(plans);
  const taken = await deps.db
    .select({ u: sql<string>`lower(${subscriptions.username})` })
    .from(subscriptions)
    .where(ne(subscriptions.status, 'terminated'));
  return {
    plansByProfile: new Map(planRows.map((p) => [p.profileName, { id: p.id, type: p.type }])),
    takenUsernames: new Set(taken.map((t) => t.u)),
  };
}

export async function previewRouterImport(
  deps: AppDeps,
  routerId: string,
): Promise<RouterImportPreview> {
  const snap = await snapshot(deps, routerId);
  return planImport(routerId, snap, await importContext(deps));
}

/**
 * Adopts what a router already carries: profiles become plans, users become customers with a
 * subscription, all in one transaction. Nothing on the router changes in the import itself; the
 * reconcile that follows takes the entries over (sets Jaring's comment) without kicking anyone.
 */
export async function runRouterImport(
  deps: AppDeps,
  ctx: RequestContext,
  routerId: string,
  input: RunImport,
): Promise<RouterImportResult> {
  const snap = await snapshot(deps, routerId);
  const preview = planImport(routerId, snap, await importContext(deps));
  const toImport = preview.users.filter((u) => u.action === 'import');
  const passwords = new Map<string, string>();
  for (const s of [...snap.pppSecrets, ...snap.hotspotUsers])
    if (s.name) passwords.set(s.name, s.password ?? '');

  const routerProfile = (
    type: string,
    name: string,
  ): Record<string, string | undefined> | undefined =>
    (type === 'pppoe' ? snap.pppProfiles : snap.hotspotProfiles).find((r) => r.name === name);

  return deps.db.transaction(async (tx) => {
    // Plans: reuse a plan that already has the profile's name; create the others.
    const planIds = new Map<string, string>();
    let plansCreated = 0;
    for (const p of preview.profiles) {
      if (!p.importable) continue;
      const key = `${p.type}:${p.profile}`;
      if (p.existingPlanId) {
        planIds.set(key, p.existingPlanId);
      } else if (toImport.some((u) => u.type === p.type && u.profile === p.profile)) {
        const nameTaken = await tx
          .select({ id: plans.id })
          .from(plans)
          .where(sql`lower(${plans.name}) = lower(${p.profile})`);
        const [row] = await tx
          .insert(plans)
          .values({
            name: nameTaken.length ? `${p.profile} (${p.type})` : p.profile,
            type: p.type,
            profileName: p.profile,
            downloadKbps: p.downloadKbps ?? 0,
            uploadKbps: p.uploadKbps ?? 0,
            price: BigInt(input.prices[p.profile] ?? input.defaultPrice),
            taxRateBp: input.taxRateBp,
            // Keep the profile's addressing exactly as the operator configured it.
            localAddress: routerProfile(p.type, p.profile)?.['local-address'] || null,
            remotePool: routerProfile(p.type, p.profile)?.['remote-address'] || null,
            sharedUsers: Number(routerProfile(p.type, p.profile)?.['shared-users'] ?? 1) || 1,
          })
          .returning({ id: plans.id });
        if (!row) throw new Error('plan insert returned nothing');
        planIds.set(key, row.id);
        plansCreated += 1;
      }
      const planId = planIds.get(key);
      if (planId) await tx.insert(planRouters).values({ planId, routerId }).onConflictDoNothing();
    }

    // Customers and subscriptions in bulk: an import of thousands is a handful of statements.
    const prefix = await numberPrefix(tx);
    const numbers = await rowsOf<{ n: string }>(
      tx.execute(
        sql`select nextval('customer_number_seq')::text as n from generate_series(1, ${toImport.length}::int)`,
      ),
    );
    let created = 0;
    for (let i = 0; i < toImport.length; i += 500) {
      const chunk = toImport.slice(i, i + 500);
      const custRows = await tx
        .insert(customers)
        .values(
          chunk.map((u, j) => ({
            number: formatCustomerNumber(prefix, BigInt(numbers[i + j]?.n ?? '0')),
            name: u.name,
            notes: `Imported from router user ${u.username}`,
          })),
        )
        .returning({ id: customers.id });
      await tx.insert(subscriptions).values(
        chunk.map((u, j) => ({
          customerId: custRows[j]?.id ?? '',
          planId: planIds.get(`${u.type}:${u.profile}`) ?? '',
          routerId,
          type: u.type,
          username: u.username,
          passwordEnc: deps.secretBox.encrypt(
            passwords.get(u.username) ?? '',
            'subscriptions.password',
          ),
          staticIp: u.staticIp,
          status: u.disabled ? 'suspended' : 'active',
          adopt: true,
        })),
      );
      created += chunk.length;
    }
    if (created > 0) {
      const revision = await markRouterChanged(deps, tx, routerId);
      await tx
        .update(subscriptions)
        .set({ routerRevision: revision })
        .where(
          and(
            inArray(
              subscriptions.username,
              toImport.map((u) => u.username),
            ),
            ne(subscriptions.status, 'terminated'),
          ),
        );
    }
    const result: RouterImportResult = {
      plansCreated,
      customersCreated: created,
      subscriptionsCreated: created,
      skipped: preview.users
        .filter((u) => u.action === 'skip')
        .map((u) => ({ username: u.username, reason: u.reason ?? '' })),
    };
    await recordAudit(tx, ctx, {
      action: 'router.imported',
      entityType: 'router',
      entityId: routerId,
      after: { plansCreated, subscriptionsCreated: created, skipped: result.skipped.length },
    });
    return result;
  });
}
