import type { MonitoringMap } from '@jaring/contracts';

type MapOdp = MonitoringMap['odps'][number];
export type OdpHealth = 'outage' | 'degraded' | 'ok' | 'empty';

/** An ODP's colour: an outage red, some subscribers offline amber, all online green. */
export function odpHealth(odp: Pick<MapOdp, 'outage' | 'offline' | 'subscribers'>): OdpHealth {
  if (odp.outage) return 'outage';
  if (odp.subscribers === 0) return 'empty';
  return odp.offline > 0 ? 'degraded' : 'ok';
}
