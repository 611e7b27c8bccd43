import type { Ability } from '@jaring/contracts';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteObject } from 'react-router';
import { RequireAbility } from '../../admin/require-auth';
import { PageSpinner } from '../../components/spinner';

/*
 * The monitoring screens load on first visit, in their own chunks, so the app's first download
 * does not grow with them (and the chart library loads only with a chart).
 */

function named<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): LazyExoticComponent<ComponentType> {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const MonitoringPage = named(() => import('./monitoring-page'), 'MonitoringPage');
const MonitoringMapPage = named(() => import('./map-page'), 'MonitoringMapPage');
const UsageReportPage = named(() => import('./usage-report-page'), 'UsageReportPage');
const AlertsPage = named(() => import('./alerts-page'), 'AlertsPage');
const MonitoringSettingsPage = named(
  () => import('./monitoring-settings-page'),
  'MonitoringSettingsPage',
);

function Loading(): React.JSX.Element {
  const { t } = useTranslation();
  return <PageSpinner label={t('common.loading')} />;
}

function guarded(ability: Ability, Page: LazyExoticComponent<ComponentType>): React.JSX.Element {
  return (
    <RequireAbility ability={ability}>
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    </RequireAbility>
  );
}

/** The staff routes of monitoring, for the admin layout's children. */
export const MONITORING_ROUTES: RouteObject[] = [
  { path: 'monitoring', element: guarded('monitoring:read', MonitoringPage) },
  { path: 'monitoring/map', element: guarded('monitoring:read', MonitoringMapPage) },
  { path: 'monitoring/usage', element: guarded('monitoring:read', UsageReportPage) },
  { path: 'alerts', element: guarded('monitoring:read', AlertsPage) },
  { path: 'settings/monitoring', element: guarded('monitoring:read', MonitoringSettingsPage) },
];
