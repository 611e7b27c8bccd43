// A fleet of simulated routers in its own process, so their work does not share the event loop
// with the code being measured. Prints one JSON line with the ports, then serves until stdin ends.
import { parseArgs } from 'node:util';
import { startSimulator, type Simulator } from '@jaring/routeros/sim';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100' },
    'latency-ms': { type: 'string', default: '20' },
    user: { type: 'string', default: 'bench' },
    password: { type: 'string', default: 'bench-pw' },
    seed: { type: 'string', default: '0' },
  },
});

const count = Number(values.count);
const sims: Simulator[] = [];
for (let i = 0; i < count; i++) {
  sims.push(
    await startSimulator({
      user: values.user,
      password: values.password,
      latencyMs: Number(values['latency-ms']),
      identity: `bench-${i + 1}`,
      activeRatio: 0,
      ...(Number(values.seed) > 0 ? { seed: Number(values.seed), randomSeed: i + 1 } : {}),
    }),
  );
}
process.stdout.write(
  `${JSON.stringify({ ports: sims.map((s) => s.port), host: sims[0]?.host })}\n`,
);

async function stop(): Promise<void> {
  await Promise.all(sims.map((s) => s.close()));
  process.exit(0);
}
process.stdin.resume();
process.stdin.on('end', () => void stop());
process.once('SIGTERM', () => void stop());
