import type { DeviceDocument } from '@jaring/genieacs';
import { describe, expect, it } from 'vitest';
import {
  normaliseDevice,
  rxToDbm,
  syncProjection,
  vendorOf,
  wifiParameterValues,
} from './param-map.ts';

const v = (value: string | number | boolean): { _value: string | number | boolean } => ({
  _value: value,
});
const IGD = 'InternetGatewayDevice';

function tr098(extra: Record<string, unknown> = {}): DeviceDocument {
  return {
    _id: '00259E-HG8245H-48575443A1B2C3D4',
    _deviceId: {
      _Manufacturer: 'Huawei Technologies Co., Ltd',
      _OUI: '00259E',
      _ProductClass: 'HG8245H',
      _SerialNumber: '48575443A1B2C3D4',
    },
    _lastInform: '2026-12-06T03:00:00.000Z',
    _registered: '2026-01-01T00:00:00.000Z',
    _tags: ['jaring', 'cust-c000001', 'vip'],
    [IGD]: {
      DeviceInfo: {
        ModelName: v('HG8245H'),
        SoftwareVersion: v('V3R017C10S115'),
        UpTime: v(86_400),
      },
      WANDevice: {
        '1': {
          X_GponInterafceConfig: { RXPower: v('-19.52') },
          WANConnectionDevice: {
            '1': {
              WANPPPConnection: {
                '1': { Username: v('budi@isp'), ExternalIPAddress: v('100.64.0.9') },
              },
            },
          },
        },
      },
      LANDevice: {
        '1': {
          Hosts: { HostNumberOfEntries: v(3) },
          WLANConfiguration: {
            '1': { SSID: v('Rumah Budi'), Standard: v('b,g,n') },
            '5': { SSID: v('Rumah Budi-5G'), Standard: v('a,n,ac') },
          },
        },
      },
    },
    ...extra,
  };
}

describe('rxToDbm', () => {
  it('normalises every unit to dBm', () => {
    expect(rxToDbm('-19.52', 'dbm')).toBe(-19.52);
    expect(rxToDbm(-19_500, 'mdbm')).toBe(-19.5);
    // ZTE: 0.1 µW units; 112 -> 11.2 µW -> -19.51 dBm.
    expect(rxToDbm(112, 'tenth_uw')).toBe(-19.51);
    expect(rxToDbm('112', 'tenth_uw')).toBe(-19.51);
    // Some ZTE firmware already reports dBm there.
    expect(rxToDbm(-21.3, 'tenth_uw')).toBe(-21.3);
    expect(rxToDbm(10, 'uw')).toBe(-20);
    expect(rxToDbm(0.01, 'mw')).toBe(-20);
  });

  it('treats no light and absurd values as unknown, not as a weak signal', () => {
    expect(rxToDbm(0, 'tenth_uw')).toBeUndefined();
    expect(rxToDbm(0, 'uw')).toBeUndefined();
    expect(rxToDbm('-inf', 'dbm')).toBeUndefined();
    expect(rxToDbm('', 'dbm')).toBeUndefined();
    expect(rxToDbm(-400, 'dbm')).toBeUndefined();
    expect(rxToDbm(undefined, 'dbm')).toBeUndefined();
  });
});

