import type {
  AcsServer,
  AcsSyncQueued,
  AcsSyncRequest,
  AcsTestResult,
  CreateAcsServer,
  CustomerDevices,
  Device,
  DeviceDetail,
  DeviceReviewItem,
  DeviceTask,
  FactoryResetAction,
  LinkDevice,
  Page,
  Subscription,
  TestAcsConnection,
  UnlinkDevice,
  UpdateAcsServer,
  WifiAction,
} from '@jaring/contracts';
import {
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { api } from '../../lib/api';
import {
  resourceKey,
  useApiMutation,
  usePagedResource,
  useResource,
  type PagedQuery,
} from '../../components/resource';
import { taskPollInterval } from './task-state';

export const DEVICES = '/devices';
export const ACS_SERVERS = '/acs-servers';
/** Devices inform on their own schedule: lists and pages refresh this often. */
export const DEVICE_REFRESH_MS = 30_000;

export const devicePath = (id: string): string => `${DEVICES}/${encodeURIComponent(id)}`;
const acsPath = (id: string): string => `${ACS_SERVERS}/${encodeURIComponent(id)}`;
const customerDevicesPath = (customerId: string): string =>
  `/customers/${encodeURIComponent(customerId)}/devices`;

// ---- Devices ----------------------------------------------------------------------------------

export type DeviceFilter = 'all' | 'offline' | 'weakSignal' | 'unmatched';

export interface DeviceListFilters {
  filter: DeviceFilter;
  q: string;
  acsServerId: string;
}

/** The list's query string: one chip at a time, plus the search and the ACS server. */
export function deviceListQuery(filters: DeviceListFilters): Record<string, string | undefined> {
  return {
    q: filters.q.trim() || undefined,
    acsServerId: filters.acsServerId || undefined,
    offline: filters.filter === 'offline' ? 'true' : undefined,
    weakSignal: filters.filter === 'weakSignal' ? 'true' : undefined,
    unmatched: filters.filter === 'unmatched' ? 'true' : undefined,
  };
}

export function useDevices(filters: DeviceListFilters): PagedQuery<Device> {
  return usePagedResource<Device>(DEVICES, deviceListQuery(filters), { pageSize: 50 });
}

/** A device with its recent tasks; polled quickly while one of them is unfinished. */
export function useDevice(id: string): UseQueryResult<DeviceDetail> {
  return useQuery({
    queryKey: resourceKey(devicePath(id)),
    queryFn: ({ signal }) => api.get<DeviceDetail>(devicePath(id), undefined, signal),
    refetchInterval: (query) =>
      taskPollInterval(query.state.data?.tasks ?? []) || DEVICE_REFRESH_MS,
  });
}

/** The tasks of one device, newest first, polled while any is unfinished. */
export function useDeviceTasks(id: string, enabled = true): UseQueryResult<Page<DeviceTask>> {
  return useQuery({
    queryKey: resourceKey(`${devicePath(id)}/tasks`, { limit: 10 }),
    queryFn: ({ signal }) =>
      api.get<Page<DeviceTask>>(`${devicePath(id)}/tasks`, { limit: 10 }, signal),
    enabled,
    refetchInterval: (query) => taskPollInterval(query.state.data?.data ?? []),
  });
}

/** The customer's devices and their recent tasks; polled quickly while a task is unfinished. */
export function useCustomerDevices(
  customerId: string,
  enabled = true,
): UseQueryResult<CustomerDevices> {
  const path = customerDevicesPath(customerId);
  return useQuery({
    queryKey: resourceKey(path),
    queryFn: ({ signal }) => api.get<CustomerDevices>(path, undefined, signal),
    enabled,
    refetchInterval: (query) =>
      taskPollInterval(query.state.data?.tasks ?? []) || DEVICE_REFRESH_MS,
  });
}

/** A customer's subscriptions, once one is picked (the link dialog). */
export function useSubscriptionsOf(customerId: string | null): UseQueryResult<Page<Subscription>> {
  return useResource<Page<Subscription>>(
    `/customers/${encodeURIComponent(customerId ?? '')}/subscriptions`,
    { limit: 200 },
    { enabled: customerId !== null },
  );
}

export function useDeviceReview(
  matchState: 'unmatched' | 'ambiguous' | '',
  acsServerId: string,
): PagedQuery<DeviceReviewItem> {
  return usePagedResource<DeviceReviewItem>(
    `${DEVICES}/review`,
    { matchState: matchState || undefined, acsServerId: acsServerId || undefined },
    { pageSize: 25 },
  );
}

/** After an action or a link, every view of devices is stale: lists, details, customer cards. */
async function invalidateDevices(
  client: QueryClient,
  customerIds: readonly string[] = [],
): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: resourceKey(DEVICES) }),
    ...customerIds.map((customerId) =>
      client.invalidateQueries({ queryKey: resourceKey(customerDevicesPath(customerId)) }),
    ),
  ]);
}

