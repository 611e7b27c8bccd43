import type { Ability } from '@jaring/contracts';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteObject } from 'react-router';
import { RequireAbility } from '../../admin/require-auth';
import { PageSpinner } from '../../components/spinner';

/* The device screens load on first visit, in their own chunk. */

function named<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): LazyExoticComponent<ComponentType> {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const DevicesPage = named(() => import('./devices-page'), 'DevicesPage');
const DeviceReviewPage = named(() => import('./review-page'), 'DeviceReviewPage');
const DeviceDetailPage = named(() => import('./device-detail-page'), 'DeviceDetailPage');
const AcsServersPage = named(() => import('./acs-servers-page'), 'AcsServersPage');

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

/** The staff routes of customer devices (GenieACS), for the admin layout's children. */
export const DEVICE_ROUTES: RouteObject[] = [
  { path: 'devices', element: guarded('devices:read', DevicesPage) },
  { path: 'devices/review', element: guarded('devices:read', DeviceReviewPage) },
  { path: 'devices/:id', element: guarded('devices:read', DeviceDetailPage) },
  { path: 'settings/acs-servers', element: guarded('devices:read', AcsServersPage) },
];
