import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { NbiSimulatorOptions, SimDeviceSpec } from './index.ts';
import { startNbiSimulator } from './index.ts';

const HELP = `genieacs-sim: a GenieACS NBI simulator with a generated ONT fleet

Usage: node packages/genieacs/src/sim/cli.ts [options]

  --host <addr>                 bind address (default 127.0.0.1)
  --port <n>                    NBI port (default 7557; 0 = ephemeral)
  --devices <n>                 generated devices (default 100)
  --seed <n>                    fleet seed (default 1)
  --spec <file.json>            extra devices: a JSON array of device specs
                                ({ "serial", "model", "pppoeUsername", "online", ... })
  --online-ratio <0..1>         share of generated devices online (default 0.9)
  --inform-interval-ms <n>      periodic inform interval, 0 = off (default 300000)
  --session-latency-ms <n>      connection request to session delay (default 20)
  --fault-retry-delay-ms <n>    first retry delay of a faulted task (default 300000)
  --auth <user:password>        require HTTP Basic on NBI routes
  -h, --help                    show this help

Control API: GET /_sim/stats, GET /_sim/devices/<id>, POST /_sim/devices (spec),
POST /_sim/devices/<id>/{online,reachable,inform,param,fail-next-task},
POST /_sim/inform-all, POST /_sim/touch {fraction}, POST /_sim/down {mode, durationMs}.
`;

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new RangeError(`--${name} must be a number, got '${v}'`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      devices: { type: 'string' },
      seed: { type: 'string' },
      spec: { type: 'string' },
      'online-ratio': { type: 'string' },
      'inform-interval-ms': { type: 'string' },
      'session-latency-ms': { type: 'string' },
      'fault-retry-delay-ms': { type: 'string' },
      auth: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  let requireAuth: NbiSimulatorOptions['requireAuth'];
  if (values.auth !== undefined) {
    const colon = values.auth.indexOf(':');
    if (colon < 0) throw new RangeError('--auth must be user:password');
    requireAuth = { username: values.auth.slice(0, colon), password: values.auth.slice(colon + 1) };
  }
  const optional = (
    key: keyof NbiSimulatorOptions,
    v: number | undefined,
  ): Partial<NbiSimulatorOptions> => (v === undefined ? {} : { [key]: v });
  const sim = await startNbiSimulator({
    host: values.host ?? '127.0.0.1',
    port: num('port', values.port) ?? 7557,
    deviceCount: num('devices', values.devices) ?? 100,
    seed: num('seed', values.seed) ?? 1,
    ...(values.spec === undefined
      ? {}
      : { devices: JSON.parse(readFileSync(values.spec, 'utf8')) as SimDeviceSpec[] }),
    ...optional('onlineRatio', num('online-ratio', values['online-ratio'])),
    ...optional('informIntervalMs', num('inform-interval-ms', values['inform-interval-ms'])),
    ...optional('sessionLatencyMs', num('session-latency-ms', values['session-latency-ms'])),
    ...optional('faultRetryDelayMs', num('fault-retry-delay-ms', values['fault-retry-delay-ms'])),
    ...(requireAuth === undefined ? {} : { requireAuth }),
  });
  const count = sim.deviceIds().length;
  process.stderr.write(`genieacs-sim: NBI at ${sim.url} with ${count} devices\n`);
  // Machine-readable line for scripts that start the simulator as a child process.
  process.stdout.write(`${JSON.stringify({ url: sim.url, port: sim.port, devices: count })}\n`);
  const shutdown = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`genieacs-sim: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
