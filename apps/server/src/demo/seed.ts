import type { Role } from '@jaring/contracts';
import { routers } from '../db/schema/index.ts';
import { hashPassword } from '../lib/password.ts';
import { findUserByEmail, insertUser } from '../modules/users/queries.ts';
import { systemContext } from '../modules/auth/principal.ts';
import { runRouterImport } from '../modules/router-import/service.ts';
import type { AppDeps } from '../runtime/deps.ts';

export interface DemoLogin {
  role: Role;
  email: string;
  password: string;
}

export const DEMO_OWNER: DemoLogin = {
  role: 'owner',
  email: 'owner@demo.jaring.id',
  password: 'demo-owner-2026',
};

const STAFF: readonly { role: Role; name: string }[] = [
  { role: 'admin', name: 'Sari Admin' },
  { role: 'finance', name: 'Budi Keuangan' },
  { role: 'technician', name: 'Agus Teknisi' },
  { role: 'support', name: 'Rina CS' },
  { role: 'reseller', name: 'Dewi Reseller' },
];

/** Demo data is idempotent: running the demo again keeps what is there. */
export async function seedDemo(deps: AppDeps): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [DEMO_OWNER];
  for (const s of STAFF) {
    const login = {
      role: s.role,
      email: `${s.role}@demo.jaring.id`,
      password: `demo-${s.role}-2026`,
    };
    if (!(await findUserByEmail(deps.db, login.email))) {
      await insertUser(deps.db, {
        email: login.email,
        name: s.name,
        role: s.role,
        locale: 'id',
        passwordHash: await hashPassword(login.password),
      });
    }
    logins.push(login);
  }
  return logins;
}

export interface DemoRouter {
  name: string;
  host: string;
  port: number;
  user: string;
  password: string;
}

/**
 * Two routers that already run PPPoE for their customers, adopted through the same import an ISP
 * would use: the demo shows customers active on them from the first screen.
 */
export async function seedDemoNetwork(
  deps: AppDeps,
  demoRouters: readonly DemoRouter[],
): Promise<void> {
  const existing = await deps.db.select({ name: routers.name }).from(routers);
  if (existing.length > 0) return;
  const ctx = systemContext();
  for (const r of demoRouters) {
    const [row] = await deps.db
      .insert(routers)
      .values({
        name: r.name,
        addresses: [r.host],
        port: r.port,
        transport: 'api',
        username: r.user,
        passwordEnc: deps.secretBox.encrypt(r.password, 'routers.password'),
        isolationMode: 'profile',
      })
      .returning({ id: routers.id });
    if (!row) continue;
    await runRouterImport(deps, ctx, row.id, {
      prices: {
        'home-10M': '150000',
        'home-20M': '200000',
        'home-50M': '350000',
        'biz-100M': '1500000',
        'rumah-5M': '110000',
        'rumah-15M': '175000',
      },
      defaultPrice: '150000',
      taxRateBp: 1100,
    });
  }
}
