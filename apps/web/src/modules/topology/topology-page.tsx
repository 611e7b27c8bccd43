import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Card, PageHeader } from '../../components/page';
import { ProblemAlert } from '../../components/problem-alert';
import { PageSpinner } from '../../components/spinner';
import { cx } from '../../components/cx';
import { can, useCurrentUser } from '../../lib/session';
import { useTopologyMap, useTopologyTree } from './api';
import { MapView } from './map-view';
import { PlacesList } from './places';
import { TreeView } from './tree-view';

const VIEWS = ['tree', 'map', 'sites', 'odps'] as const;
type View = (typeof VIEWS)[number];

function isView(value: string | null): value is View {
  return VIEWS.includes(value as View);
}

function TreePanel(): React.JSX.Element {
  const { t } = useTranslation();
  const tree = useTopologyTree();
  if (tree.isPending) return <PageSpinner label={t('common.loading')} />;
  if (tree.isError) return <ProblemAlert error={tree.error} className="m-3" />;
  return <TreeView tree={tree.data} />;
}

function MapPanel(): React.JSX.Element {
  const { t } = useTranslation();
  const map = useTopologyMap();
  if (map.isPending) return <PageSpinner label={t('common.loading')} />;
  if (map.isError) return <ProblemAlert error={map.error} className="m-3" />;
  return <MapView map={map.data} />;
}

export function TopologyPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const requested = params.get('view');
  const view: View = isView(requested) ? requested : 'tree';
  const canWrite = can(me, 'topology:write');

  return (
    <>
      <PageHeader title={t('topology.title')} description={t('topology.description')} />
      <Card>
        <div
          role="tablist"
          aria-label={t('topology.view')}
          className="flex gap-1 overflow-x-auto border-b border-zinc-200 px-3 pt-2 dark:border-zinc-800"
        >
          {VIEWS.map((value) => (
            <button
              key={value}
              type="button"
              role="tab"
              aria-selected={view === value}
              data-view={value}
              onClick={() => setParams(value === 'tree' ? {} : { view: value }, { replace: true })}
              className={cx(
                '-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap',
                view === value
                  ? 'border-brand-600 text-zinc-900 dark:text-white'
                  : 'border-transparent text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100',
              )}
            >
              {t(`topology.${value}`)}
            </button>
          ))}
        </div>
        <div role="tabpanel">
          {view === 'tree' && <TreePanel />}
          {view === 'map' && <MapPanel />}
          {view === 'sites' && <PlacesList type="site" canWrite={canWrite} />}
          {view === 'odps' && <PlacesList type="odp" canWrite={canWrite} />}
        </div>
      </Card>
    </>
  );
}
