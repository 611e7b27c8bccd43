/**
 * What a task does to a simulated CPE, with the CWMP faults a real device answers:
 * SetParameterValues is all-or-nothing and reports per-parameter faults under 9003
 * "Invalid arguments" (9005 unknown name, 9006 wrong type, 9007 bad value, 9008 read-only),
 * as TR-069 specifies.
 */
import type { SimDevice, SimValue } from './device.ts';
import { makeEntry } from './layout.ts';
import type { LayoutEntry } from './layout.ts';
import { instanceTemplate } from './templates.ts';

/** A fault as GenieACS records it for a task. */
export interface FaultBody {
  readonly code: string;
  readonly message: string;
  readonly detail: unknown;
}

const FAULT_STRINGS: Readonly<Record<string, string>> = {
  '9002': 'Internal error',
  '9003': 'Invalid arguments',
  '9005': 'Invalid parameter name',
  '9006': 'Invalid parameter type',
  '9007': 'Invalid parameter value',
  '9008': 'Attempt to set a non-writable parameter',
};

export function cpeFault(code: string, extra: Record<string, unknown> = {}): FaultBody {
  const faultString = FAULT_STRINGS[code] ?? 'Fault';
  return {
    code: `cwmp.${code}`,
    message: faultString,
    detail: { faultCode: code, faultString, ...extra },
  };
}

const UPTIME_PATHS = ['InternetGatewayDevice.DeviceInfo.UpTime', 'Device.DeviceInfo.UpTime'];

/** Re-reads UpTime, as every session of an ISP's usual provisions does. */
export function refreshUptime(d: SimDevice, now: number): void {
  for (const p of UPTIME_PATHS) {
    const i = d.layout.indexOf(p);
    if (i !== undefined) {
      d.values[i] = d.uptime(now);
      d.stamps[i] = now;
    }
  }
}

