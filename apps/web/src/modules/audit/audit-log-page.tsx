import type { AuditLog } from '@jaring/contracts';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { ChevronRightIcon } from '../../components/icons';
import { Card, EmptyState, PageHeader } from '../../components/page';
import { ProblemAlert } from '../../components/problem-alert';
import { PageSpinner } from '../../components/spinner';
import { Table, Td, Th } from '../../components/table';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { NO_AUDIT_FILTERS, useAuditLogs, type AuditFilters } from './api';
import { AuditDiff } from './audit-diff';
import { AuditFiltersForm } from './audit-filters';

function actionTone(action: string): 'success' | 'danger' | 'warning' | 'neutral' {
  if (/\.(created|login)$/.test(action)) return 'success';
  if (/\.(deleted|revoked)$/.test(action)) return 'danger';
  if (/\.(locked|disabled|failed)/.test(action)) return 'warning';
  return 'neutral';
}

export function AuditLogPage(): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [filters, setFilters] = useState<AuditFilters>(NO_AUDIT_FILTERS);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const logs = useAuditLogs(filters);
  const rows = logs.data?.pages.flatMap((page) => page.data) ?? [];

  const toggle = (id: string): void =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const actorCell = (entry: AuditLog): React.JSX.Element => {
    const label = entry.actorName ?? t(`audit.actorTypes.${entry.actorType}`);
    if (!entry.actorId) return <span className="text-zinc-500">{label}</span>;
    const actorId = entry.actorId;
    return (
      <button
        type="button"
        className="text-left hover:underline"
        title={t('audit.filterByActor')}
        onClick={() => setFilters({ ...filters, actorId })}
      >
        {label}
        {entry.actorType === 'token' && (
          <span className="ml-1 text-xs text-zinc-500">({t('audit.actorTypes.token')})</span>
        )}
      </button>
    );
  };

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Card>
        <AuditFiltersForm value={filters} onChange={setFilters} />
        {logs.isPending ? (
          <PageSpinner label={t('common.loading')} />
        ) : logs.isError ? (
          <ProblemAlert error={logs.error} className="m-3" />
        ) : rows.length === 0 ? (
          <EmptyState title={t('audit.empty')} />
        ) : (
          <Table label={t('audit.title')}>
            <thead>
              <tr>
                <Th className="w-8">
                  <span className="sr-only">{t('audit.details')}</span>
                </Th>
                <Th>{t('audit.fields.time')}</Th>
                <Th className="hidden md:table-cell">{t('audit.fields.actor')}</Th>
                <Th>{t('audit.fields.action')}</Th>
                <Th className="hidden sm:table-cell">{t('audit.fields.entity')}</Th>
                <Th className="hidden lg:table-cell">{t('audit.fields.ip')}</Th>
                <Th className="hidden xl:table-cell">{t('audit.fields.requestId')}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((entry) => {
                const open = expanded.has(entry.id);
                return (
                  <Fragment key={entry.id}>
                    <tr className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
                      <Td className="pr-0">
                        <button
                          type="button"
                          aria-expanded={open}
                          aria-controls={`audit-${entry.id}`}
                          aria-label={open ? t('audit.hideChanges') : t('audit.showChanges')}
                          onClick={() => toggle(entry.id)}
                          className="rounded p-1 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"
                        >
                          <ChevronRightIcon
                            className={cx('transition-transform', open && 'rotate-90')}
                          />
                        </button>
                      </Td>
                      <Td className="whitespace-nowrap tabular-nums">
                        {formatDateTime(entry.at, locale)}
                      </Td>
                      <Td className="hidden whitespace-nowrap md:table-cell">{actorCell(entry)}</Td>
                      <Td>
                        <Badge tone={actionTone(entry.action)}>{entry.action}</Badge>
                        <div className="mt-1 text-xs md:hidden">{actorCell(entry)}</div>
                      </Td>
                      <Td className="hidden whitespace-nowrap sm:table-cell">
                        <span>{entry.entityType}</span>
                        {entry.entityId && (
                          <span
                            className="ml-1 font-mono text-xs text-zinc-500"
                            title={entry.entityId}
                          >
                            {entry.entityId.slice(0, 8)}
                          </span>
                        )}
                      </Td>
                      <Td className="hidden font-mono text-xs lg:table-cell">{entry.ip ?? '—'}</Td>
                      <Td
                        className="hidden max-w-40 truncate font-mono text-xs text-zinc-500 xl:table-cell"
                        title={entry.requestId ?? undefined}
                      >
                        {entry.requestId ?? '—'}
                      </Td>
                    </tr>
                    {open && (
                      <tr id={`audit-${entry.id}`}>
                        <td colSpan={7} className="bg-zinc-50 px-3 py-3 dark:bg-zinc-900/60">
                          <dl className="mb-2 flex flex-wrap gap-x-5 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
                            <div>
                              <dt className="inline">{t('audit.fields.ip')}: </dt>
                              <dd className="inline font-mono">{entry.ip ?? '—'}</dd>
                            </div>
                            <div>
                              <dt className="inline">{t('audit.fields.requestId')}: </dt>
                              <dd className="inline font-mono">{entry.requestId ?? '—'}</dd>
                            </div>
                            <div>
                              <dt className="inline">{t('audit.fields.entity')}: </dt>
                              <dd className="inline font-mono">
                                {entry.entityType}
                                {entry.entityId ? ` ${entry.entityId}` : ''}
                              </dd>
                            </div>
                          </dl>
                          <AuditDiff before={entry.before} after={entry.after} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </Table>
        )}
        {logs.hasNextPage && (
          <div className="flex justify-center border-t border-zinc-200 p-3 dark:border-zinc-800">
            <Button
              size="sm"
              loading={logs.isFetchingNextPage}
              onClick={() => void logs.fetchNextPage()}
            >
              {t('common.loadMore')}
            </Button>
          </div>
        )}
      </Card>
    </>
  );
}
