/**
 * Parameter paths Jaring reads and writes on ONTs, per data model, and the optical RX power
 * units each vendor reports (see docs/adr for the sources of these choices).
 */
import type { DeviceDocument } from './document.ts';
import { readParam, readTimestamp } from './document.ts';

const IGD = 'InternetGatewayDevice';
const IGD_PPP = `${IGD}.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1`;

/** TR-098 (`InternetGatewayDevice.`) paths. */
export const TR098_PATHS = {
  manufacturer: `${IGD}.DeviceInfo.Manufacturer`,
  modelName: `${IGD}.DeviceInfo.ModelName`,
  serialNumber: `${IGD}.DeviceInfo.SerialNumber`,
  softwareVersion: `${IGD}.DeviceInfo.SoftwareVersion`,
  upTime: `${IGD}.DeviceInfo.UpTime`,
  pppoeUsername: `${IGD_PPP}.Username`,
  pppoePassword: `${IGD_PPP}.Password`,
  wanIp: `${IGD_PPP}.ExternalIPAddress`,
  wlan: `${IGD}.LANDevice.1.WLANConfiguration`,
  hosts: `${IGD}.LANDevice.1.Hosts.Host`,
  hostCount: `${IGD}.LANDevice.1.Hosts.HostNumberOfEntries`,
  /** Huawei: dBm as a decimal string, e.g. `"-19.52"`. */
  rxPowerHuawei: `${IGD}.WANDevice.1.X_GponInterafceConfig.RXPower`,
  /** ZTE: unsigned integer in units of 0.1 µW (112 = -19.5 dBm). */
  rxPowerZte: `${IGD}.WANDevice.1.X_ZTE-COM_WANPONInterfaceConfig.RXPower`,
} as const;

/** TR-181 (`Device.`) paths. */
export const TR181_PATHS = {
  manufacturer: 'Device.DeviceInfo.Manufacturer',
  modelName: 'Device.DeviceInfo.ModelName',
  serialNumber: 'Device.DeviceInfo.SerialNumber',
  softwareVersion: 'Device.DeviceInfo.SoftwareVersion',
  upTime: 'Device.DeviceInfo.UpTime',
  pppoeUsername: 'Device.PPP.Interface.1.Username',
  pppoePassword: 'Device.PPP.Interface.1.Password',
  /** `{i}` is the IP interface stacked on `Device.PPP.Interface.1`. */
  ipInterfaces: 'Device.IP.Interface',
  ssids: 'Device.WiFi.SSID',
  accessPoints: 'Device.WiFi.AccessPoint',
  hosts: 'Device.Hosts.Host',
  hostCount: 'Device.Hosts.HostNumberOfEntries',
  /** Thousandths of a dBm, as TR-181 defines `OpticalSignalLevel` (-19500 = -19.5 dBm). */
  rxPower: 'Device.Optical.Interface.1.OpticalSignalLevel',
} as const;

/** Virtual parameters ISPs commonly define to hide vendor differences. */
export const VIRTUAL_PATHS = {
  /** dBm as a decimal string, by the usual convention of these scripts. */
  rxPower: 'VirtualParameters.RXPower',
  pppoeUsername: 'VirtualParameters.pppoeUsername',
} as const;

/** Every path {@link readRxPower} looks at, for a projection. */
export const RX_POWER_PATHS: readonly string[] = [
  TR098_PATHS.rxPowerHuawei,
  TR098_PATHS.rxPowerZte,
  TR181_PATHS.rxPower,
  VIRTUAL_PATHS.rxPower,
];

export type DataModel = 'tr098' | 'tr181';

/** Which root the document carries (undefined when the projection left both out). */
export function dataModelOf(doc: DeviceDocument): DataModel | undefined {
  if (doc[IGD] !== undefined) return 'tr098';
  if (doc['Device'] !== undefined) return 'tr181';
  return undefined;
}

function toNumber(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number.parseFloat(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** ZTE's 0.1 µW units to dBm. Some firmware already reports dBm (a negative number). */
export function zteRxPowerToDbm(raw: unknown): number | undefined {
  const n = toNumber(raw);
  if (n === undefined) return undefined;
  if (n < 0) return n;
  if (n === 0) return undefined; // no light
  return round2(10 * Math.log10(n / 10_000));
}

/** dBm to ZTE's 0.1 µW units. */
export function dbmToZteRxPower(dbm: number): number {
  return Math.round(10 ** (dbm / 10) * 10_000);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export interface RxPowerReading {
  readonly dbm: number;
  /** The parameter it came from. */
  readonly path: string;
  /** When GenieACS read it from the device (epoch ms), if known. */
  readonly at: number | undefined;
}

/**
 * The optical RX power in dBm from whichever known parameter the document carries, the most
 * recently read one when several do.
 */
export function readRxPower(doc: DeviceDocument): RxPowerReading | undefined {
  const candidates: RxPowerReading[] = [];
  const add = (path: string, dbm: number | undefined): void => {
    if (dbm !== undefined)
      candidates.push({ dbm: round2(dbm), path, at: readTimestamp(doc, path) });
  };
  add(TR098_PATHS.rxPowerHuawei, toNumber(readParam(doc, TR098_PATHS.rxPowerHuawei)));
  add(TR098_PATHS.rxPowerZte, zteRxPowerToDbm(readParam(doc, TR098_PATHS.rxPowerZte)));
  const tr181 = toNumber(readParam(doc, TR181_PATHS.rxPower));
  add(TR181_PATHS.rxPower, tr181 === undefined ? undefined : tr181 / 1000);
  add(VIRTUAL_PATHS.rxPower, toNumber(readParam(doc, VIRTUAL_PATHS.rxPower)));
  let best: RxPowerReading | undefined;
  for (const c of candidates) {
    if (!best || (c.at ?? -Infinity) > (best.at ?? -Infinity)) best = c;
  }
  return best;
}
