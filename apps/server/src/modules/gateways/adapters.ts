import type { GatewayId } from '@jaring/contracts';
import type { GatewayAdapter } from './adapter.ts';
import { midtransAdapter } from './midtrans-adapter.ts';
import { tripayAdapter } from './tripay-adapter.ts';

const ADAPTERS: Readonly<Record<GatewayId, GatewayAdapter>> = {
  midtrans: midtransAdapter,
  tripay: tripayAdapter,
};

export function adapterFor(gateway: GatewayId): GatewayAdapter {
  return ADAPTERS[gateway];
}