export type DeviceActionVars =
  | { deviceId: string; kind: 'wifi'; body: WifiAction }
  | { deviceId: string; kind: 'reboot' | 'refresh'; body?: undefined }
  | { deviceId: string; kind: 'factory-reset'; body: FactoryResetAction };

export type DeviceActionKind = DeviceActionVars['kind'];

/** Asks the device to do something; the server answers 202 with the task it recorded. */
export function useDeviceAction(
  customerId?: string,
): UseMutationResult<DeviceTask, Error, DeviceActionVars> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (vars: DeviceActionVars) =>
      api.post<DeviceTask>(`${devicePath(vars.deviceId)}/actions/${vars.kind}`, vars.body ?? {}),
    onSuccess: () => invalidateDevices(client, customerId ? [customerId] : []),
  });
}

export function useLinkDevice(): UseMutationResult<
  Device,
  Error,
  { deviceId: string; body: LinkDevice; customerIds?: string[] }
> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ deviceId, body }) => api.post<Device>(`${devicePath(deviceId)}/link`, body),
    onSuccess: (_device, vars) => invalidateDevices(client, vars.customerIds),
  });
}

export function useUnlinkDevice(): UseMutationResult<
  Device,
  Error,
  { deviceId: string; body: UnlinkDevice; customerIds?: string[] }
> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ deviceId, body }) => api.post<Device>(`${devicePath(deviceId)}/unlink`, body),
    onSuccess: (_device, vars) => invalidateDevices(client, vars.customerIds),
  });
}

// ---- ACS servers ------------------------------------------------------------------------------

export function useAcsServers(enabled = true): UseQueryResult<Page<AcsServer>> {
  return useResource<Page<AcsServer>>(
    ACS_SERVERS,
    { limit: 100 },
    { enabled, refetchInterval: DEVICE_REFRESH_MS },
  );
}

export function useCreateAcsServer(): UseMutationResult<AcsServer, Error, CreateAcsServer> {
  return useApiMutation<AcsServer, CreateAcsServer>({
    method: 'POST',
    path: ACS_SERVERS,
    invalidates: [ACS_SERVERS],
  });
}

export function useUpdateAcsServer(): UseMutationResult<
  AcsServer,
  Error,
  { id: string; body: UpdateAcsServer }
> {
  return useApiMutation<AcsServer, { id: string; body: UpdateAcsServer }>({
    method: 'PATCH',
    path: ({ id }) => acsPath(id),
    body: ({ body }) => body,
    invalidates: [ACS_SERVERS],
  });
}

export function useDeleteAcsServer(): UseMutationResult<void, Error, string> {
  return useApiMutation<void, string>({
    method: 'DELETE',
    path: acsPath,
    body: () => undefined,
    invalidates: [ACS_SERVERS, DEVICES],
  });
}

/** Tries connection settings before they are saved. */
export function useTestAcsConnection(): UseMutationResult<AcsTestResult, Error, TestAcsConnection> {
  return useApiMutation<AcsTestResult, TestAcsConnection>({
    method: 'POST',
    path: `${ACS_SERVERS}/test`,
  });
}

/** Tries a saved server as it is. */
export function useTestAcsServer(): UseMutationResult<AcsTestResult, Error, string> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<AcsTestResult>(`${acsPath(id)}/test`),
    onSettled: () => client.invalidateQueries({ queryKey: resourceKey(ACS_SERVERS) }),
  });
}

export function useSyncAcsServer(): UseMutationResult<
  AcsSyncQueued,
  Error,
  { id: string; body: AcsSyncRequest }
> {
  return useApiMutation<AcsSyncQueued, { id: string; body: AcsSyncRequest }>({
    method: 'POST',
    path: ({ id }) => `${acsPath(id)}/sync`,
    body: ({ body }) => body,
    invalidates: [ACS_SERVERS],
  });
}
