import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FilterInput, FilterSelect } from '../../components/filters';
import { ApiFileLink } from '../../components/link-button';
import { Card, PageHeader } from '../../components/page';
import { FilterBar } from '../../components/paged-table';
import { TabBar } from '../../components/tab-bar';
import { can, useCurrentUser } from '../../lib/session';
import type { PaymentFilters } from './api';
import { CashReport } from './cash-report';
import { PaymentsTable } from './payments-table';
import { RecordPayment } from './record-payment';

type Tab = 'payments' | 'cash';

/** The cashier: record a payment (finance/owner/admin), the payments list, the daily cash report. */
export function PaymentsPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params] = useSearchParams();
  const [tab, setTab] = useState<Tab>('payments');
  const [status, setStatus] = useState<PaymentFilters['status']>('');
  const [method, setMethod] = useState<PaymentFilters['method']>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const canRecord = can(me, 'payments:write');

  return (
    <>
      <PageHeader title={t('payments.title')} description={t('payments.description')} />
      <div className="space-y-4">
        {canRecord && (
          <Card>
            <RecordPayment
              initialCustomerId={params.get('customerId')}
              initialInvoiceId={params.get('invoiceId')}
            />
          </Card>
        )}
        <Card>
          <TabBar
            label={t('payments.title')}
            value={tab}
            onChange={setTab}
            tabs={(['payments', 'cash'] as const).map((value) => ({
              value,
              label: t(`payments.tabs.${value}`),
            }))}
            className="px-3 pt-2"
          />
          {tab === 'payments' ? (
            <>
              <FilterBar>
                <FilterSelect
                  name="status"
                  label={t('payments.fields.status')}
                  value={status ?? ''}
                  onChange={setStatus}
                  allLabel={t('payments.allStatuses')}
                  options={(['completed', 'reversed'] as const).map((value) => ({
                    value,
                    label: t(`payments.status.${value}`),
                  }))}
                />
                <FilterSelect
                  name="method"
                  label={t('payments.fields.method')}
                  value={method ?? ''}
                  onChange={setMethod}
                  allLabel={t('payments.allMethods')}
                  options={(['cash', 'transfer', 'gateway'] as const).map((value) => ({
                    value,
                    label: t(`payments.method.${value}`),
                  }))}
                />
                <FilterInput
                  label={t('payments.from')}
                  type="date"
                  value={from}
                  onChange={(event) => setFrom(event.target.value)}
                />
                <FilterInput
                  label={t('payments.to')}
                  type="date"
                  value={to}
                  onChange={(event) => setTo(event.target.value)}
                />
              </FilterBar>
              <div className="flex justify-end px-3 pt-3">
                <ApiFileLink
                  path="/payments/export.csv"
                  query={{ status, method, from, to }}
                  download
                  data-csv="payments"
                >
                  {t('billingCommon.csv')}
                </ApiFileLink>
              </div>
              <PaymentsTable filters={{ status, method, from, to }} />
            </>
          ) : (
            <CashReport />
          )}
        </Card>
      </div>
    </>
  );
}
