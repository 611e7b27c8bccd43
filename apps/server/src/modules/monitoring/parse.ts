/**
 * Reading RouterOS print rows into numbers. Values arrive as strings in the router's own formats
 * (`1w2d03:04:05`, `up/down` pairs, `yes`/`true`), and any of them may be missing on some boards
 * or versions, so every reader returns null rather than guessing.
 */

const UNIT_SECONDS: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };

/** RouterOS durations: `1w2d3h4m5s`, `2d03:04:05`, `00:01:02`, `4m5s100ms`. */
export function parseRouterDuration(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  let rest = value.trim();
  let total = 0;
  const clock = /(\d+):(\d{2}):(\d{2})(?:\.\d+)?$/.exec(rest);
  if (clock) {
    total += Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
    rest = rest.slice(0, clock.index);
  }
  const re = /(\d+)(ms|w|d|h|m|s)/g;
  let consumed = 0;
  for (let m = re.exec(rest); m !== null; m = re.exec(rest)) {
    consumed += m[0].length;
    if (m[2] === 'ms') continue;
    total += Number(m[1]) * (UNIT_SECONDS[m[2] as string] ?? 0);
  }
  if (consumed !== rest.length) return null;
  return total;
}

export function parseIntOrNull(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : null;
}

export function parseFloatOrNull(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const n = Number.parseFloat(value);
  return Number.isFinite(n) ? n : null;
}

export function parseBool(value: string | undefined): boolean {
  return value === 'true' || value === 'yes';
}

/** `a/b` pairs of simple queues (`bytes`, `rate`): target upload first, then download. */
export function parsePair(value: string | undefined): [number, number] | null {
  if (!value) return null;
  const [a, b] = value.split('/');
  const up = parseIntOrNull(a);
  const down = parseIntOrNull(b);
  return up === null || down === null ? null : [up, down];
}

export interface ResourceReading {
  uptimeS: number | null;
  version: string | null;
  board: string | null;
  cpuLoad: number | null;
  memoryUsed: number | null;
  memoryTotal: number | null;
}

export function parseResource(row: Record<string, string> | undefined): ResourceReading {
  const r = row ?? {};
  const total = parseIntOrNull(r['total-memory']);
  const free = parseIntOrNull(r['free-memory']);
  return {
    uptimeS: parseRouterDuration(r['uptime']),
    version: r['version'] ? (r['version'].split(' ')[0] ?? null) : null,
    board: r['board-name'] ?? null,
    cpuLoad: parseIntOrNull(r['cpu-load']),
    memoryUsed: total !== null && free !== null ? total - free : null,
    memoryTotal: total,
  };
}

export interface HealthReading {
  temperatureC: number | null;
  voltageV: number | null;
}

/**
 * `/system/health`: RouterOS 7 prints one row per sensor (`name`, `value`, `type`), RouterOS 6
 * one row with a column per sensor.
 */
export function parseHealth(rows: readonly Record<string, string>[]): HealthReading {
  const out: HealthReading = { temperatureC: null, voltageV: null };
  for (const row of rows) {
    if (row['name'] !== undefined && row['value'] !== undefined) {
      const v = parseFloatOrNull(row['value']);
      if (
        row['name'] === 'temperature' ||
        (row['name'] === 'cpu-temperature' && out.temperatureC === null)
      ) {
        out.temperatureC = v;
      } else if (row['name'] === 'voltage') {
        out.voltageV = v;
      }
    } else {
      out.temperatureC ??= parseFloatOrNull(row['temperature'] ?? row['cpu-temperature']);
      out.voltageV ??= parseFloatOrNull(row['voltage']);
    }
  }
  return out;
}

/** The subscriber a per-subscriber counter belongs to, from the queue's name. */
export function queueUsername(name: string): { username: string; service: 'pppoe' } | null {
  const ppp = /^<pppoe-(.+)>$/.exec(name);
  if (ppp) return { username: ppp[1] as string, service: 'pppoe' };
  return null;
}
