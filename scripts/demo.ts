// `npm run demo`: Jaring with seeded demo data in its own data directory (./data-demo).
import { loadConfig } from '../apps/server/src/config/env.ts';
import { startNbiSimulator } from '@jaring/genieacs/sim';
import { startMidtransSimulator } from '@jaring/midtrans/sim';
import { startSimulator } from '@jaring/routeros/sim';
import { startTripaySimulator } from '@jaring/tripay/sim';
import { seedDemoDevices } from '../apps/server/src/demo/devices.ts';
import { seedDemoMonitoring } from '../apps/server/src/demo/monitoring.ts';
import { seedDemoPayments } from '../apps/server/src/demo/payments.ts';
import {
  DEMO_OWNER,
  seedDemo,
  seedDemoNetwork,
  type DemoRouter,
} from '../apps/server/src/demo/seed.ts';
import { createLogger } from '../apps/server/src/lib/logger.ts';
import { start } from '../apps/server/src/runtime/start.ts';
import { ensureWebBuild } from './web-build.ts';

ensureWebBuild();

// Two simulated MikroTik routers that already serve PPPoE customers (deterministic data, so a
// restarted demo finds the same users it imported before).
/** The second router's customers, named the way that POP's technicians name them. */
function depokSeed(): Record<string, Record<string, string>[]> {
  const names = ['andi', 'bayu', 'citra', 'dedi', 'eka', 'fajar', 'gita', 'hadi', 'indah', 'joko'];
  return {
    '/ip/pool': [{ name: 'depok-pool', ranges: '10.20.0.2-10.20.0.254' }],
    '/ppp/profile': [
      {
        name: 'rumah-5M',
        'rate-limit': '2M/5M',
        'local-address': '10.20.0.1',
        'remote-address': 'depok-pool',
      },
      {
        name: 'rumah-15M',
        'rate-limit': '5M/15M',
        'local-address': '10.20.0.1',
        'remote-address': 'depok-pool',
      },
    ],
    '/ppp/secret': names.flatMap((n, i) =>
      [1, 2].map((k) => ({
        name: `dpk-${n}${k}`,
        password: `${n}${k}${1000 + i}`,
        service: 'pppoe',
        profile: k === 1 ? 'rumah-5M' : 'rumah-15M',
        comment: `${n[0]?.toUpperCase() ?? ''}${n.slice(1)} ${k === 1 ? 'Pratama' : 'Wijaya'}`,
      })),
    ),
  };
}

const SIM_PORTS = [
  Number(process.env.DEMO_SIM_PORT ?? 18728),
  Number(process.env.DEMO_SIM_PORT ?? 18728) + 1,
];
const sims = await Promise.all(
  SIM_PORTS.map((port, i) =>
    startSimulator({
      port,
      user: 'jaring',
      password: 'demo-router',
      identity: i === 0 ? 'POP-Cibinong' : 'POP-Depok',
      version: i === 0 ? '7.18' : '6.49.10',
      seed: i === 0 ? 40 : depokSeed(),
      randomSeed: i + 1,
      latencyMs: 5,
    }).catch((err: unknown) => {
      process.stderr.write(
        `Could not start the simulated router on port ${port}: ${(err as Error).message}\n` +
          'Set DEMO_SIM_PORT to another port (two consecutive ports are used).\n',
      );
      process.exit(1);
    }),
  ),
);
const demoRouters: DemoRouter[] = sims.map((sim, i) => ({
  name: i === 0 ? 'POP Cibinong' : 'POP Depok',
  host: sim.host,
  port: sim.port,
  user: 'jaring',
  password: 'demo-router',
}));

// Both payment gateways, simulated: a demo customer pays on their payment pages and the
// signed notifications come back to Jaring exactly as the real gateways would send them.
const GATEWAY_PORT = Number(process.env.DEMO_GATEWAY_PORT ?? 18780);
const MIDTRANS_KEY = 'SB-Mid-server-demo-jaring';
const TRIPAY = {
  apiKey: 'DEV-demo-jaring',
  privateKey: 'demo-private-jaring',
  merchantCode: 'T0001',
};
const gatewaySims = await Promise.all([
  startMidtransSimulator({ serverKey: MIDTRANS_KEY, port: GATEWAY_PORT }),
  startTripaySimulator({ ...TRIPAY, port: GATEWAY_PORT + 1 }),
]).catch((err: unknown) => {
  process.stderr.write(
    `Could not start the simulated payment gateways on ports ${GATEWAY_PORT}-${GATEWAY_PORT + 1}: ${(err as Error).message}\n` +
      'Set DEMO_GATEWAY_PORT to another port (two consecutive ports are used).\n',
  );
  process.exit(1);
});
const [midtransSim, tripaySim] = gatewaySims;

// A simulated GenieACS NBI; its ONTs are added once the demo customers exist (seedDemoDevices).
const ACS_PORT = Number(process.env.DEMO_ACS_PORT ?? 17557);
const acsSim = await startNbiSimulator({ port: ACS_PORT }).catch((err: unknown) => {
  process.stderr.write(
    `Could not start the simulated GenieACS on port ${ACS_PORT}: ${(err as Error).message}\n` +
      'Set DEMO_ACS_PORT to another port.\n',
  );
  process.exit(1);
});

const config = loadConfig(
  {
    DATA_DIR: './data-demo',
    LOG_LEVEL: 'warn',
    ...process.env,
    ADMIN_EMAIL: DEMO_OWNER.email,
    ADMIN_PASSWORD: DEMO_OWNER.password,
  },
  process.cwd(),
);
const running = await start(config, 'all', createLogger(config.logLevel));
const logins = await seedDemo(running.deps);
await seedDemoNetwork(running.deps, demoRouters);
await seedDemoMonitoring(running.deps);
const acsDevices = await seedDemoDevices(running.deps, acsSim);
const payer = await seedDemoPayments(running.deps, {
  midtrans: { apiBaseUrl: midtransSim.url, serverKey: MIDTRANS_KEY },
  tripay: { apiBaseUrl: tripaySim.baseUrl, ...TRIPAY },
});
const url = `http://localhost:${config.port}`;
process.stdout.write(
  [
    '',
    `Jaring demo is running at ${url}`,
    `API docs: ${url}/docs`,
    '',
    'Demo logins:',
    ...logins.map((l) => `  ${l.role.padEnd(11)} ${l.email.padEnd(28)} ${l.password}`),
    '',
    `Simulated routers: ${demoRouters.map((r) => `${r.name} ${r.host}:${r.port}`).join(', ')} (user jaring / demo-router)`,
    `Simulated payment gateways: Midtrans ${midtransSim.url}, Tripay ${tripaySim.url}`,
    `Simulated GenieACS NBI: ${acsSim.url} (${acsDevices} ONTs synced)`,
    ...(payer
      ? [
          '',
          `Customer portal: ${url}/portal  login ${payer.number} / ${payer.password} (${payer.name}, has an invoice to pay online)`,
        ]
      : []),
    '',
    `Press Ctrl+C to stop. Demo data lives in ${config.dataDir} (delete it to start over).`,
    '',
  ].join('\n'),
);
const stop = (): void => {
  Promise.all([
    running.stop(),
    ...sims.map((s) => s.close()),
    ...gatewaySims.map((s) => s.close()),
    acsSim.close(),
  ]).then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
