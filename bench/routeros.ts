/**
 * RouterOS client benchmark: add then remove 2,000 /ppp/secret entries against the simulator
 * with 20 ms reply latency, using (a) Jaring's client, (b) node-routeros awaiting each command,
 * (c) node-routeros with every command in flight. Last stdout line is one JSON object.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { RouterOSAPI } from 'node-routeros';
import { RouterPool } from '../packages/routeros/src/index.ts';

const COUNT = Number(process.env['BENCH_COUNT'] ?? 2000);
const LATENCY_MS = Number(process.env['BENCH_LATENCY_MS'] ?? 20);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const WARMUP = 500;
const USER = 'admin';
const PASSWORD = 'bench';

function log(msg: string): void {
  process.stderr.write(`[bench:routeros] ${msg}\n`);
}

interface Sim {
  port: number;
  stop(): Promise<void>;
}

/** The simulator runs as its own process so it does not share an event loop with the clients. */
async function startSim(): Promise<Sim> {
  const child = spawn(
    process.execPath,
    [
      new URL('../packages/routeros/src/sim/cli.ts', import.meta.url).pathname,
      '--port=0',
      `--latency-ms=${LATENCY_MS}`,
      '--version=7.16',
      `--user=${USER}`,
      `--password=${PASSWORD}`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const rl = createInterface({ input: child.stdout });
  const [line] = (await once(rl, 'line')) as [string];
  rl.close();
  const { port } = JSON.parse(line) as { port: number };
  return {
    port,
    async stop(): Promise<void> {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Independent check of the router state through a fresh connection. */
async function countSecrets(port: number, prefix: string): Promise<number> {
  const pool = new RouterPool({
    name: 'check',
    addresses: [{ host: '127.0.0.1', port }],
    user: USER,
    password: PASSWORD,
    size: 1,
  });
  try {
    const r = await pool.exec({
      command: '/ppp/secret/print',
      attributes: { 'count-only': '' },
      where: { comment: prefix },
    });
    return Number(r.ret ?? -1);
  } finally {
    await pool.close();
  }
}

interface PhaseResult {
  opsPerSec: number;
  stateOk: boolean;
  seconds: number;
}

type Runner = (
  prefix: string,
  count: number,
) => Promise<{
  add: () => Promise<string[]>;
  remove: (ids: string[]) => Promise<void>;
  close: () => Promise<void>;
}>;

function median(runs: PhaseResult[]): PhaseResult {
  const sorted = [...runs].sort((x, y) => x.opsPerSec - y.opsPerSec);
  const mid = sorted[Math.floor(sorted.length / 2)] as PhaseResult;
  return { ...mid, stateOk: runs.every((r) => r.stateOk) };
}

async function phase(
  name: string,
  port: number,
  runner: Runner,
  count = COUNT,
): Promise<PhaseResult> {
  const prefix = `bench-${name}`;
  const r = await runner(prefix, count);
  const t0 = performance.now();
  const ids = await r.add();
  const t1 = performance.now();
  const afterAdd = await countSecrets(port, prefix);
  const t2 = performance.now();
  await r.remove(ids);
  const t3 = performance.now();
  const afterRemove = await countSecrets(port, prefix);
  await r.close();
  const seconds = (t1 - t0 + (t3 - t2)) / 1000;
  const opsPerSec = (2 * count) / seconds;
  const stateOk = afterAdd === count && afterRemove === 0 && ids.length === count;
  log(
    `${name}: ${opsPerSec.toFixed(0)} ops/s over ${seconds.toFixed(2)} s, after add ${afterAdd}, after remove ${afterRemove}`,
  );
  return { opsPerSec, stateOk, seconds };
}

const names = (prefix: string, count = COUNT): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

const jaring: (port: number) => Runner = (port) => async (prefix, count) => {
  // Same footing as (c): one connection, and a window wide enough for every command at once.
  const pool = new RouterPool({
    window: 4096,
    name: 'bench',
    addresses: [{ host: '127.0.0.1', port }],
    user: USER,
    password: PASSWORD,
    size: 1,
  });
  await pool.exec('/system/identity/print');
  return {
    add: () =>
      Promise.all(
        names(prefix, count).map(async (n) => {
          const r = await pool.exec({
            command: '/ppp/secret/add',
            attributes: { name: n, password: 'x', comment: prefix },
          });
          return r.ret ?? '';
        }),
      ),
    remove: async (ids) => {
      await Promise.all(
        ids.map((id) => pool.exec({ command: '/ppp/secret/remove', attributes: { '.id': id } })),
      );
    },
    close: () => pool.close(),
  };
};

async function peer(port: number): Promise<RouterOSAPI> {
  const api = new RouterOSAPI({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    timeout: 120,
  });
  await api.connect();
  return api;
}

/**
 * node-routeros writes a sentence word by word without TCP_NODELAY, so each awaited command
 * costs Nagle + delayed ACK (~40 ms) on top of the router's latency. 4,000 such commands take
 * about 4.5 minutes; past SEQ_BUDGET_MS the phase stops timing, reports the rate it measured,
 * and finishes the rest untimed so the state check still holds.
 */
const SEQ_BUDGET_MS = Number(process.env['BENCH_SEQ_BUDGET_MS'] ?? 230_000);
let seqTimedOps = 0;
let seqTimedMs = 0;

const peerSeq: (port: number) => Runner = (port) => async (prefix) => {
  const api = await peer(port);
  const started = performance.now();
  const over = (): boolean => performance.now() - started > SEQ_BUDGET_MS;
  const count = (t0: number): void => {
    if (!over()) {
      seqTimedOps++;
      seqTimedMs += performance.now() - t0;
    }
  };
  return {
    add: async () => {
      const ids: string[] = [];
      for (const n of names(prefix)) {
        const t0 = performance.now();
        const r = await api.write('/ppp/secret/add', [
          `=name=${n}`,
          '=password=x',
          `=comment=${prefix}`,
        ]);
        count(t0);
        ids.push(String(r[0]?.['ret'] ?? ''));
      }
      return ids;
    },
    remove: async (ids) => {
      const rest: string[] = [];
      for (const id of ids) {
        if (over()) {
          rest.push(id);
          continue;
        }
        const t0 = performance.now();
        await api.write('/ppp/secret/remove', [`=.id=${id}`]);
        count(t0);
      }
      if (rest.length > 0) {
        log(`peer-seq: time budget reached, removing the last ${rest.length} untimed`);
        await Promise.all(rest.map((id) => api.write('/ppp/secret/remove', [`=.id=${id}`])));
      }
    },
    close: async () => {
      await api.close();
    },
  };
};

const peerAll: (port: number) => Runner = (port) => async (prefix, count) => {
  const api = await peer(port);
  return {
    add: () =>
      Promise.all(
        names(prefix, count).map(async (n) => {
          const r = await api.write('/ppp/secret/add', [
            `=name=${n}`,
            '=password=x',
            `=comment=${prefix}`,
          ]);
          return String(r[0]?.['ret'] ?? '');
        }),
      ),
    remove: async (ids) => {
      await Promise.all(ids.map((id) => api.write('/ppp/secret/remove', [`=.id=${id}`])));
    },
    close: async () => {
      await api.close();
    },
  };
};

async function main(): Promise<void> {
  const started = performance.now();
  const sim = await startSim();
  log(`simulator on 127.0.0.1:${sim.port}, latency ${LATENCY_MS} ms, ${COUNT} secrets per phase`);
  try {
    // Warm both clients and the simulator up, then alternate the pipelined phases and take
    // the median, so JIT warm-up and run order favour neither client.
    await phase('warmup-jaring', sim.port, jaring(sim.port), WARMUP);
    await phase('warmup-peer-all', sim.port, peerAll(sim.port), WARMUP).catch(() => undefined);
    const runsA: PhaseResult[] = [];
    const runsC: PhaseResult[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      runsA.push(await phase(`jaring-${i}`, sim.port, jaring(sim.port)));
      runsC.push(
        await phase(`peer-all-${i}`, sim.port, peerAll(sim.port)).catch((err: unknown) => {
          log(`peer-all failed: ${String(err)}`);
          return { opsPerSec: 0, stateOk: false, seconds: 0 };
        }),
      );
    }
    const a = median(runsA);
    const c = median(runsC);
    if (process.env['BENCH_SKIP_SEQ'] === '1') {
      log(`jaring ${a.opsPerSec.toFixed(0)} ops/s, peer-all ${c.opsPerSec.toFixed(0)} ops/s`);
      return;
    }
    const seq = await phase('peer-seq', sim.port, peerSeq(sim.port));
    const seqPartial = seqTimedOps < 2 * COUNT;
    const b = seqPartial ? { ...seq, opsPerSec: (seqTimedOps * 1000) / seqTimedMs } : seq;
    if (seqPartial) log(`peer-seq: measured ${seqTimedOps} ops, ${b.opsPerSec.toFixed(1)} ops/s`);
    const round = (n: number): number => Math.round(n * 10) / 10;
    const result = {
      jaring_ops_s: round(a.opsPerSec),
      peer_seq_ops_s: round(b.opsPerSec),
      peer_all_ops_s: round(c.opsPerSec),
      ratio_vs_seq: round(a.opsPerSec / b.opsPerSec),
      ratio_vs_all: c.opsPerSec > 0 ? round(a.opsPerSec / c.opsPerSec) : null,
      state_ok: a.stateOk && b.stateOk && c.stateOk,
      state_ok_jaring: a.stateOk,
      state_ok_peer_seq: b.stateOk,
      state_ok_peer_all: c.stateOk,
      peer_seq_timed_ops: seqTimedOps,
      rss_mb: round(process.resourceUsage().maxRSS / 1024),
      latency_ms: LATENCY_MS,
      secrets: COUNT,
      total_s: round((performance.now() - started) / 1000),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await sim.stop();
  }
}

await main();
