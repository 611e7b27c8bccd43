/**
 * Pure: a GenieACS device document -> the record Jaring keeps, per data model and vendor, and
 * the parameter values a WiFi change writes. Which path holds what differs by vendor and
 * firmware, so every field is a list of candidate paths, tried in order: an ACS server's
 * overrides first, then virtual parameters (an ISP that defines them has already hidden the
 * vendor differences), then the standard and vendor paths.
 */
import type { DeviceDataModel, DeviceSsid, ParamMapRule, RxPowerUnit } from '@jaring/contracts';
import {
  parseDeviceId,
  readParam,
  type DeviceDocument,
  type ParameterValueTriple,
} from '@jaring/genieacs';

const IGD = 'InternetGatewayDevice';
const WAN = `${IGD}.WANDevice.1`;
/** Instances looked at for multi-instance objects: a projection cannot use wildcards. */
const WLAN_INSTANCES = [1, 2, 3, 4, 5, 6, 7, 8];
const TR181_WIFI_INSTANCES = [1, 2, 3, 4, 5, 6, 7, 8];
const RADIO_INSTANCES = [1, 2, 3];
const WAN_CONNECTIONS = [1, 2, 3, 4];
const IP_INTERFACES = [1, 2, 3, 4];

export type MappedField =
  'pppoeUsername' | 'wanIp' | 'uptime' | 'firmware' | 'model' | 'hostsCount';

interface RxCandidate {
  readonly path: string;
  readonly unit: RxPowerUnit;
}

interface FieldMap {
  readonly fields: Readonly<Record<MappedField, readonly string[]>>;
  readonly rxPower: readonly RxCandidate[];
}

const VIRTUAL = {
  rxPower: { path: 'VirtualParameters.RXPower', unit: 'dbm' },
  pppoeUsername: 'VirtualParameters.pppoeUsername',
} as const;

const TR098: FieldMap = {
  fields: {
    pppoeUsername: [
      VIRTUAL.pppoeUsername,
      ...WAN_CONNECTIONS.map((i) => `${WAN}.WANConnectionDevice.${i}.WANPPPConnection.1.Username`),
    ],
    wanIp: [
      ...WAN_CONNECTIONS.map(
        (i) => `${WAN}.WANConnectionDevice.${i}.WANPPPConnection.1.ExternalIPAddress`,
      ),
      ...WAN_CONNECTIONS.map(
        (i) => `${WAN}.WANConnectionDevice.${i}.WANIPConnection.1.ExternalIPAddress`,
      ),
    ],
    uptime: [`${IGD}.DeviceInfo.UpTime`],
    firmware: [`${IGD}.DeviceInfo.SoftwareVersion`],
    model: [`${IGD}.DeviceInfo.ModelName`],
    hostsCount: [`${IGD}.LANDevice.1.Hosts.HostNumberOfEntries`],
  },
  rxPower: [
    VIRTUAL.rxPower,
    // Huawei: dBm as a decimal string ("Interafce" is Huawei's spelling).
    { path: `${WAN}.X_GponInterafceConfig.RXPower`, unit: 'dbm' },
    // ZTE: tenths of a microwatt.
    { path: `${WAN}.X_ZTE-COM_WANPONInterfaceConfig.RXPower`, unit: 'tenth_uw' },
    { path: `${WAN}.X_ZTE-COM_WANPONInterfaceConfig.RxPower`, unit: 'tenth_uw' },
    // Fiberhome and some CDATA firmware.
    { path: `${WAN}.X_FH_GponInterfaceConfig.RXPower`, unit: 'dbm' },
    { path: `${WAN}.X_CT-COM_EponInterfaceConfig.RXPower`, unit: 'tenth_uw' },
    { path: `${WAN}.X_CT-COM_GponInterfaceConfig.RXPower`, unit: 'tenth_uw' },
  ],
};

const TR181: FieldMap = {
  fields: {
    pppoeUsername: [VIRTUAL.pppoeUsername, 'Device.PPP.Interface.1.Username'],
    // Found through the IP interface stacked on the PPP interface (see readTr181WanIp).
    wanIp: [],
    uptime: ['Device.DeviceInfo.UpTime'],
    firmware: ['Device.DeviceInfo.SoftwareVersion'],
    model: ['Device.DeviceInfo.ModelName'],
    hostsCount: ['Device.Hosts.HostNumberOfEntries'],
  },
  rxPower: [
    VIRTUAL.rxPower,
    // TR-181 defines OpticalSignalLevel in thousandths of a dBm.
    { path: 'Device.Optical.Interface.1.OpticalSignalLevel', unit: 'mdbm' },
  ],
};