describe('normaliseDevice', () => {
  it('maps a TR-098 Huawei document', () => {
    const d = normaliseDevice(tr098());
    expect(d).toMatchObject({
      acsDeviceId: '00259E-HG8245H-48575443A1B2C3D4',
      oui: '00259E',
      productClass: 'HG8245H',
      serial: '48575443A1B2C3D4',
      manufacturer: 'Huawei Technologies Co., Ltd',
      model: 'HG8245H',
      firmware: 'V3R017C10S115',
      dataModel: 'tr098',
      lastInform: '2026-12-06T03:00:00.000Z',
      pppoeUsername: 'budi@isp',
      wanIp: '100.64.0.9',
      hostsCount: 3,
      rxPowerDbm: -19.52,
      uptimeS: 86_400,
      tags: ['jaring', 'cust-c000001', 'vip'],
    });
    expect(d.ssids).toEqual([
      { index: 1, ssid: 'Rumah Budi', band: '2.4GHz' },
      { index: 5, ssid: 'Rumah Budi-5G', band: '5GHz' },
    ]);
  });

  it('reads ZTE RX power in tenths of a microwatt', () => {
    const doc = tr098();
    const wan = (doc[IGD] as { WANDevice: { '1': Record<string, unknown> } }).WANDevice['1'];
    delete wan['X_GponInterafceConfig'];
    wan['X_ZTE-COM_WANPONInterfaceConfig'] = { RXPower: v(112) };
    expect(normaliseDevice(doc).rxPowerDbm).toBe(-19.51);
  });

  it('prefers virtual parameters when the ACS has them', () => {
    const d = normaliseDevice(
      tr098({ VirtualParameters: { RXPower: v('-24.10'), pppoeUsername: v('virtual-user') } }),
    );
    expect(d.rxPowerDbm).toBe(-24.1);
    expect(d.pppoeUsername).toBe('virtual-user');
  });

  it('maps a TR-181 document (RX in thousandths of a dBm, WAN IP over the PPP interface)', () => {
    const d = normaliseDevice({
      _id: '00E0B8-G%2D2425G%2DA-ALCL12345678',
      _deviceId: {
        _Manufacturer: 'Nokia',
        _OUI: '00E0B8',
        _ProductClass: 'G-2425G-A',
        _SerialNumber: 'ALCL12345678',
      },
      _lastInform: '2026-12-06T03:00:00Z',
      Device: {
        DeviceInfo: {
          ModelName: v('G-2425G-A'),
          SoftwareVersion: v('3FE49568HJJJ52'),
          UpTime: v(42),
        },
        Optical: { Interface: { '1': { OpticalSignalLevel: v(-21_250) } } },
        PPP: { Interface: { '1': { Username: v('siti') } } },
        IP: {
          Interface: {
            '1': {
              LowerLayers: v('Device.Ethernet.Link.1'),
              IPv4Address: { '1': { IPAddress: v('192.168.1.1') } },
            },
            '2': {
              LowerLayers: v('Device.PPP.Interface.1'),
              IPv4Address: { '1': { IPAddress: v('100.64.1.2') } },
            },
          },
        },
        WiFi: {
          Radio: {
            '1': { OperatingFrequencyBand: v('2.4GHz') },
            '2': { OperatingFrequencyBand: v('5GHz') },
          },
          SSID: {
            '1': { SSID: v('Siti'), LowerLayers: v('Device.WiFi.Radio.1') },
            '2': { SSID: v('Siti-5G'), LowerLayers: v('Device.WiFi.Radio.2') },
          },
        },
        Hosts: { HostNumberOfEntries: v(0) },
      },
    });
    expect(d).toMatchObject({
      dataModel: 'tr181',
      serial: 'ALCL12345678',
      productClass: 'G-2425G-A',
      pppoeUsername: 'siti',
      wanIp: '100.64.1.2',
      rxPowerDbm: -21.25,
      hostsCount: 0,
      lastInform: '2026-12-06T03:00:00.000Z',
    });
    expect(d.ssids).toEqual([
      { index: 1, ssid: 'Siti', band: '2.4GHz' },
      { index: 2, ssid: 'Siti-5G', band: '5GHz' },
    ]);
  });

  it('takes identity from an escaped id when _deviceId was not projected', () => {
    const d = normaliseDevice({ _id: '00259E-HG8245H-ABC%2D12%2E3%25' });
    expect(d).toMatchObject({ oui: '00259E', productClass: 'HG8245H', serial: 'ABC-12.3%' });
    expect(d.dataModel).toBeNull();
    expect(d.ssids).toEqual([]);
  });

  it('applies override rules of the matching vendor first', () => {
    const doc = tr098({ VirtualParameters: { Optical: v(2500) } });
    const rules = [
      {
        manufacturer: 'huawei',
        fields: { pppoeUsername: ['InternetGatewayDevice.DeviceInfo.ModelName'] },
        rxPower: [{ path: 'VirtualParameters.Optical', unit: 'uw' as const }],
      },
      { manufacturer: 'zte', fields: { firmware: ['VirtualParameters.Optical'] }, rxPower: [] },
    ];
    const d = normaliseDevice(doc, rules);
    expect(d.rxPowerDbm).toBe(3.98);
    expect(d.pppoeUsername).toBe('HG8245H');
    expect(d.firmware).toBe('V3R017C10S115');
    expect(syncProjection(rules)).toContain('VirtualParameters.Optical._value');
  });

  it('ignores an unconfigured WAN address', () => {
    const doc = tr098();
    const ppp = (
      doc[IGD] as {
        WANDevice: {
          '1': {
            WANConnectionDevice: { '1': { WANPPPConnection: { '1': Record<string, unknown> } } };
          };
        };
      }
    ).WANDevice['1'].WANConnectionDevice['1'].WANPPPConnection['1'];
    ppp['ExternalIPAddress'] = v('0.0.0.0');
    expect(normaliseDevice(doc).wanIp).toBeNull();
  });
});

