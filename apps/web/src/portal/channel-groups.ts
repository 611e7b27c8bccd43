import type { GatewayChannelGroup, GatewayId, PortalPaymentOptions } from '@jaring/contracts';

export type PayChannel = PortalPaymentOptions['gateways'][number]['channels'][number];

/** How customers look for a way to pay: bank transfer first, then wallets, QRIS, card, shops. */
export const GROUP_ORDER: readonly GatewayChannelGroup[] = [
  'virtual_account',
  'ewallet',
  'qris',
  'card',
  'retail',
];

export interface ChannelGroupView {
  group: GatewayChannelGroup;
  channels: PayChannel[];
}

export interface GatewayView {
  gateway: GatewayId;
  name: string;
  groups: ChannelGroupView[];
}

/**
 * The chooser's layout: per gateway (as the server lists them), its channels grouped in
 * {@link GROUP_ORDER}, each group keeping the operator's channel order. Gateways without
 * channels are left out.
 */
export function groupChannels(gateways: PortalPaymentOptions['gateways']): GatewayView[] {
  return gateways.flatMap((gateway) => {
    const groups = GROUP_ORDER.map((group) => ({
      group,
      channels: gateway.channels.filter((channel) => channel.group === group),
    })).filter((view) => view.channels.length > 0);
    return groups.length > 0 ? [{ gateway: gateway.gateway, name: gateway.name, groups }] : [];
  });
}

/** The `data-channel` of a channel button, and the key of the one being chosen. */
export function channelKey(gateway: GatewayId, code: string): string {
  return `${gateway}:${code}`;
}
