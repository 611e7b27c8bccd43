import { describe, expect, it } from 'vitest';
import type { DeviceDocument } from './document.ts';
import {
  documentTime,
  listInstances,
  readNode,
  readParam,
  readString,
  readTimestamp,
} from './document.ts';
import { dataModelOf, dbmToZteRxPower, readRxPower, zteRxPowerToDbm } from './params.ts';

const T1 = '2025-01-01T00:00:00.000Z';
const T2 = '2025-01-02T00:00:00.000Z';

const leaf = (
  v: string | number | boolean,
  ts = T1,
  type = 'xsd:string',
): Record<string, unknown> => ({
  _value: v,
  _type: type,
  _timestamp: ts,
  _writable: false,
});

const doc: DeviceDocument = {
  _id: '00259E-HG8145V5-X',
  _lastInform: T2,
  InternetGatewayDevice: {
    _object: true,
    LANDevice: {
      1: {
        WLANConfiguration: {
          _object: true,
          _writable: false,
          1: { _object: true, SSID: leaf('Rumah') },
          5: { _object: true, SSID: leaf('Rumah-5G') },
        },
      },
    },
    WANDevice: { 1: { X_GponInterafceConfig: { RXPower: leaf('-19.52', T1) } } },
  },
  VirtualParameters: { RXPower: leaf('-20.10', T2) },
};

describe('document helpers', () => {
  it('reads values, nodes and timestamps by dotted path', () => {
    expect(readParam(doc, 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.5.SSID')).toBe(
      'Rumah-5G',
    );
    expect(
      readParam(doc, 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.2.SSID'),
    ).toBeUndefined();
    expect(readNode(doc, 'InternetGatewayDevice.LANDevice.1.WLANConfiguration')?._writable).toBe(
      false,
    );
    expect(readString(doc, 'Device.DeviceInfo.UpTime')).toBe('');
    expect(readTimestamp(doc, 'VirtualParameters.RXPower')).toBe(Date.parse(T2));
    expect(documentTime(doc, '_lastInform')).toBe(Date.parse(T2));
    expect(dataModelOf(doc)).toBe('tr098');
  });

  it('lists instance numbers of multi-instance objects in numeric order', () => {
    expect(listInstances(doc, 'InternetGatewayDevice.LANDevice.1.WLANConfiguration')).toEqual([
      1, 5,
    ]);
    expect(listInstances(doc, 'Device.Hosts.Host')).toEqual([]);
  });
});

describe('RX power units', () => {
  it('converts ZTE 0.1 uW units and TR-181 thousandths of a dBm', () => {
    expect(zteRxPowerToDbm(112)).toBe(-19.51);
    expect(zteRxPowerToDbm('112')).toBe(-19.51);
    expect(zteRxPowerToDbm(-21.3)).toBe(-21.3);
    expect(zteRxPowerToDbm(0)).toBeUndefined();
    expect(dbmToZteRxPower(-19.5)).toBe(112);
    const tr181: DeviceDocument = {
      _id: 'x',
      Device: {
        Optical: { Interface: { 1: { OpticalSignalLevel: leaf(-19500, T1, 'xsd:int') } } },
      },
    };
    expect(readRxPower(tr181)?.dbm).toBe(-19.5);
  });

  it('prefers the most recently read source', () => {
    expect(readRxPower(doc)).toEqual({
      dbm: -20.1,
      path: 'VirtualParameters.RXPower',
      at: Date.parse(T2),
    });
    expect(readRxPower({ _id: 'y' })).toBeUndefined();
  });
});
