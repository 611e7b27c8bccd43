/**
 * The ONT models the simulator knows and the parameter trees they expose. Paths and units
 * follow what these vendors report (see docs/adr); OUIs and version strings are plausible
 * examples, not a registry.
 */
import type { TreeBuilder } from './builder.ts';
import type { SimIdentity } from './device.ts';

export type SimModelId = 'HG8245H' | 'HG8145V5' | 'F660' | 'F670L' | 'G-2425G-A';

export interface ModelDef {
  readonly id: SimModelId;
  readonly vendor: 'huawei' | 'zte' | 'nokia';
  readonly dataModel: 'tr098' | 'tr181';
  readonly manufacturer: string;
  readonly oui: string;
  readonly productClass: string;
  readonly modelName: string;
  readonly hardwareVersion: string;
  readonly softwareVersions: readonly string[];
  /** What serials start with (GPON vendor id). */
  readonly serialPrefix: string;
  readonly dualBand: boolean;
  readonly ssidPrefix: string;
}

export const MODELS: Readonly<Record<SimModelId, ModelDef>> = {
  HG8245H: {
    id: 'HG8245H',
    vendor: 'huawei',
    dataModel: 'tr098',
    manufacturer: 'Huawei Technologies Co., Ltd',
    oui: '00259E',
    productClass: 'HG8245H',
    modelName: 'HG8245H',
    hardwareVersion: '3AB8.A',
    softwareVersions: ['V3R017C10S115', 'V3R017C10S125'],
    // Huawei reports the GPON serial with the vendor id in hex ("HWTC" = 48575443).
    serialPrefix: '48575443',
    dualBand: false,
    ssidPrefix: 'HUAWEI',
  },
  HG8145V5: {
    id: 'HG8145V5',
    vendor: 'huawei',
    dataModel: 'tr098',
    manufacturer: 'Huawei Technologies Co., Ltd',
    oui: '00259E',
    productClass: 'HG8145V5',
    modelName: 'HG8145V5',
    hardwareVersion: '15AD.A',
    softwareVersions: ['V5R020C00S050', 'V5R020C10S115'],
    serialPrefix: '48575443',
    dualBand: true,
    ssidPrefix: 'HUAWEI',
  },
  F660: {
    id: 'F660',
    vendor: 'zte',
    dataModel: 'tr098',
    manufacturer: 'ZTE',
    oui: '4C09B4',
    productClass: 'F660',
    modelName: 'F660',
    hardwareVersion: 'V6.0',
    softwareVersions: ['V6.0.10P3N9', 'V6.0.10P6N7'],
    serialPrefix: 'ZTEG',
    dualBand: false,
    ssidPrefix: 'ZTE',
  },
  F670L: {
    id: 'F670L',
    vendor: 'zte',
    dataModel: 'tr098',
    manufacturer: 'ZTE',
    oui: '4C09B4',
    productClass: 'F670L',
    modelName: 'F670L',
    hardwareVersion: 'V9.0',
    softwareVersions: ['V9.0.11P1N16', 'V9.0.11P2N24'],
    serialPrefix: 'ZTEG',
    dualBand: true,
    ssidPrefix: 'ZTE',
  },
  'G-2425G-A': {
    id: 'G-2425G-A',
    vendor: 'nokia',
    dataModel: 'tr181',
    manufacturer: 'Nokia',
    oui: '00E0B8',
    productClass: 'G-2425G-A',
    modelName: 'G-2425G-A',
    hardwareVersion: '3FE49568AAAA',
    softwareVersions: ['3FE49568HJJJ52', '3FE49568HJJJ60'],
    serialPrefix: 'ALCL',
    dualBand: true,
    ssidPrefix: 'NOKIA',
  },
};

export interface HostProfile {
  readonly name: string;
  readonly ip: string;
  readonly mac: string;
  readonly active: boolean;
}

/** Everything that varies between two devices of one model. */
export interface DeviceProfile {
  readonly model: ModelDef;
  readonly identity: SimIdentity;
  readonly softwareVersion: string;
  readonly pppoeUsername: string;
  readonly wanIp: string;
  readonly ssid: string;
  readonly ssid5: string;
  readonly rxPowerDbm: number;
  readonly txPowerDbm: number;
  readonly hosts: readonly HostProfile[];
  readonly virtualParameters: boolean;
  readonly connected: boolean;
  /** Seconds since boot at the last inform. */
  readonly uptime: number;
}

const S = 'xsd:string';
const U = 'xsd:unsignedInt';
const I = 'xsd:int';
const B = 'xsd:boolean';

/** Devices with equal keys have identical trees (and share a layout). */
export function structureKey(p: DeviceProfile): string {
  return `${p.model.id}|h${p.hosts.length}|${p.virtualParameters ? 'vp' : ''}`;
}

/** dBm to ZTE's 0.1 µW units. */
function zteUnits(dbm: number): number {
  return Math.round(10 ** (dbm / 10) * 10_000);
}

