import type { GatewayId } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterBar } from '../../components/paged-table';
import { GatewayFilter } from './transactions-tab';
import { TransactionsTable } from './transactions-table';

/** The quarantine queue: transactions finance must apply or close by hand. */
export function ReviewTab(): React.JSX.Element {
  const { t } = useTranslation();
  const [gateway, setGateway] = useState<GatewayId | ''>('');
  return (
    <>
      <p className="px-4 pt-3 text-sm text-zinc-500 dark:text-zinc-400">
        {t('onlinePayments.reviewHint')}
      </p>
      <FilterBar className="lg:grid-flow-row lg:grid-cols-4">
        <GatewayFilter value={gateway} onChange={setGateway} />
      </FilterBar>
      <TransactionsTable
        filters={{ gateway, review: true }}
        emptyTitle={t('onlinePayments.reviewEmpty')}
      />
    </>
  );
}