/** Marks nodes as read now; write-only values read back empty, as on the device. */
function refresh(d: SimDevice, indices: readonly number[], now: number): void {
  for (const i of indices) {
    d.stamps[i] = now;
    if (d.layout.entries[i]?.secret) d.values[i] = '';
  }
  refreshUptime(d, now);
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function trimPath(p: string): string {
  return p.endsWith('.') ? p.slice(0, -1) : p;
}

const INT_TYPES: Readonly<Record<string, readonly [number, number]>> = {
  'xsd:int': [-(2 ** 31), 2 ** 31 - 1],
  'xsd:unsignedInt': [0, 2 ** 32 - 1],
  'xsd:long': [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  'xsd:unsignedLong': [0, Number.MAX_SAFE_INTEGER],
};

/** The value to store for a write, or the fault code a device answers when it refuses it. */
export type Coerced =
  | { readonly ok: true; readonly value: SimValue }
  | { readonly ok: false; readonly fault: '9006' | '9007' };

const bad: Coerced = { ok: false, fault: '9007' };
const ok = (value: SimValue): Coerced => ({ ok: true, value });

export function coerce(entry: LayoutEntry, value: unknown, type: unknown): Coerced {
  if (typeof type === 'string' && type !== entry.type) return { ok: false, fault: '9006' };
  const t = entry.type;
  if (t === 'xsd:boolean') {
    if (value === true || value === 'true' || value === '1' || value === 1) return ok(true);
    if (value === false || value === 'false' || value === '0' || value === 0) return ok(false);
    return bad;
  }
  const range = INT_TYPES[t];
  if (range) {
    const n =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && value.trim() !== ''
          ? Number(value)
          : NaN;
    return Number.isInteger(n) && n >= range[0] && n <= range[1] ? ok(n) : bad;
  }
  if (t === 'xsd:dateTime') {
    const ms = typeof value === 'number' ? value : Date.parse(String(value));
    return Number.isNaN(ms) ? bad : ok(ms);
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? ok(String(value))
    : bad;
}

type Triple = readonly unknown[];

function setValues(
  d: SimDevice,
  triples: readonly Triple[],
  now: number,
  prefix = '',
): FaultBody | undefined {
  const faults: { parameterName: string; faultCode: string; faultString: string }[] = [];
  const writes: [number, SimValue, string][] = [];
  for (const [rawPath, value, type] of triples) {
    const path = `${prefix}${String(rawPath)}`;
    const i = d.layout.indexOf(path);
    const entry = i === undefined ? undefined : d.layout.entries[i];
    let code: string | undefined;
    if (i === undefined || !entry || entry.object) code = '9005';
    else if (!entry.writable) code = '9008';
    else {
      const v = coerce(entry, value, type);
      if (v.ok) writes.push([i, v.value, path]);
      else code = v.fault;
    }
    if (code !== undefined)
      faults.push({ parameterName: path, faultCode: code, faultString: FAULT_STRINGS[code] ?? '' });
  }
  if (faults.length > 0) return cpeFault('9003', { setParameterValuesFault: faults });
  for (const [i, v, path] of writes) {
    d.values[i] = v;
    d.stamps[i] = now;
    // GenieACS shows what it wrote until the next read, which comes back empty for secrets.
    if (d.layout.entries[i]?.secret) (d.secrets ??= new Map()).set(path, String(v));
  }
  return undefined;
}

function addObject(
  d: SimDevice,
  objectName: string,
  values: readonly Triple[],
  now: number,
): FaultBody | undefined {
  const entry = d.layout.entry(objectName);
  if (!entry || !entry.object || !entry.writable) return cpeFault('9005');
  const n = Math.max(0, ...d.layout.instances(objectName)) + 1;
  const base = `${objectName}.${n}`;
  const added: LayoutEntry[] = [makeEntry(base, true, '', true)];
  const addedValues = new Map<string, SimValue>();
  for (const t of instanceTemplate(objectName)) {
    const path = `${base}.${t.path}`;
    added.push(makeEntry(path, t.object, t.type, t.writable, t.secret ?? false));
    if (t.value !== undefined) addedValues.set(path, t.value);
  }
  const entries = d.layout.entries;
  const prefix = `${objectName}.`;
  let at = entries.findIndex((e) => e.path === objectName) + 1;
  while (at < entries.length && entries[at]?.path.startsWith(prefix)) at++;
  const saved = { layout: d.layout, values: d.values, stamps: d.stamps };
  d.restructure([...entries.slice(0, at), ...added, ...entries.slice(at)], addedValues, now);
  const fault = values.length > 0 ? setValues(d, values, now, `${base}.`) : undefined;
  if (fault) Object.assign(d, saved);
  return fault;
}

function deleteObject(d: SimDevice, objectName: string, now: number): FaultBody | undefined {
  const entry = d.layout.entry(objectName);
  const last = objectName.slice(objectName.lastIndexOf('.') + 1);
  if (!entry || !entry.object || !entry.writable || !/^\d+$/.test(last)) return cpeFault('9005');
  const prefix = `${objectName}.`;
  const keep = d.layout.entries.filter((e) => e.path !== objectName && !e.path.startsWith(prefix));
  d.restructure(keep, new Map(), now);
  return undefined;
}

/** Boots the device: uptime restarts and GenieACS records a BOOT event. */
export function reboot(d: SimDevice, now: number): void {
  d.bootAt = now;
  d.lastBoot = now;
  refreshUptime(d, now);
}

/** Applies one task; returns the fault when the device rejects it. */
export function applyTask(
  d: SimDevice,
  task: Readonly<Record<string, unknown>>,
  now: number,
): FaultBody | undefined {
  switch (task['name']) {
    case 'getParameterValues': {
      const names = (task['parameterNames'] as unknown[]).map((n) => trimPath(String(n)));
      const indices = names.flatMap((n) =>
        d.layout.indexOf(n) === undefined ? [] : d.layout.subtree(n),
      );
      refresh(d, indices, now);
      return undefined;
    }
    case 'refreshObject':
      refresh(d, d.layout.subtree(trimPath(text(task['objectName']))), now);
      return undefined;
    case 'setParameterValues':
      return setValues(d, task['parameterValues'] as Triple[], now);
    case 'addObject':
      return addObject(
        d,
        trimPath(String(task['objectName'])),
        (task['parameterValues'] as Triple[] | undefined) ?? [],
        now,
      );
    case 'deleteObject':
      return deleteObject(d, trimPath(String(task['objectName'])), now);
    case 'reboot':
      reboot(d, now);
      return undefined;
    case 'factoryReset':
      d.reset(now);
      d.lastBootstrap = now;
      reboot(d, now);
      return undefined;
    case 'download':
      // Acknowledged; the simulator has no firmware to flash.
      return undefined;
    default:
      return cpeFault('9002');
  }
}
