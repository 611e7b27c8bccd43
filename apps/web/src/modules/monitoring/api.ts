import type {
  Alert,
  AlertAction,
  AlertRule,
  AlertSeverity,
  HealthSeries,
  InterfaceSeries,
  LiveRate,
  MonitoringMap,
  MonitoringSettings,
  MonitoringSummary,
  RouterHealth,
  RouterInterface,
  RouterMonitorDetail,
  SeriesRange,
  SubscriberMonitor,
  SubscriberSession,
  TrafficSeries,
  UpdateRouterInterface,
  UpdateRouterMonitor,
  UsageReportRow,
} from '@jaring/contracts';
import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { api, request } from '../../lib/api';
import {
  resourceKey,
  useApiMutation,
  usePagedResource,
  useResource,
  type PagedQuery,
} from '../../components/resource';

export const MONITORING = '/monitoring';
export const SUMMARY_PATH = '/monitoring/summary';
export const ROUTERS_PATH = '/monitoring/routers';
export const MAP_PATH = '/monitoring/map';
export const SETTINGS_PATH = '/monitoring/settings';
export const ALERTS = '/alerts';

export const SUMMARY_KEY = resourceKey(SUMMARY_PATH);
export const ROUTERS_HEALTH_KEY = resourceKey(ROUTERS_PATH);
export const MAP_KEY = resourceKey(MAP_PATH);
export const ALERTS_KEY = resourceKey(ALERTS);

/** Live events keep these fresh; the polling is only the safety net. */
const SLOW_REFRESH_MS = 60_000;
/** A subscriber's current rate is read from the router this often while it is on screen. */
export const LIVE_RATE_MS = 3000;

const enc = encodeURIComponent;
export const routerPath = (id: string): string => `${ROUTERS_PATH}/${enc(id)}`;
const subscriptionPath = (id: string): string => `/monitoring/subscriptions/${enc(id)}`;

export interface RouterHealthList {
  data: RouterHealth[];
}

export function useMonitoringSummary(): UseQueryResult<MonitoringSummary> {
  return useResource<MonitoringSummary>(SUMMARY_PATH, undefined, {
    refetchInterval: SLOW_REFRESH_MS,
  });
}

export function useRouterHealthList(enabled = true): UseQueryResult<RouterHealthList> {
  return useResource<RouterHealthList>(ROUTERS_PATH, undefined, {
    refetchInterval: SLOW_REFRESH_MS,
    enabled,
  });
}

export function useRouterMonitor(id: string): UseQueryResult<RouterMonitorDetail> {
  return useResource<RouterMonitorDetail>(routerPath(id), undefined, {
    refetchInterval: 30_000,
  });
}

export function useRouterHealthSeries(
  id: string,
  range: SeriesRange,
): UseQueryResult<HealthSeries> {
  return useResource<HealthSeries>(`${routerPath(id)}/health`, { range }, { keepPrevious: true });
}

export function useRouterTraffic(id: string, range: SeriesRange): UseQueryResult<TrafficSeries> {
  return useResource<TrafficSeries>(`${routerPath(id)}/traffic`, { range }, { keepPrevious: true });
}

export function useInterfaceSeries(
  id: string,
  name: string | null,
  range: SeriesRange,
): UseQueryResult<InterfaceSeries> {
  return useResource<InterfaceSeries>(
    `${routerPath(id)}/interfaces/${enc(name ?? '')}/traffic`,
    { range },
    { keepPrevious: true, enabled: name !== null },
  );
}

/** Puts a router's fresh monitoring detail into the cache and refreshes the lists around it. */
function useStoreRouterDetail(): (detail: RouterMonitorDetail) => void {
  const client = useQueryClient();
  return (detail) => {
    client.setQueryData(resourceKey(routerPath(detail.routerId)), detail);
    void client.invalidateQueries({ queryKey: ROUTERS_HEALTH_KEY, exact: true });
    void client.invalidateQueries({ queryKey: SUMMARY_KEY });
  };
}

export function useUpdateRouterMonitor(
  id: string,
): UseMutationResult<RouterMonitorDetail, Error, UpdateRouterMonitor> {
  const store = useStoreRouterDetail();
  return useMutation({
    mutationFn: (body: UpdateRouterMonitor) => api.patch<RouterMonitorDetail>(routerPath(id), body),
    onSuccess: store,
  });
}

export function usePollRouter(id: string): UseMutationResult<RouterMonitorDetail, Error, void> {
  const store = useStoreRouterDetail();
  return useMutation({
    mutationFn: () => api.post<RouterMonitorDetail>(`${routerPath(id)}/poll`),
    onSuccess: store,
  });
}