function builtIn(model: DeviceDataModel | null): FieldMap[] {
  if (model === 'tr098') return [TR098];
  if (model === 'tr181') return [TR181];
  return [TR098, TR181];
}

/** What identifies the device for override rules. */
export interface DeviceIdentityForRules {
  readonly manufacturer: string | null;
  readonly oui: string;
  readonly productClass: string;
}

function ruleApplies(rule: ParamMapRule, d: DeviceIdentityForRules): boolean {
  const eq = (a: string | undefined, b: string | null): boolean =>
    a === undefined || (b !== null && a.toLowerCase() === b.toLowerCase());
  const manufacturerOk =
    rule.manufacturer === undefined ||
    (d.manufacturer !== null &&
      d.manufacturer.toLowerCase().includes(rule.manufacturer.toLowerCase()));
  return manufacturerOk && eq(rule.oui, d.oui) && eq(rule.productClass, d.productClass);
}

const WIFI_TR098 = (i: number): string => `${IGD}.LANDevice.1.WLANConfiguration.${i}`;

/**
 * The paths a sync asks for. Leaves are projected as `._value` so the ACS sends values
 * without their timestamps and types: about a third of the bytes for a fleet.
 */
export function syncProjection(overrides: readonly ParamMapRule[]): string[] {
  const paths = new Set<string>();
  for (const m of [TR098, TR181]) {
    for (const list of Object.values(m.fields)) for (const p of list) paths.add(p);
    for (const c of m.rxPower) paths.add(c.path);
  }
  for (const i of WLAN_INSTANCES) {
    paths.add(`${WIFI_TR098(i)}.SSID`);
    paths.add(`${WIFI_TR098(i)}.Standard`);
  }
  for (const i of TR181_WIFI_INSTANCES) {
    paths.add(`Device.WiFi.SSID.${i}.SSID`);
    paths.add(`Device.WiFi.SSID.${i}.LowerLayers`);
  }
  for (const i of RADIO_INSTANCES) paths.add(`Device.WiFi.Radio.${i}.OperatingFrequencyBand`);
  for (const i of IP_INTERFACES) {
    paths.add(`Device.IP.Interface.${i}.LowerLayers`);
    paths.add(`Device.IP.Interface.${i}.IPv4Address.1.IPAddress`);
  }
  for (const rule of overrides) {
    for (const list of Object.values(rule.fields)) for (const p of list ?? []) paths.add(p);
    for (const c of rule.rxPower) paths.add(c.path);
  }
  return [
    '_deviceId',
    '_lastInform',
    '_registered',
    '_tags',
    ...[...paths].sort().map((p) => `${p}._value`),
  ];
}

