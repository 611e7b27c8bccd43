import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { SeedData, SimulatorOptions } from './index.ts';
import { startSimulator } from './index.ts';

const HELP = `routeros-sim: a RouterOS router simulator speaking the binary API (and REST on v7)

Usage: routeros-sim [options]

  --host <addr>            bind address (default 127.0.0.1)
  --port <n>               API port (default 8728; 0 = ephemeral)
  --tls-port <n>           API-SSL port (default off)
  --tls <mode>             default | anonymous (anonymous DH, no certificate)
  --rest-port <n>          REST port, v7 only (default off)
  --rest-tls               serve REST over HTTPS
  --user <name>            login user (default admin)
  --password <pw>          login password (default empty)
  --version <v>            RouterOS version: 6.42.1 (challenge login), 6.49.10, 7.16,
                           7.18+ (sends !empty) (default 7.18)
  --identity <name>        /system/identity name (default MikroTik)
  --latency-ms <n>         delay of every reply (default 0)
  --seed <n|file.json>     generate n customers, or load rows per menu from JSON
  --random-seed <n>        PRNG seed for generated data (default 1)
  --active-ratio <0..1>    share of enabled PPP secrets with an active session (default 1)
  --counter-bits <32|64>   width of interface and queue byte counters (default 64)
  --codepage <cp>          windows-1252 | utf-8 | latin1 (default windows-1252)
Faults:
  --drop-after <n>         close a connection at its nth command after login
  --reboot-after <n>       reboot (close without reply, refuse briefly) at the nth command
  --reboot-down-ms <n>     how long a reboot refuses connections (default 1000)
  --stall                  accept but never answer
  --refuse                 refuse connections
  --reject-logins          every login fails
  --fatal-after-bad-logins <n>  !fatal after n failed logins (default 3)
  -h, --help               show this help
`;

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new RangeError(`--${name} must be a number, got '${v}'`);
  return n;
}

function seed(v: string | undefined): SeedData | undefined {
  if (v === undefined) return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  return JSON.parse(readFileSync(v, 'utf8')) as SeedData;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'tls-port': { type: 'string' },
      tls: { type: 'string' },
      'rest-port': { type: 'string' },
      'rest-tls': { type: 'boolean' },
      user: { type: 'string' },
      password: { type: 'string' },
      version: { type: 'string' },
      identity: { type: 'string' },
      'latency-ms': { type: 'string' },
      seed: { type: 'string' },
      'random-seed': { type: 'string' },
      'active-ratio': { type: 'string' },
      'counter-bits': { type: 'string' },
      codepage: { type: 'string' },
      'drop-after': { type: 'string' },
      'reboot-after': { type: 'string' },
      'reboot-down-ms': { type: 'string' },
      stall: { type: 'boolean' },
      refuse: { type: 'boolean' },
      'reject-logins': { type: 'boolean' },
      'fatal-after-bad-logins': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const tls = values.tls;
  if (tls !== undefined && tls !== 'default' && tls !== 'anonymous') {
    throw new RangeError(`--tls must be 'default' or 'anonymous'`);
  }
  const codepage = values.codepage;
  if (codepage !== undefined && !['windows-1252', 'utf-8', 'latin1'].includes(codepage)) {
    throw new RangeError(`--codepage must be windows-1252, utf-8 or latin1`);
  }
  const counterBits = num('counter-bits', values['counter-bits']);
  if (counterBits !== undefined && counterBits !== 32 && counterBits !== 64) {
    throw new RangeError(`--counter-bits must be 32 or 64`);
  }
  const options: SimulatorOptions = {
    host: values.host ?? '127.0.0.1',
    port: num('port', values.port) ?? 8728,
    ...(values['tls-port'] !== undefined ? { tlsPort: num('tls-port', values['tls-port']) } : {}),
    ...(tls ? { tls } : {}),
    ...(values['rest-port'] !== undefined
      ? { restPort: num('rest-port', values['rest-port']) }
      : {}),
    restTls: values['rest-tls'] ?? false,
    user: values.user ?? 'admin',
    password: values.password ?? '',
    version: values.version ?? '7.18',
    identity: values.identity ?? 'MikroTik',
    latencyMs: num('latency-ms', values['latency-ms']) ?? 0,
    ...(values.seed !== undefined ? { seed: seed(values.seed) } : {}),
    randomSeed: num('random-seed', values['random-seed']) ?? 1,
    activeRatio: num('active-ratio', values['active-ratio']) ?? 1,
    ...(counterBits !== undefined ? { counterBits } : {}),
    ...(codepage ? { codepage: codepage as 'windows-1252' | 'utf-8' | 'latin1' } : {}),
    faults: {
      dropAfterCommands: num('drop-after', values['drop-after']),
      rebootAfterCommands: num('reboot-after', values['reboot-after']),
      rebootDownMs: num('reboot-down-ms', values['reboot-down-ms']),
      stall: values.stall,
      refuse: values.refuse,
      rejectLogins: values['reject-logins'],
      fatalAfterBadLogins: num('fatal-after-bad-logins', values['fatal-after-bad-logins']),
    },
  };
  const sim = await startSimulator(options);
  const parts = [`api ${sim.host}:${sim.port}`];
  if (sim.tlsPort !== undefined) parts.push(`api-ssl ${sim.host}:${sim.tlsPort}`);
  if (sim.restPort !== undefined) parts.push(`rest ${sim.host}:${sim.restPort}`);
  process.stderr.write(
    `routeros-sim ${sim.router.version.text} '${sim.router.identity}' listening: ${parts.join(', ')} (user ${sim.user})\n`,
  );
  if (sim.fingerprint256) process.stderr.write(`certificate sha256 ${sim.fingerprint256}\n`);
  // Machine-readable line for scripts that start the simulator as a child process.
  process.stdout.write(
    `${JSON.stringify({ host: sim.host, port: sim.port, tlsPort: sim.tlsPort, restPort: sim.restPort })}\n`,
  );
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`routeros-sim: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
