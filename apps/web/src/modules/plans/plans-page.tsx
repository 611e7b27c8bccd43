import type { Plan } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { CONTROL_CLASS } from '../../components/field';
import { cx } from '../../components/cx';
import { PlusIcon, SearchIcon } from '../../components/icons';
import { Card, EmptyState, PageHeader } from '../../components/page';
import { ProblemAlert } from '../../components/problem-alert';
import { PageSpinner } from '../../components/spinner';
import { Table, Td, Th } from '../../components/table';
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
          <label className="relative block">
            <span className="sr-only">{t('plans.search')}</span>
            <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-zinc-400" />
            <input
              type="search"
              value={q}
              onChange={(event) => setQ(event.target.value)}
              placeholder={t('plans.searchPlaceholder')}
              className={cx(CONTROL_CLASS, 'pl-8')}
            />
          </label>
        </div>
        {plans.isPending ? (
          <PageSpinner label={t('common.loading')} />
        ) : plans.isError ? (
          <ProblemAlert error={plans.error} className="m-3" />
        ) : rows.length === 0 ? (
          <EmptyState title={t('plans.empty')} hint={t('plans.emptyHint')} />
        ) : (
          <Table label={t('plans.title')}>
            <thead>
              <tr>
                <Th>{t('plans.fields.name')}</Th>
                <Th className="hidden sm:table-cell">{t('plans.fields.speed')}</Th>
                <Th>{t('plans.fields.price')}</Th>
                <Th className="hidden md:table-cell">{t('plans.rateLimit')}</Th>
                <Th className="hidden lg:table-cell">{t('plans.fields.routers')}</Th>
                {canWrite && (
                  <Th className="text-right">
                    <span className="sr-only">{t('common.actions')}</span>
                  </Th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((plan) => (
                <tr
                  key={plan.id}
                  data-plan={plan.name}
                  className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40"
                >
                  <Td>
                    <div className="font-medium">{plan.name}</div>
                    <div className="mt-0.5 flex flex-wrap gap-1">
                      <Badge tone="brand">{t(`plans.types.${plan.type}`)}</Badge>
                      {!plan.active && <Badge>{t('plans.inactive')}</Badge>}
                    </div>
                    <div className="mt-0.5 text-xs text-zinc-500 sm:hidden dark:text-zinc-400">
                      {formatRate(plan.downloadKbps)} / {formatRate(plan.uploadKbps)}
                    </div>
                  </Td>
                  <Td className="hidden whitespace-nowrap sm:table-cell">
                    ↓ {formatRate(plan.downloadKbps)} · ↑ {formatRate(plan.uploadKbps)}
                  </Td>
                  <Td className="whitespace-nowrap">
                    <div className="font-medium tabular-nums">{formatRupiah(plan.price)}</div>
                    <div className="text-xs text-zinc-500 dark:text-zinc-400">
                      {t(`plans.periods.${plan.billingPeriod}`)} ·{' '}
                      {t('plans.taxShort', { percent: bpToPercent(plan.taxRateBp) })}
                    </div>
                  </Td>
                  <Td className="hidden font-mono text-xs md:table-cell">
                    <div data-testid="rate-limit">{plan.rateLimit}</div>
                    <div data-testid="profile-name" className="text-zinc-500 dark:text-zinc-400">
                      {plan.profileName}
                    </div>
                  </Td>
                  <Td className="hidden text-xs text-zinc-600 lg:table-cell dark:text-zinc-300">
                    {plan.routerIds.map((id) => routerName.get(id) ?? '…').join(', ') || '—'}
                  </Td>
                  {canWrite && (
                    <Td className="text-right whitespace-nowrap">
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
                    </Td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
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
