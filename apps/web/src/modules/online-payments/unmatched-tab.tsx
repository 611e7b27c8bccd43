import type { GatewayEvent, GatewayId } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterBar, PagedTable, type Column } from '../../components/paged-table';
import { Segmented } from '../../components/segmented';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { useGatewayEvents, type EventKind } from './api';
import { EventOutcomeBadge, SignatureBadge } from './badges';
import { RawBodyView } from './raw-body-view';
import { GatewayFilter } from './transactions-tab';

const KINDS: readonly EventKind[] = ['unmatched', 'unverified'];

/** Notifications that found no transaction (unknown order id) or failed their signature check. */
export function UnmatchedTab(): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [kind, setKind] = useState<EventKind>('unmatched');
  const [gateway, setGateway] = useState<GatewayId | ''>('');
  const query = useGatewayEvents(kind, gateway);
  const columns: Column<GatewayEvent>[] = [
    {
      key: 'at',
      header: t('onlinePayments.event.at'),
      className: 'text-xs whitespace-nowrap align-top',
      cell: (event) => formatDateTime(event.at, locale),
    },
    {
      key: 'gateway',
      header: t('onlinePayments.fields.gateway'),
      className: 'hidden sm:table-cell align-top',
      cell: (event) => t(`gateway.name.${event.gateway}`),
    },
    {
      key: 'order',
      header: t('onlinePayments.fields.orderId'),
      className: 'font-mono text-xs break-all align-top',
      headerClassName: '',
      cell: (event) => event.orderId ?? '—',
    },
    {
      key: 'outcome',
      header: t('onlinePayments.event.outcome'),
      className: 'align-top',
      cell: (event) => (
        <span className="inline-flex flex-wrap gap-1">
          <EventOutcomeBadge outcome={event.outcome} />
          <SignatureBadge verified={event.verified} />
        </span>
      ),
    },
    {
      key: 'detail',
      header: t('onlinePayments.event.detail'),
      className: 'min-w-48 text-xs align-top',
      cell: (event) => (
        <>
          {event.remoteIp && (
            <span className="block font-mono text-zinc-500 dark:text-zinc-400">
              {t('onlinePayments.event.from', { ip: event.remoteIp })}
            </span>
          )}
          {event.error && (
            <span className="block text-red-700 dark:text-red-400">{event.error}</span>
          )}
          <RawBodyView body={event.body} />
        </>
      ),
    },
  ];
  return (
    <>
      <p className="px-4 pt-3 text-sm text-zinc-500 dark:text-zinc-400">
        {t(`onlinePayments.unmatched.${kind}Hint`)}
      </p>
      <FilterBar className="items-center lg:grid-flow-row lg:grid-cols-4">
        <Segmented
          label={t('onlinePayments.unmatched.kind')}
          value={kind}
          onChange={setKind}
          options={KINDS.map((value) => ({
            value,
            label: t(`onlinePayments.unmatched.${value}`),
            content: (
              <span className="px-1.5 whitespace-nowrap">
                {t(`onlinePayments.unmatched.${value}`)}
              </span>
            ),
          }))}
        />
        <GatewayFilter value={gateway} onChange={setGateway} />
      </FilterBar>
      <PagedTable
        label={t('onlinePayments.tabs.unmatched')}
        query={query}
        columns={columns}
        rowKey={(event) => event.id}
        rowProps={(event) => ({ 'data-event': event.id, 'data-outcome': event.outcome })}
        emptyTitle={t(`onlinePayments.unmatched.${kind}Empty`)}
      />
    </>
  );
}
