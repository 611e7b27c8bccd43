import type { GatewayId, GatewaySettings } from '@jaring/contracts';
import { can, useCurrentUser } from '../../lib/session';
import { useGatewaySettings } from '../gateway-settings/api';

export interface ChannelOption {
  /** The channel code, as the transactions filter takes it. */
  value: string;
  label: string;
}

/** Channel code -> name per gateway, from the settings' lists of what each gateway offers. */
export function channelNameMap(settings: readonly GatewaySettings[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const gateway of settings) {
    for (const channel of gateway.availableChannels) {
      names.set(`${gateway.gateway}:${channel.code}`, channel.name);
    }
  }
  return names;
}

/** Every channel once, for a filter: codes are the gateways' own, so rarely shared. */
export function channelOptions(settings: readonly GatewaySettings[]): ChannelOption[] {
  const seen = new Map<string, ChannelOption>();
  for (const gateway of settings) {
    for (const channel of gateway.availableChannels) {
      if (!seen.has(channel.code))
        seen.set(channel.code, { value: channel.code, label: channel.name });
    }
  }
  return [...seen.values()].sort((a, b) => a.label.localeCompare(b.label));
}

export interface ChannelNames {
  /** The channel's name, its code when unknown, '—' when there is none. */
  name: (gateway: GatewayId, code: string | null) => string;
  /** Empty for users who may not read the settings. */
  options: ChannelOption[];
}

/**
 * Channel names for staff screens. The names come from the gateway settings, which not every
 * role may read (support sees payments, not settings): those users see the codes.
 */
export function useChannelNames(): ChannelNames {
  const me = useCurrentUser();
  const settings = useGatewaySettings(can(me, 'settings:read'));
  const list = settings.data ?? [];
  const names = channelNameMap(list);
  return {
    name: (gateway, code) => (code === null ? '—' : (names.get(`${gateway}:${code}`) ?? code)),
    options: channelOptions(list),
  };
}
