import {
  GATEWAY_TX_STATUSES,
  GATEWAYS,
  type GatewayId,
  type GatewayTxStatus,
} from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterInput, FilterSelect, SearchInput } from '../../components/filters';
import { FilterBar } from '../../components/paged-table';
import { useDebounced } from '../../lib/use-debounced';
import { useChannelNames } from './channel-names';
import { TransactionsTable } from './transactions-table';

/** Every online payment attempt, with filters. */
export function TransactionsTab(): React.JSX.Element {
  const { t } = useTranslation();
  const channels = useChannelNames();
  const [gateway, setGateway] = useState<GatewayId | ''>('');
  const [status, setStatus] = useState<GatewayTxStatus | ''>('');
  const [channel, setChannel] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  return (
    <>
      <FilterBar className="lg:grid-flow-row lg:grid-cols-3">
        <SearchInput
          name="q"
          label={t('onlinePayments.search')}
          placeholder={t('onlinePayments.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <GatewayFilter value={gateway} onChange={setGateway} />
        <FilterSelect
          name="status"
          label={t('onlinePayments.fields.status')}
          value={status}
          onChange={setStatus}
          allLabel={t('onlinePayments.allStatuses')}
          options={GATEWAY_TX_STATUSES.map((value) => ({
            value,
            label: t(`gateway.status.${value}`),
          }))}
        />
        {channels.options.length > 0 && (
          <FilterSelect
            name="channel"
            label={t('onlinePayments.fields.channel')}
            value={channel}
            onChange={setChannel}
            allLabel={t('onlinePayments.allChannels')}
            options={channels.options}
          />
        )}
        <FilterInput
          label={t('onlinePayments.from')}
          name="from"
          type="date"
          value={from}
          onChange={(event) => setFrom(event.target.value)}
        />
        <FilterInput
          label={t('onlinePayments.to')}
          name="to"
          type="date"
          value={to}
          onChange={(event) => setTo(event.target.value)}
        />
      </FilterBar>
      <TransactionsTable filters={{ gateway, status, channel, from, to, q }} />
    </>
  );
}

/** The gateway select shared by the lists of this page. */
export function GatewayFilter({
  value,
  onChange,
}: {
  value: GatewayId | '';
  onChange: (value: GatewayId | '') => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <FilterSelect
      name="gateway"
      label={t('onlinePayments.fields.gateway')}
      value={value}
      onChange={onChange}
      allLabel={t('onlinePayments.allGateways')}
      options={GATEWAYS.map((gateway) => ({ value: gateway, label: t(`gateway.name.${gateway}`) }))}
    />
  );
}
