import type { GatewayId, GatewaySettings, UpdateGatewaySettings } from '@jaring/contracts';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { useApiMutation, useResource } from '../../components/resource';

export const GATEWAY_SETTINGS = '/payment-gateways';

export function useGatewaySettings(enabled = true): UseQueryResult<GatewaySettings[]> {
  // Channel lists change only when someone edits the settings: no need to ask on every screen.
  return useResource<GatewaySettings[]>(GATEWAY_SETTINGS, undefined, {
    enabled,
    staleTime: 60_000,
  });
}

export function useSaveGatewaySettings(
  gateway: GatewayId,
): UseMutationResult<GatewaySettings, Error, UpdateGatewaySettings> {
  return useApiMutation<GatewaySettings, UpdateGatewaySettings>({
    method: 'PUT',
    path: `${GATEWAY_SETTINGS}/${gateway}`,
    invalidates: [GATEWAY_SETTINGS],
  });
}