export function useUpdateInterface(
  id: string,
): UseMutationResult<RouterInterface, Error, { name: string; body: UpdateRouterInterface }> {
  const client = useQueryClient();
  const key = resourceKey(routerPath(id));
  const put = (name: string, change: (item: RouterInterface) => RouterInterface): void => {
    client.setQueryData<RouterMonitorDetail>(key, (old) =>
      old
        ? { ...old, interfaces: old.interfaces.map((i) => (i.name === name ? change(i) : i)) }
        : old,
    );
  };
  return useMutation({
    mutationFn: ({ name, body }: { name: string; body: UpdateRouterInterface }) =>
      api.patch<RouterInterface>(`${routerPath(id)}/interfaces/${enc(name)}`, body),
    // The uplink switch flips at once; a refusal puts it back.
    onMutate: async ({ name, body }) => {
      await client.cancelQueries({ queryKey: key, exact: true });
      const before = client
        .getQueryData<RouterMonitorDetail>(key)
        ?.interfaces.find((i) => i.name === name);
      if (body.uplink !== undefined) put(name, (i) => ({ ...i, uplink: body.uplink ?? i.uplink }));
      return { before };
    },
    onError: (_error, { name }, context) => {
      const before = context?.before;
      if (before) put(name, () => before);
    },
    onSuccess: (saved) => put(saved.name, () => saved),
  });
}

// ---- Subscribers ----------------------------------------------------------------------------

export function useSubscriberMonitor(
  subscriptionId: string,
  enabled = true,
): UseQueryResult<SubscriberMonitor> {
  return useResource<SubscriberMonitor>(subscriptionPath(subscriptionId), undefined, {
    refetchInterval: 30_000,
    enabled,
  });
}

export function useSubscriberTraffic(
  subscriptionId: string,
  range: SeriesRange,
  enabled = true,
): UseQueryResult<TrafficSeries> {
  return useResource<TrafficSeries>(
    `${subscriptionPath(subscriptionId)}/traffic`,
    { range },
    { keepPrevious: true, enabled },
  );
}

export function useSubscriberSessions(
  subscriptionId: string,
  enabled = true,
): PagedQuery<SubscriberSession> {
  return usePagedResource<SubscriberSession>(
    `${subscriptionPath(subscriptionId)}/sessions`,
    {},
    { pageSize: 10, enabled },
  );
}

/** The current rate, read from the router every few seconds while `active`. */
export function useLiveRate(subscriptionId: string, active: boolean): UseQueryResult<LiveRate> {
  return useQuery({
    queryKey: [...resourceKey(subscriptionPath(subscriptionId)), 'live'],
    queryFn: ({ signal }) =>
      api.get<LiveRate>(`${subscriptionPath(subscriptionId)}/live`, undefined, signal),
    enabled: active,
    refetchInterval: active ? LIVE_RATE_MS : false,
    retry: false,
    staleTime: 0,
    gcTime: 30_000,
  });
}

export function subscriberKey(subscriptionId: string): readonly unknown[] {
  return resourceKey(subscriptionPath(subscriptionId));
}

// ---- Map, usage, settings -------------------------------------------------------------------

export function useMonitoringMap(): UseQueryResult<MonitoringMap> {
  return useResource<MonitoringMap>(MAP_PATH, undefined, { refetchInterval: SLOW_REFRESH_MS });
}

export function useUsageReport(month: string): PagedQuery<UsageReportRow> {
  return usePagedResource<UsageReportRow>('/monitoring/usage', { month }, { pageSize: 100 });
}

export function useMonitoringSettings(): UseQueryResult<MonitoringSettings> {
  return useResource<MonitoringSettings>(SETTINGS_PATH);
}

export function useSaveMonitoringSettings(): UseMutationResult<
  MonitoringSettings,
  Error,
  MonitoringSettings
> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MonitoringSettings) =>
      request<MonitoringSettings>('PUT', SETTINGS_PATH, { body }),
    onSuccess: (saved) => client.setQueryData(resourceKey(SETTINGS_PATH), saved),
  });
}

// ---- Alerts -----------------------------------------------------------------------------------

export type AlertStatusFilter = 'active' | 'open' | 'acknowledged' | 'resolved' | 'all';

export interface AlertFilters {
  status: AlertStatusFilter;
  severity: AlertSeverity | '';
  rule: AlertRule | '';
  routerId: string;
  entityId: string;
}

export function useAlerts(filters: AlertFilters, pageSize = 25): PagedQuery<Alert> {
  return usePagedResource<Alert>(
    ALERTS,
    {
      status: filters.status,
      severity: filters.severity,
      rule: filters.rule,
      routerId: filters.routerId,
      entityId: filters.entityId,
    },
    { pageSize },
  );
}

export function useAlert(id: string | null): UseQueryResult<Alert> {
  return useResource<Alert>(`${ALERTS}/${enc(id ?? '')}`, undefined, { enabled: id !== null });
}

export function useAlertAction(): UseMutationResult<
  Alert,
  Error,
  { id: string; action: 'acknowledge' | 'resolve'; body: AlertAction }
> {
  return useApiMutation<
    Alert,
    { id: string; action: 'acknowledge' | 'resolve'; body: AlertAction }
  >({
    method: 'POST',
    path: ({ id, action }) => `${ALERTS}/${enc(id)}/${action}`,
    body: ({ body }) => body,
    invalidates: [ALERTS, SUMMARY_PATH, ROUTERS_PATH],
  });
}
