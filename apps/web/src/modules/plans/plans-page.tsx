import type { Plan } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { SearchInput } from '../../components/filters';
import { PlusIcon } from '../../components/icons';
import { Card, PageHeader } from '../../components/page';
import { DataTable, QueryState, type Column } from '../../components/paged-table';
import { bpToPercent, formatRate, formatRupiah } from '../../lib/network-format';
import { can, useCurrentUser } from '../../lib/session';
import { useDebounced } from '../../lib/use-debounced';
import { useRouters } from '../routers/api';
import { useDeletePlan, usePlans } from './api';
import { PlanFormDialog } from './plan-form-dialog';

export function PlansPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [q, setQ] = useState('');
  const search = useDebounced(q);
  const plans = usePlans(search);
  const routers = useRouters('', can(me, 'routers:read'));
  const remove = useDeletePlan();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Plan | null>(null);
  const [deleting, setDeleting] = useState<Plan | null>(null);
  const canWrite = can(me, 'plans:write');
  const rows = plans.data?.data ?? [];
  const routerName = new Map((routers.data?.data ?? []).map((r) => [r.id, r.name]));
  const columns: Column<Plan>[] = [
    {
      key: 'name',
      header: t('plans.fields.name'),
      cell: (plan) => (
        <>
          <div className="font-medium">{plan.name}</div>
          <div className="mt-0.5 flex flex-wrap gap-1">
            <Badge tone="brand">{t(`plans.types.${plan.type}`)}</Badge>
            {!plan.active && <Badge>{t('plans.inactive')}</Badge>}
          </div>
          <div className="mt-0.5 text-xs text-zinc-500 sm:hidden dark:text-zinc-400">
            {formatRate(plan.downloadKbps)} / {formatRate(plan.uploadKbps)}
          </div>
        </>
      ),
    },
    {
      key: 'speed',
      header: t('plans.fields.speed'),
      headerClassName: 'hidden sm:table-cell',
      className: 'hidden whitespace-nowrap sm:table-cell',
      cell: (plan) => (
        <>
          ↓ {formatRate(plan.downloadKbps)} · ↑ {formatRate(plan.uploadKbps)}
        </>
      ),
    },
    {
      key: 'price',
      header: t('plans.fields.price'),
      headerClassName: '',
      className: 'whitespace-nowrap',
      cell: (plan) => (
        <>
          <div className="font-medium tabular-nums">{formatRupiah(plan.price)}</div>
          <div className="text-xs text-zinc-500 dark:text-zinc-400">
            {t(`plans.periods.${plan.billingPeriod}`)} ·{' '}
            {t('plans.taxShort', { percent: bpToPercent(plan.taxRateBp) })}
          </div>
        </>
      ),
    },
    {
      key: 'rate',
      header: t('plans.rateLimit'),
      headerClassName: 'hidden md:table-cell',
      className: 'hidden font-mono text-xs md:table-cell',
      cell: (plan) => (
        <>
          <div data-testid="rate-limit">{plan.rateLimit}</div>
          <div data-testid="profile-name" className="text-zinc-500 dark:text-zinc-400">
            {plan.profileName}
          </div>
        </>
      ),
    },
    {
      key: 'routers',
      header: t('plans.fields.routers'),
      headerClassName: 'hidden lg:table-cell',
      className: 'hidden text-xs text-zinc-600 lg:table-cell dark:text-zinc-300',
      cell: (plan) => plan.routerIds.map((id) => routerName.get(id) ?? '…').join(', ') || '—',
    },
  ];
  if (canWrite) {
    columns.push({
      key: 'actions',
      header: <span className="sr-only">{t('common.actions')}</span>,
      headerClassName: 'text-right',
      className: 'text-right whitespace-nowrap',
      cell: (plan) => (
        <>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setEditing(plan)}
            aria-label={t('plans.editNamed', { name: plan.name })}
          >
            {t('common.edit')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            className="text-red-600 hover:text-red-700 dark:text-red-400"
            onClick={() => {
              remove.reset();
              setDeleting(plan);
            }}
            aria-label={t('plans.deleteNamed', { name: plan.name })}
          >
            {t('common.delete')}
          </Button>
        </>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('plans.title')}
        description={t('plans.description')}
        actions={
          canWrite && (
            <Button variant="primary" onClick={() => setCreating(true)}>
              <PlusIcon /> {t('plans.new')}
            </Button>
          )
        }
      />
      <Card>
        <div role="search" className="border-b border-zinc-200 p-3 dark:border-zinc-800">
          <SearchInput
            label={t('plans.search')}
            value={q}
            onChange={(event) => setQ(event.target.value)}
            placeholder={t('plans.searchPlaceholder')}
          />
        </div>
        <QueryState
          pending={plans.isPending}
          error={plans.isError ? plans.error : null}
          empty={rows.length === 0}
          emptyTitle={t('plans.empty')}
          emptyHint={t('plans.emptyHint')}
        >
          <DataTable
            label={t('plans.title')}
            rows={rows}
            rowKey={(plan) => plan.id}
            rowProps={(plan) => ({ 'data-plan': plan.name })}
            columns={columns}
          />
        </QueryState>
      </Card>
      <PlanFormDialog open={creating} plan={null} onClose={() => setCreating(false)} />
      <PlanFormDialog open={editing !== null} plan={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={t('plans.deleteTitle')}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) });
        }}
      >
        <p>{t('plans.deleteConfirm', { name: deleting?.name ?? '' })}</p>
      </ConfirmDialog>
    </>
  );
}