function deviceInfo(b: TreeBuilder, root: string, p: DeviceProfile): void {
  const m = p.model;
  b.object(`${root}.DeviceInfo`)
    .leaf(`${root}.DeviceInfo.Manufacturer`, S, p.identity.manufacturer)
    .leaf(`${root}.DeviceInfo.ManufacturerOUI`, S, p.identity.oui)
    .leaf(`${root}.DeviceInfo.ModelName`, S, m.modelName)
    .leaf(`${root}.DeviceInfo.ProductClass`, S, p.identity.productClass)
    .leaf(`${root}.DeviceInfo.SerialNumber`, S, p.identity.serial)
    .leaf(`${root}.DeviceInfo.HardwareVersion`, S, m.hardwareVersion)
    .leaf(`${root}.DeviceInfo.SoftwareVersion`, S, p.softwareVersion)
    .leaf(`${root}.DeviceInfo.UpTime`, U, p.uptime);
  b.object(`${root}.ManagementServer`)
    .leaf(`${root}.ManagementServer.URL`, S, 'http://acs.jaring.local:7547/', true)
    .leaf(`${root}.ManagementServer.PeriodicInformEnable`, B, true, true)
    .leaf(`${root}.ManagementServer.PeriodicInformInterval`, U, 300, true)
    .leaf(
      `${root}.ManagementServer.ConnectionRequestURL`,
      S,
      `http://${p.wanIp}:7547/${p.identity.serial.replace(/[^A-Za-z0-9]/g, '')}`,
    );
}

function virtualParameters(b: TreeBuilder, p: DeviceProfile): void {
  if (!p.virtualParameters) return;
  b.object('VirtualParameters')
    .leaf('VirtualParameters.RXPower', S, p.rxPowerDbm.toFixed(2))
    .leaf('VirtualParameters.pppoeUsername', S, p.pppoeUsername);
}

function tr098(b: TreeBuilder, p: DeviceProfile): void {
  const r = 'InternetGatewayDevice';
  b.object(r);
  deviceInfo(b, r, p);
  const wan = `${r}.WANDevice.1`;
  b.object(`${r}.WANDevice`).object(wan);
  if (p.model.vendor === 'huawei') {
    // "Interafce" is Huawei's spelling.
    const g = `${wan}.X_GponInterafceConfig`;
    b.object(g)
      .leaf(`${g}.Status`, S, p.connected ? 'Up' : 'Down')
      .leaf(`${g}.RXPower`, S, p.rxPowerDbm.toFixed(2))
      .leaf(`${g}.TXPower`, S, p.txPowerDbm.toFixed(2));
  } else {
    const z = `${wan}.X_ZTE-COM_WANPONInterfaceConfig`;
    b.object(z)
      .leaf(`${z}.Status`, S, p.connected ? 'Up' : 'Down')
      .leaf(`${z}.RXPower`, U, zteUnits(p.rxPowerDbm))
      .leaf(`${z}.TXPower`, U, zteUnits(p.txPowerDbm));
  }
  const ppp = `${wan}.WANConnectionDevice.1.WANPPPConnection.1`;
  b.object(`${wan}.WANConnectionDevice`, true)
    .object(`${wan}.WANConnectionDevice.1`, true)
    .object(`${wan}.WANConnectionDevice.1.WANPPPConnection`, true)
    .object(ppp, true)
    .leaf(`${ppp}.Enable`, B, true, true)
    .leaf(`${ppp}.ConnectionType`, S, 'IP_Routed', true)
    .leaf(`${ppp}.ConnectionStatus`, S, p.connected ? 'Connected' : 'Disconnected')
    .leaf(`${ppp}.Username`, S, p.pppoeUsername, true)
    .leaf(`${ppp}.Password`, S, '', true, true)
    .leaf(`${ppp}.ExternalIPAddress`, S, p.connected ? p.wanIp : '0.0.0.0');
  const lan = `${r}.LANDevice.1`;
  b.object(`${r}.LANDevice`).object(lan);
  const hosts = `${lan}.Hosts`;
  b.object(hosts).leaf(`${hosts}.HostNumberOfEntries`, U, p.hosts.length).object(`${hosts}.Host`);
  p.hosts.forEach((h, i) => {
    const x = `${hosts}.Host.${i + 1}`;
    b.object(x)
      .leaf(`${x}.HostName`, S, h.name)
      .leaf(`${x}.IPAddress`, S, h.ip)
      .leaf(`${x}.MACAddress`, S, h.mac)
      .leaf(`${x}.Active`, B, h.active);
  });
  b.object(`${lan}.WLANConfiguration`);
  const wlan = (n: number, ssid: string, channel: number, standard: string): void => {
    const w = `${lan}.WLANConfiguration.${n}`;
    b.object(w)
      .leaf(`${w}.Enable`, B, true, true)
      .leaf(`${w}.SSID`, S, ssid, true)
      .leaf(`${w}.BeaconType`, S, '11i', true)
      .leaf(`${w}.Channel`, U, channel, true)
      .leaf(`${w}.Standard`, S, standard)
      .leaf(`${w}.TotalAssociations`, U, p.hosts.filter((h) => h.active).length)
      .leaf(`${w}.KeyPassphrase`, S, '', true, true)
      .object(`${w}.PreSharedKey`)
      .object(`${w}.PreSharedKey.1`)
      .leaf(`${w}.PreSharedKey.1.KeyPassphrase`, S, '', true, true);
  };
  wlan(1, p.ssid, 6, 'b,g,n');
  if (p.model.dualBand) wlan(5, p.ssid5, 36, 'a,n,ac');
  virtualParameters(b, p);
}

