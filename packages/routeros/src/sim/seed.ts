import type { Item } from './model.ts';
import { mulberry32 } from './random.ts';
import type { SimRouter } from './router.ts';

/**
 * Seed data: a number generates that many customers (profiles with rate-limits, PPP secrets,
 * a static queue for every 25th customer, a pool and some hotspot users) deterministically; an
 * object gives rows per menu path verbatim.
 */
export type SeedData = number | { readonly [menuPath: string]: readonly Readonly<Item>[] };

const PLANS = [
  { name: 'home-10M', rate: '5M/10M' },
  { name: 'home-20M', rate: '10M/20M' },
  { name: 'home-50M', rate: '20M/50M' },
  { name: 'biz-100M', rate: '50M/100M' },
] as const;

function generated(count: number, seed: number): Record<string, Item[]> {
  const rnd = mulberry32(seed);
  const secrets: Item[] = [];
  const queues: Item[] = [];
  const hotspot: Item[] = [];
  for (let i = 1; i <= count; i++) {
    const plan = PLANS[Math.floor(rnd() * PLANS.length)] ?? PLANS[0];
    const name = `cust${String(i).padStart(5, '0')}`;
    const ip = `10.10.${Math.floor(i / 250)}.${(i % 250) + 2}`;
    secrets.push({
      name,
      password: `pw${Math.floor(rnd() * 1e8).toString(36)}`,
      service: 'pppoe',
      profile: plan.name,
      'remote-address': ip,
      disabled: rnd() < 0.05 ? 'yes' : 'no',
      comment: `customer ${i}`,
    });
    // PPP customers get dynamic queues from their profile's rate-limit, as on a real PPPoE
    // router; a static queue per PPP customer would count their traffic twice. A few
    // static-IP business customers have static queues instead.
    if (i % 25 === 0) {
      queues.push({
        name: `static-biz${String(i).padStart(5, '0')}`,
        target: `172.20.${Math.floor(i / 250)}.${(i % 250) + 2}/32`,
        'max-limit': plan.rate,
        comment: `static-IP customer ${i}`,
      });
    }
    if (i % 10 === 0)
      hotspot.push({ name: `voucher${i}`, password: String(1000 + i), profile: 'default' });
  }
  return {
    '/ip/pool': [{ name: 'pppoe-pool', ranges: '10.10.0.2-10.10.255.254' }],
    '/ppp/profile': PLANS.map((p) => ({
      name: p.name,
      'rate-limit': p.rate,
      'local-address': '10.10.0.1',
      'remote-address': 'pppoe-pool',
      'only-one': 'yes',
    })),
    '/ppp/secret': secrets,
    '/queue/simple': queues,
    '/ip/hotspot/user': hotspot,
    // Every other voucher is logged in right now.
    '/ip/hotspot/active': hotspot
      .filter((_, i) => i % 2 === 0)
      .map((u, i) => ({
        server: 'hotspot1',
        user: u['name'] ?? '',
        address: `172.16.${Math.floor(i / 250)}.${(i % 250) + 2}`,
        'mac-address':
          `02:00:00:00:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`.toUpperCase(),
      })),
    '/ip/firewall/address-list': [{ list: 'isolir', address: '10.10.0.99', comment: 'example' }],
  };
}

/** Order matters: profiles must exist before the secrets that reference them. */
const ORDER = [
  '/ip/pool',
  '/ppp/profile',
  '/ip/hotspot/user/profile',
  '/ppp/secret',
  '/ip/hotspot/user',
  '/queue/simple',
  '/ip/firewall/address-list',
  '/ip/hotspot/active',
];

/** Applies seed data through the normal validation path. */
export function applySeed(router: SimRouter, data: SeedData, randomSeed = 1): void {
  const menus = typeof data === 'number' ? generated(data, randomSeed) : data;
  const paths = [
    ...ORDER.filter((p) => p in menus),
    ...Object.keys(menus).filter((p) => !ORDER.includes(p)),
  ];
  for (const path of paths) {
    const m = router.menu(path);
    if (!m) throw new RangeError(`seed: unknown menu ${path}`);
    for (const row of menus[path] ?? []) router.add(m.def, m.table, row, true);
  }
}
