import type { PortalDevice, PortalDeviceTask, WifiAction } from '@jaring/contracts';
import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { taskPollInterval } from '../modules/devices/task-state';
import { portalRequest } from './api';
import { PORTAL_KEY } from './session';

const DEVICES_KEY = [PORTAL_KEY, 'devices'] as const;
const devicePath = (id: string): string => `/devices/${encodeURIComponent(id)}`;

/** The customer's devices; asked again often while a WiFi change is on its way. */
export function usePortalDevices(): UseQueryResult<{ data: PortalDevice[] }> {
  return useQuery({
    queryKey: DEVICES_KEY,
    queryFn: () => portalRequest<{ data: PortalDevice[] }>('GET', '/devices'),
    refetchInterval: (query) =>
      taskPollInterval(
        (query.state.data?.data ?? []).flatMap((device) =>
          device.lastWifiTask ? [device.lastWifiTask] : [],
        ),
      ) || 60_000,
  });
}

export function usePortalWifi(): UseMutationResult<
  PortalDeviceTask,
  Error,
  { deviceId: string; body: WifiAction }
> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ deviceId, body }) =>
      portalRequest<PortalDeviceTask>('POST', `${devicePath(deviceId)}/wifi`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: DEVICES_KEY, exact: true }),
  });
}

/** One change, polled until it is applied, failed or withdrawn. */
export function usePortalTask(
  deviceId: string,
  taskId: string | null,
): UseQueryResult<PortalDeviceTask> {
  const client = useQueryClient();
  return useQuery({
    queryKey: [...DEVICES_KEY, deviceId, 'task', taskId],
    queryFn: async () => {
      const task = await portalRequest<PortalDeviceTask>(
        'GET',
        `${devicePath(deviceId)}/tasks/${encodeURIComponent(taskId ?? '')}`,
      );
      // The device card shows the new name once the change is through.
      if (task.status === 'done')
        void client.invalidateQueries({ queryKey: DEVICES_KEY, exact: true });
      return task;
    },
    enabled: taskId !== null,
    refetchInterval: (query) => (query.state.data ? taskPollInterval([query.state.data]) : 2_000),
    // Changing the WiFi may drop the very connection this page uses: keep trying quietly.
    retry: 5,
    retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 15_000),
  });
}