function tr181(b: TreeBuilder, p: DeviceProfile): void {
  const r = 'Device';
  b.object(r);
  deviceInfo(b, r, p);
  const opt = `${r}.Optical.Interface.1`;
  b.object(`${r}.Optical`)
    .object(`${r}.Optical.Interface`)
    .object(opt)
    .leaf(`${opt}.Enable`, B, true, true)
    .leaf(`${opt}.Status`, S, p.connected ? 'Up' : 'Down')
    // TR-181 defines both levels in thousandths of a dBm.
    .leaf(`${opt}.OpticalSignalLevel`, I, Math.round(p.rxPowerDbm * 1000))
    .leaf(`${opt}.TransmitOpticalLevel`, I, Math.round(p.txPowerDbm * 1000));
  const ppp = `${r}.PPP.Interface.1`;
  b.object(`${r}.PPP`)
    .object(`${r}.PPP.Interface`, true)
    .object(ppp, true)
    .leaf(`${ppp}.Enable`, B, true, true)
    .leaf(`${ppp}.ConnectionStatus`, S, p.connected ? 'Connected' : 'Disconnected')
    .leaf(`${ppp}.Username`, S, p.pppoeUsername, true)
    .leaf(`${ppp}.Password`, S, '', true, true);
  b.object(`${r}.IP`).object(`${r}.IP.Interface`, true);
  const ipif = (n: number, name: string, lower: string, address: string, mask: string): void => {
    const x = `${r}.IP.Interface.${n}`;
    b.object(x, true)
      .leaf(`${x}.Enable`, B, true, true)
      .leaf(`${x}.Name`, S, name)
      .leaf(`${x}.LowerLayers`, S, lower, true)
      .object(`${x}.IPv4Address`, true)
      .object(`${x}.IPv4Address.1`, true)
      .leaf(`${x}.IPv4Address.1.IPAddress`, S, address, true)
      .leaf(`${x}.IPv4Address.1.SubnetMask`, S, mask, true);
  };
  ipif(1, 'br0', 'Device.Ethernet.Link.1', '192.168.1.1', '255.255.255.0');
  ipif(2, 'ppp0', 'Device.PPP.Interface.1', p.connected ? p.wanIp : '0.0.0.0', '255.255.255.255');
  const wifi = `${r}.WiFi`;
  b.object(wifi).object(`${wifi}.Radio`).object(`${wifi}.SSID`).object(`${wifi}.AccessPoint`);
  const bands = p.model.dualBand ? [1, 2] : [1];
  for (const n of bands) {
    b.object(`${wifi}.Radio.${n}`)
      .leaf(`${wifi}.Radio.${n}.OperatingFrequencyBand`, S, n === 1 ? '2.4GHz' : '5GHz')
      .leaf(`${wifi}.Radio.${n}.Channel`, U, n === 1 ? 6 : 36, true);
  }
  for (const n of bands) {
    b.object(`${wifi}.SSID.${n}`)
      .leaf(`${wifi}.SSID.${n}.Enable`, B, true, true)
      .leaf(`${wifi}.SSID.${n}.SSID`, S, n === 1 ? p.ssid : p.ssid5, true)
      .leaf(`${wifi}.SSID.${n}.LowerLayers`, S, `Device.WiFi.Radio.${n}`);
  }
  for (const n of bands) {
    const ap = `${wifi}.AccessPoint.${n}`;
    b.object(ap)
      .leaf(`${ap}.Enable`, B, true, true)
      .leaf(`${ap}.SSIDReference`, S, `Device.WiFi.SSID.${n}`)
      .leaf(
        `${ap}.AssociatedDeviceNumberOfEntries`,
        U,
        n === 1 ? p.hosts.filter((h) => h.active).length : 0,
      )
      .object(`${ap}.Security`)
      .leaf(`${ap}.Security.ModeEnabled`, S, 'WPA2-Personal', true)
      .leaf(`${ap}.Security.KeyPassphrase`, S, '', true, true);
  }
  const hosts = `${r}.Hosts`;
  b.object(hosts).leaf(`${hosts}.HostNumberOfEntries`, U, p.hosts.length).object(`${hosts}.Host`);
  p.hosts.forEach((h, i) => {
    const x = `${hosts}.Host.${i + 1}`;
    b.object(x)
      .leaf(`${x}.HostName`, S, h.name)
      .leaf(`${x}.IPAddress`, S, h.ip)
      .leaf(`${x}.PhysAddress`, S, h.mac)
      .leaf(`${x}.Active`, B, h.active);
  });
  virtualParameters(b, p);
}

/** Writes the device's whole tree into the builder, in document order. */
export function buildTree(b: TreeBuilder, p: DeviceProfile): void {
  if (p.model.dataModel === 'tr098') tr098(b, p);
  else tr181(b, p);
}