function toNumber(v: unknown): number | undefined {
  const n =
    typeof v === 'number'
      ? v
      : typeof v === 'string' && v.trim() !== ''
        ? Number.parseFloat(v)
        : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * An RX power reading in dBm, or undefined when the value means "no light" or is not a
 * plausible optical level (-50..+10 dBm): a bogus reading must not raise a weak-signal alert.
 */
export function rxToDbm(raw: unknown, unit: RxPowerUnit): number | undefined {
  const n = toNumber(raw);
  if (n === undefined) return undefined;
  let dbm: number | undefined;
  switch (unit) {
    case 'dbm':
      dbm = n;
      break;
    case 'mdbm':
      dbm = n / 1000;
      break;
    case 'tenth_uw':
      // Some ZTE firmware already reports dBm here (a negative number).
      dbm = n < 0 ? n : n === 0 ? undefined : 10 * Math.log10(n / 10_000);
      break;
    case 'uw':
      dbm = n <= 0 ? undefined : 10 * Math.log10(n / 1000);
      break;
    case 'mw':
      dbm = n <= 0 ? undefined : 10 * Math.log10(n);
      break;
  }
  if (dbm === undefined || dbm < -50 || dbm > 10) return undefined;
  return round2(dbm);
}

function firstString(doc: DeviceDocument, candidates: readonly string[]): string | null {
  for (const p of candidates) {
    const v = readParam(doc, p);
    if (v === undefined) continue;
    const s = String(v).trim();
    if (s !== '') return s;
  }
  return null;
}

function firstNumber(doc: DeviceDocument, candidates: readonly string[]): number | null {
  for (const p of candidates) {
    const n = toNumber(readParam(doc, p));
    if (n !== undefined) return n;
  }
  return null;
}

function bandOf(text: string | null): DeviceSsid['band'] {
  if (text === null) return null;
  const t = text.toLowerCase();
  if (t.includes('6ghz') || t.includes('6g')) return '6GHz';
  if (t.includes('5ghz') || t.includes('5g')) return '5GHz';
  if (t.includes('2.4')) return '2.4GHz';
  // TR-098 `Standard`: a/ac/ax-5 mean the 5 GHz radio; b/g (and n alone) the 2.4 GHz one.
  const parts = t.split(/[^a-z]+/).filter(Boolean);
  if (parts.includes('a') || parts.includes('ac')) return '5GHz';
  if (parts.includes('b') || parts.includes('g') || parts.includes('n')) return '2.4GHz';
  return null;
}

function readSsids(doc: DeviceDocument, model: DeviceDataModel | null): DeviceSsid[] {
  const out: DeviceSsid[] = [];
  if (model !== 'tr181') {
    for (const i of WLAN_INSTANCES) {
      const ssid = readParam(doc, `${WIFI_TR098(i)}.SSID`);
      if (ssid === undefined) continue;
      const standard = readParam(doc, `${WIFI_TR098(i)}.Standard`);
      out.push({
        index: i,
        ssid: String(ssid),
        band: bandOf(standard === undefined ? null : String(standard)),
      });
    }
  }
  if (model !== 'tr098') {
    for (const i of TR181_WIFI_INSTANCES) {
      const ssid = readParam(doc, `Device.WiFi.SSID.${i}.SSID`);
      if (ssid === undefined) continue;
      const lower = String(readParam(doc, `Device.WiFi.SSID.${i}.LowerLayers`) ?? '');
      const radio = /^Device\.WiFi\.Radio\.(\d+)\.?$/.exec(lower)?.[1];
      const band =
        radio === undefined
          ? null
          : readParam(doc, `Device.WiFi.Radio.${radio}.OperatingFrequencyBand`);
      out.push({
        index: i,
        ssid: String(ssid),
        band: bandOf(band === undefined || band === null ? null : String(band)),
      });
    }
  }
  return out;
}

function readTr181WanIp(doc: DeviceDocument): string | null {
  for (const i of IP_INTERFACES) {
    const lower = String(readParam(doc, `Device.IP.Interface.${i}.LowerLayers`) ?? '');
    if (!lower.startsWith('Device.PPP.Interface.')) continue;
    const ip = readParam(doc, `Device.IP.Interface.${i}.IPv4Address.1.IPAddress`);
    if (ip !== undefined) return String(ip);
  }
  return null;
}

/** A WAN address worth showing: not empty, not the unconfigured 0.0.0.0. */
function usableIp(ip: string | null): string | null {
  if (ip === null) return null;
  const t = ip.trim();
  return t === '' || t === '0.0.0.0' || t === '::' ? null : t;
}

/** The record Jaring keeps of one device. */
export interface NormalisedDevice {
  readonly acsDeviceId: string;
  readonly oui: string;
  readonly productClass: string;
  readonly serial: string;
  readonly manufacturer: string | null;
  readonly model: string | null;
  readonly firmware: string | null;
  readonly dataModel: DeviceDataModel | null;
  /** ISO instants as the ACS wrote them. */
  readonly lastInform: string | null;
  readonly registeredAt: string | null;
  readonly pppoeUsername: string | null;
  readonly wanIp: string | null;
  readonly ssids: DeviceSsid[];
  readonly hostsCount: number | null;
  readonly rxPowerDbm: number | null;
  readonly uptimeS: number | null;
  readonly tags: string[];
}

function dataModelOf(doc: DeviceDocument): DeviceDataModel | null {
  if (doc[IGD] !== undefined) return 'tr098';
  if (doc['Device'] !== undefined) return 'tr181';
  return null;
}

function isoOrNull(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Maps one device document; `overrides` are the ACS server's rules. */
export function normaliseDevice(
  doc: DeviceDocument,
  overrides: readonly ParamMapRule[] = [],
): NormalisedDevice {
  const ident = doc._deviceId;
  const fromId = parseDeviceId(doc._id) ?? { oui: '', productClass: '', serial: doc._id };
  const oui = ident?._OUI ?? fromId.oui;
  const productClass = ident?._ProductClass ?? fromId.productClass;
  const serial = ident?._SerialNumber ?? fromId.serial;
  const manufacturer = ident?._Manufacturer?.trim() || null;
  const dataModel = dataModelOf(doc);
  const rules = overrides.filter((r) => ruleApplies(r, { manufacturer, oui, productClass }));
  const maps = builtIn(dataModel);
  const candidates = (field: MappedField): string[] => [
    ...rules.flatMap((r) => r.fields[field] ?? []),
    ...maps.flatMap((m) => m.fields[field]),
  ];
  let rxPowerDbm: number | null = null;
  for (const c of [...rules.flatMap((r) => r.rxPower), ...maps.flatMap((m) => m.rxPower)]) {
    const dbm = rxToDbm(readParam(doc, c.path), c.unit);
    if (dbm !== undefined) {
      rxPowerDbm = dbm;
      break;
    }
  }
  const uptime = firstNumber(doc, candidates('uptime'));
  const hosts = firstNumber(doc, candidates('hostsCount'));
  const wanIp =
    firstString(doc, candidates('wanIp')) ?? (dataModel === 'tr098' ? null : readTr181WanIp(doc));
  return {
    acsDeviceId: doc._id,
    oui,
    productClass,
    serial,
    manufacturer,
    model: firstString(doc, candidates('model')) ?? (productClass || null),
    firmware: firstString(doc, candidates('firmware')),
    dataModel,
    lastInform: isoOrNull(doc._lastInform),
    registeredAt: isoOrNull(doc._registered),
    pppoeUsername: firstString(doc, candidates('pppoeUsername')),
    wanIp: usableIp(wanIp),
    ssids: readSsids(doc, dataModel),
    hostsCount: hosts === null ? null : Math.max(0, Math.trunc(hosts)),
    rxPowerDbm,
    uptimeS: uptime === null ? null : Math.max(0, Math.trunc(uptime)),
    tags: Array.isArray(doc._tags) ? doc._tags.filter((t) => typeof t === 'string') : [],
  };
}

export type Vendor = 'huawei' | 'zte' | 'other';

export function vendorOf(manufacturer: string | null): Vendor {
  const m = (manufacturer ?? '').toLowerCase();
  if (m.includes('huawei')) return 'huawei';
  if (m.includes('zte')) return 'zte';
  return 'other';
}

/**
 * The setParameterValues of a WiFi change. TR-098 devices take the WPA passphrase at
 * `KeyPassphrase` on most firmware; Huawei's expects it under `PreSharedKey.1`. TR-181 puts it
 * on the access point that references the SSID (same instance number on the devices seen).
 */
export function wifiParameterValues(
  device: { dataModel: DeviceDataModel | null; manufacturer: string | null },
  change: { ssid?: string | undefined; password?: string | undefined; indexes: readonly number[] },
): ParameterValueTriple[] {
  const out: ParameterValueTriple[] = [];
  const model = device.dataModel ?? 'tr098';
  for (const i of change.indexes) {
    if (model === 'tr098') {
      const base = WIFI_TR098(i);
      if (change.ssid !== undefined) out.push([`${base}.SSID`, change.ssid, 'xsd:string']);
      if (change.password !== undefined) {
        const path =
          vendorOf(device.manufacturer) === 'huawei'
            ? `${base}.PreSharedKey.1.KeyPassphrase`
            : `${base}.KeyPassphrase`;
        out.push([path, change.password, 'xsd:string']);
      }
    } else {
      if (change.ssid !== undefined)
        out.push([`Device.WiFi.SSID.${i}.SSID`, change.ssid, 'xsd:string']);
      if (change.password !== undefined)
        out.push([
          `Device.WiFi.AccessPoint.${i}.Security.KeyPassphrase`,
          change.password,
          'xsd:string',
        ]);
    }
  }
  return out;
}

/** The object a refresh re-reads: the whole device tree of its data model. */
export function refreshObjectName(dataModel: DeviceDataModel | null): string {
  return dataModel === 'tr181' ? 'Device' : IGD;
}