describe('wifiParameterValues', () => {
  it('writes TR-098 SSIDs and the vendor passphrase path', () => {
    expect(
      wifiParameterValues(
        { dataModel: 'tr098', manufacturer: 'Huawei Technologies Co., Ltd' },
        { ssid: 'Baru', password: 'rahasia123', indexes: [1, 5] },
      ),
    ).toEqual([
      [`${IGD}.LANDevice.1.WLANConfiguration.1.SSID`, 'Baru', 'xsd:string'],
      [
        `${IGD}.LANDevice.1.WLANConfiguration.1.PreSharedKey.1.KeyPassphrase`,
        'rahasia123',
        'xsd:string',
      ],
      [`${IGD}.LANDevice.1.WLANConfiguration.5.SSID`, 'Baru', 'xsd:string'],
      [
        `${IGD}.LANDevice.1.WLANConfiguration.5.PreSharedKey.1.KeyPassphrase`,
        'rahasia123',
        'xsd:string',
      ],
    ]);
    expect(
      wifiParameterValues(
        { dataModel: 'tr098', manufacturer: 'ZTE' },
        { password: 'rahasia123', indexes: [1] },
      ),
    ).toEqual([
      [`${IGD}.LANDevice.1.WLANConfiguration.1.KeyPassphrase`, 'rahasia123', 'xsd:string'],
    ]);
  });

  it('writes TR-181 SSID and access point passphrase', () => {
    expect(
      wifiParameterValues(
        { dataModel: 'tr181', manufacturer: 'Nokia' },
        { ssid: 'X', password: 'rahasia123', indexes: [2] },
      ),
    ).toEqual([
      ['Device.WiFi.SSID.2.SSID', 'X', 'xsd:string'],
      ['Device.WiFi.AccessPoint.2.Security.KeyPassphrase', 'rahasia123', 'xsd:string'],
    ]);
  });

  it('knows the vendors it special-cases', () => {
    expect(vendorOf('Huawei Technologies Co., Ltd')).toBe('huawei');
    expect(vendorOf('ZTE')).toBe('zte');
    expect(vendorOf(null)).toBe('other');
  });
});

describe('syncProjection', () => {
  it('asks only for values of the mapped paths plus the identity fields', () => {
    const p = syncProjection([]);
    expect(p.slice(0, 4)).toEqual(['_deviceId', '_lastInform', '_registered', '_tags']);
    expect(p.slice(4).every((x) => x.endsWith('._value'))).toBe(true);
    expect(p).toContain('InternetGatewayDevice.LANDevice.1.WLANConfiguration.5.SSID._value');
    expect(p).toContain('Device.Optical.Interface.1.OpticalSignalLevel._value');
    expect(new Set(p).size).toBe(p.length);
  });
});
