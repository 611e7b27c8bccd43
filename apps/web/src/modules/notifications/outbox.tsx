import type { Notification } from '@jaring/contracts';
import { NOTIFICATION_TEMPLATES } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { FilterSelect } from '../../components/filters';
import { FilterBar, PagedTable, type Column } from '../../components/paged-table';
import type { PagedQuery } from '../../components/resource';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_STATUSES,
  useOutbox,
  type NotificationStatus,
  type OutboxFilters,
} from './api';

const STATUS_TONE = {
  pending: 'warning',
  sent: 'success',
  failed: 'danger',
  skipped: 'neutral',
} as const satisfies Record<NotificationStatus, string>;

export function NotificationStatusBadge({
  status,
}: {
  status: NotificationStatus;
}): React.JSX.Element {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONE[status]}>{t(`notifications.status.${status}`)}</Badge>;
}

/** Messages as a paged table: channel, recipient, template, delivery status and its last error. */
export function NotificationsTable({
  query,
  label,
}: {
  query: PagedQuery<Notification>;
  label: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const columns: Column<Notification>[] = [
    {
      key: 'created',
      header: t('notifications.fields.createdAt'),
      className: 'hidden text-xs whitespace-nowrap md:table-cell',
      cell: (n) => formatDateTime(n.createdAt, locale),
    },
    {
      key: 'channel',
      header: t('notifications.fields.channel'),
      cell: (n) => t(`notifications.channel.${n.channel}`),
    },
    {
      key: 'recipient',
      header: t('notifications.fields.recipient'),
      className: 'font-mono text-xs break-all',
      cell: (n) => n.recipient,
    },
    {
      key: 'template',
      header: t('notifications.fields.template'),
      className: 'hidden sm:table-cell',
      cell: (n) => t(`notifications.template.${n.template}`, { defaultValue: n.template }),
    },
    {
      key: 'status',
      header: t('notifications.fields.status'),
      cell: (n) => <NotificationStatusBadge status={n.status} />,
    },
    {
      key: 'attempts',
      header: t('notifications.fields.attempts'),
      numeric: true,
      className: 'hidden lg:table-cell',
      cell: (n) => n.attempts,
    },
    {
      key: 'error',
      header: t('notifications.fields.lastError'),
      className: 'hidden max-w-64 text-xs text-red-700 lg:table-cell dark:text-red-400',
      cell: (n) =>
        n.lastError ? (
          <span className="line-clamp-2" title={n.lastError}>
            {n.lastError}
          </span>
        ) : (
          '—'
        ),
    },
    {
      key: 'sent',
      header: t('notifications.fields.sentAt'),
      className: 'text-xs whitespace-nowrap',
      cell: (n) => formatDateTime(n.sentAt, locale),
    },
  ];
  return (
    <PagedTable
      label={label}
      query={query}
      columns={columns}
      rowKey={(n) => n.id}
      rowProps={(n) => ({ 'data-notification': n.id, 'data-status': n.status })}
      emptyTitle={t('notifications.outbox.empty')}
    />
  );
}

/** The whole outbox with its filters (status, channel, template). */
export function Outbox(): React.JSX.Element {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Required<OutboxFilters>>({
    status: '',
    channel: '',
    template: '',
  });
  const query = useOutbox(filters);
  return (
    <>
      <FilterBar>
        <FilterSelect
          name="status"
          label={t('notifications.fields.status')}
          value={filters.status}
          onChange={(status) => setFilters((f) => ({ ...f, status }))}
          allLabel={t('notifications.outbox.allStatuses')}
          options={NOTIFICATION_STATUSES.map((value) => ({
            value,
            label: t(`notifications.status.${value}`),
          }))}
        />
        <FilterSelect
          name="channel"
          label={t('notifications.fields.channel')}
          value={filters.channel}
          onChange={(channel) => setFilters((f) => ({ ...f, channel }))}
          allLabel={t('notifications.outbox.allChannels')}
          options={NOTIFICATION_CHANNELS.map((value) => ({
            value,
            label: t(`notifications.channel.${value}`),
          }))}
        />
        <FilterSelect
          name="template"
          label={t('notifications.fields.template')}
          value={filters.template}
          onChange={(template) => setFilters((f) => ({ ...f, template }))}
          allLabel={t('notifications.outbox.allTemplates')}
          options={NOTIFICATION_TEMPLATES.map((value) => ({
            value,
            label: t(`notifications.template.${value}`),
          }))}
        />
      </FilterBar>
      <NotificationsTable query={query} label={t('notifications.outbox.title')} />
    </>
  );
}
