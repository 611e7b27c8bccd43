import type { TopologyTree } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '../../components/badge';
import { ChevronRightIcon } from '../../components/icons';
import { EmptyState } from '../../components/page';
import { ProblemAlert } from '../../components/problem-alert';
import { Spinner } from '../../components/spinner';
import { RouterOnlineBadge } from '../routers/router-status';
import { useTopologyTree } from './api';

type Group = TopologyTree['unrouted'];
type TreeOdp = TopologyTree['routers'][number]['odps'][number];

function Customers({ group }: { group: Group }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (group.customers.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 border-l border-zinc-200 pl-4 dark:border-zinc-800">
      {group.customers.map((c) => (
        <li key={c.id} className="flex flex-wrap items-center gap-1.5 text-sm">
          <Link to={`/customers/${c.id}`} className="hover:underline">
            {c.name}
          </Link>
          <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{c.number}</span>
        </li>
      ))}
      {group.more && (
        <li className="text-xs text-zinc-500 dark:text-zinc-400">
          {'id' in group && typeof group.id === 'string' ? (
            <Link to={`/customers?odpId=${group.id}`} className="hover:underline">
              {t('topology.more', { count: group.customerCount - group.customers.length })}
            </Link>
          ) : (
            t('topology.more', { count: group.customerCount - group.customers.length })
          )}
        </li>
      )}
    </ul>
  );
}

function OdpNode({
  odp,
  children,
}: {
  odp: TreeOdp;
  children?: React.ReactNode;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <li>
      <details open className="group/odp">
        <summary className="flex cursor-pointer list-none flex-wrap items-center gap-1.5 py-0.5 text-sm">
          <ChevronRightIcon className="size-3.5 text-zinc-400 transition-transform group-open/odp:rotate-90" />
          <Badge tone={odp.kind === 'odc' ? 'brand' : 'neutral'}>
            {t(`topology.kinds.${odp.kind}`)}
          </Badge>
          <span className="font-medium">{odp.name}</span>
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            {odp.used}/{odp.capacity} · {t('topology.customers', { count: odp.customerCount })}
          </span>
        </summary>
        <div className="pl-4">
          {children}
          <Customers group={odp} />
        </div>
      </details>
    </li>
  );
}

type TreeRouter = TopologyTree['routers'][number];

function RouterBranch({ router }: { router: TreeRouter }): React.JSX.Element {
  const { t } = useTranslation();
  const ids = new Set(router.odps.map((o) => o.id));
  const roots = router.odps.filter((o) => !o.parentId || !ids.has(o.parentId));
  return (
    <ul className="mt-1 space-y-1 border-l border-zinc-200 pl-4 dark:border-zinc-800">
      {roots.map((root) => {
        const children = router.odps.filter((o) => o.parentId === root.id);
        return (
          <OdpNode key={root.id} odp={root}>
            {children.length > 0 && (
              <ul className="space-y-1 border-l border-zinc-200 pl-4 dark:border-zinc-800">
                {children.map((child) => (
                  <OdpNode key={child.id} odp={child} />
                ))}
              </ul>
            )}
          </OdpNode>
        );
      })}
      {router.unassigned.customerCount > 0 && (
        <li>
          <p className="text-sm text-zinc-500 dark:text-zinc-400">
            {t('topology.unassigned')} ·{' '}
            {t('topology.customers', { count: router.unassigned.customerCount })}
          </p>
          <Customers group={router.unassigned} />
        </li>
      )}
    </ul>
  );
}

/** One router; its ODPs and customer names load when it is opened. */
function RouterNode({
  router,
  initiallyOpen,
}: {
  router: TreeRouter;
  initiallyOpen: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [open, setOpen] = useState(initiallyOpen);
  const detail = useTopologyTree(router.id, open);
  const loaded = detail.data?.routers.find((r) => r.id === router.id);
  return (
    <li data-router={router.name}>
      <details
        open={open}
        onToggle={(event) => setOpen(event.currentTarget.open)}
        className="group/router"
      >
        <summary className="flex cursor-pointer list-none flex-wrap items-center gap-1.5 text-sm">
          <ChevronRightIcon className="size-3.5 text-zinc-400 transition-transform group-open/router:rotate-90" />
          <Link to={`/routers/${router.id}`} className="font-semibold hover:underline">
            {router.name}
          </Link>
          <RouterOnlineBadge online={router.online} />
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            {t('topology.customers', { count: router.customerCount })}
          </span>
        </summary>
        {open &&
          (detail.isPending ? (
            <p className="flex items-center gap-2 py-1 pl-4 text-xs text-zinc-500">
              <Spinner className="size-3" /> {t('common.loading')}
            </p>
          ) : detail.isError ? (
            <ProblemAlert error={detail.error} className="mt-1" />
          ) : (
            loaded && <RouterBranch router={loaded} />
          ))}
      </details>
    </li>
  );
}

/** Router -> ODC -> ODP -> customers, as collapsible lists. */
export function TreeView({ tree }: { tree: TopologyTree }): React.JSX.Element {
  const { t } = useTranslation();
  if (tree.routers.length === 0 && tree.unrouted.customerCount === 0) {
    return <EmptyState title={t('topology.emptyTree')} />;
  }
  return (
    <ul className="space-y-3 p-4" aria-label={t('topology.tree')} data-testid="topology-tree">
      {tree.routers.map((router) => (
        <RouterNode key={router.id} router={router} initiallyOpen={tree.routers.length <= 3} />
      ))}
      {tree.unrouted.customerCount > 0 && (
        <li>
          <p className="text-sm font-semibold">
            {t('topology.unrouted')} ·{' '}
            <span className="font-normal text-zinc-500 dark:text-zinc-400">
              {t('topology.customers', { count: tree.unrouted.customerCount })}
            </span>
          </p>
          <Customers group={tree.unrouted} />
        </li>
      )}
    </ul>
  );
}
