/**
 * The device document the NBI returns (GenieACS's MongoDB layout, dates as ISO strings) and
 * helpers to read parameters out of it.
 */

/** A parameter value as stored by GenieACS (`xsd:dateTime` values arrive as ISO strings). */
export type ParameterValue = string | number | boolean;

/**
 * One node of the parameter tree. Leaves carry `_value`/`_type`; objects carry `_object`
 * and their children under their own names (instance numbers for multi-instance objects).
 */
export interface ParameterNode {
  readonly _value?: ParameterValue;
  readonly _type?: string;
  /** When GenieACS last read the value (or object) from the device. */
  readonly _timestamp?: string;
  readonly _writable?: boolean;
  readonly _object?: boolean;
  readonly [child: string]: unknown;
}

export interface DeviceIdentity {
  readonly _Manufacturer?: string;
  readonly _OUI?: string;
  readonly _ProductClass?: string;
  readonly _SerialNumber?: string;
}

/** A device as `GET /devices/` returns it; only `_id` is guaranteed under a projection. */
export interface DeviceDocument {
  readonly _id: string;
  readonly _deviceId?: DeviceIdentity;
  readonly _lastInform?: string;
  readonly _registered?: string;
  readonly _lastBoot?: string;
  readonly _lastBootstrap?: string;
  readonly _tags?: readonly string[];
  readonly [root: string]: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The node at a dotted path (`InternetGatewayDevice.DeviceInfo.UpTime`), if present. */
export function readNode(doc: DeviceDocument, path: string): ParameterNode | undefined {
  let node: unknown = doc;
  for (const key of path.split('.')) {
    if (key === '') continue;
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return isRecord(node) ? node : undefined;
}

/** The value of the parameter at `path`, or undefined when absent or not projected. */
export function readParam(doc: DeviceDocument, path: string): ParameterValue | undefined {
  const v = readNode(doc, path)?._value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}

/** `readParam` coerced to a string (`''` when absent), for fields shown as text. */
export function readString(doc: DeviceDocument, path: string): string {
  const v = readParam(doc, path);
  return v === undefined ? '' : String(v);
}

/** When the parameter was last read from the device (epoch ms), if known. */
export function readTimestamp(doc: DeviceDocument, path: string): number | undefined {
  const ts = readNode(doc, path)?._timestamp;
  if (typeof ts !== 'string') return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Instance numbers of a multi-instance object, ascending: for
 * `InternetGatewayDevice.LANDevice.1.WLANConfiguration` typically `[1, 5]` on a dual-band ONT.
 */
export function listInstances(doc: DeviceDocument, path: string): number[] {
  const node = readNode(doc, path);
  if (!node) return [];
  const out: number[] = [];
  for (const key of Object.keys(node)) {
    if (/^[1-9]\d*$/.test(key) && isRecord(node[key])) out.push(Number(key));
  }
  return out.sort((a, b) => a - b);
}

/** Date fields of the document as epoch ms (NaN-safe: undefined when absent or invalid). */
export function documentTime(
  doc: DeviceDocument,
  field: '_lastInform' | '_registered' | '_lastBoot' | '_lastBootstrap',
): number | undefined {
  const v = doc[field];
  if (typeof v !== 'string') return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms;
}
