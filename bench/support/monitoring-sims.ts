/**
 * Simulated routers for bench:monitoring, in their own process so the poller's CPU time is
 * measured alone. Starts ROUTERS simulators with SUBSCRIBERS online PPPoE customers each (a
 * profile with a rate-limit, so each session has its dynamic queue) and LATENCY_MS per reply,
 * prints their ports as one JSON line, and runs until stdin closes.
 */
import { startSimulator, type Simulator } from '@jaring/routeros/sim';

const ROUTERS = Number(process.env.ROUTERS ?? 200);
/** Index of this process's first router, so usernames stay unique across processes. */
const FIRST = Number(process.env.FIRST_ROUTER ?? 0);
const SUBSCRIBERS = Number(process.env.SUBSCRIBERS ?? 250);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);

const sims: Simulator[] = [];
for (let r = FIRST; r < FIRST + ROUTERS; r++) {
  sims.push(
    await startSimulator({
      latencyMs: LATENCY_MS,
      user: 'bench',
      password: 'bench-pass',
      seed: {
        '/ppp/profile': [{ name: 'home-20M', 'rate-limit': '10M/20M' }],
        '/ppp/secret': Array.from({ length: SUBSCRIBERS }, (_, i) => ({
          name: `r${r}-u${i}`,
          password: 'pw',
          service: 'pppoe',
          profile: 'home-20M',
        })),
      },
    }),
  );
}
process.stdout.write(`${JSON.stringify(sims.map((s) => s.port))}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void Promise.all(sims.map((s) => s.close())).then(() => process.exit(0));
});
