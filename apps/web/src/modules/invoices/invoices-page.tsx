import type { Customer, Invoice, InvoiceListItem } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../components/button';
import { CustomerPicker } from '../../components/customer-picker';
import { FilterInput, FilterSelect } from '../../components/filters';
import { PlusIcon } from '../../components/icons';
import { ApiFileLink } from '../../components/link-button';
import { Money } from '../../components/money';
import { Card, PageHeader } from '../../components/page';
import { FilterBar, PagedTable, type Column } from '../../components/paged-table';
import { formatDate } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { can, useCurrentUser } from '../../lib/session';
import { useInvoices, type InvoiceFilters } from './api';
import { CustomerName } from './customer-name';
import { ManualInvoiceDialog } from './manual-invoice-dialog';
import { RunInvoicesDialog } from './run-invoices-dialog';
import { INVOICE_STATUSES, InvoiceStatusBadge } from './status';

/** `2026-11-01 – 2026-11-30` as two short dates. */
export function periodText(invoice: Pick<Invoice, 'periodStart' | 'periodEnd'>): string {
  if (!invoice.periodStart || !invoice.periodEnd) return '—';
  const locale = currentLocale();
  return `${formatDate(invoice.periodStart, locale)} – ${formatDate(invoice.periodEnd, locale)}`;
}

/** The invoice columns shared by this page and the customer's billing section. */
export function useInvoiceColumns(withCustomer: boolean): Column<InvoiceListItem>[] {
  const { t } = useTranslation();
  const locale = currentLocale();
  const columns: (Column<InvoiceListItem> | false)[] = [
    {
      key: 'number',
      header: t('invoices.fields.number'),
      cell: (invoice) => (
        <Link
          to={`/invoices/${invoice.id}`}
          className="font-mono text-xs font-medium text-brand-700 hover:underline dark:text-brand-300"
        >
          {invoice.number ?? t('invoices.status.draft')}
        </Link>
      ),
    },
    withCustomer && {
      key: 'customer',
      header: t('invoices.fields.customer'),
      cell: (invoice) => (
        <CustomerName
          id={invoice.customerId}
          name={invoice.customerName}
          number={invoice.customerNumber}
        />
      ),
    },
    {
      key: 'period',
      header: t('invoices.fields.period'),
      className: 'hidden md:table-cell text-xs',
      cell: periodText,
    },
    {
      key: 'due',
      header: t('invoices.fields.dueDate'),
      className: 'hidden sm:table-cell text-xs',
      cell: (invoice) => formatDate(invoice.dueDate, locale),
    },
    {
      key: 'status',
      header: t('invoices.fields.status'),
      cell: (invoice) => <InvoiceStatusBadge status={invoice.status} />,
    },
    {
      key: 'total',
      header: t('invoices.fields.total'),
      numeric: true,
      cell: (invoice) => <Money amount={invoice.total} />,
    },
    {
      key: 'balance',
      header: t('invoices.fields.balanceDue'),
      numeric: true,
      className: 'hidden sm:table-cell',
      cell: (invoice) => <Money amount={invoice.balanceDue} />,
    },
  ];
  return columns.filter((column): column is Column<InvoiceListItem> => column !== false);
}

export function InvoicesPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [status, setStatus] = useState<InvoiceFilters['status']>('');
  const [period, setPeriod] = useState('');
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [running, setRunning] = useState(false);
  const [creating, setCreating] = useState(false);
  const invoices = useInvoices({ status, period, customerId: customer?.id ?? '' });
  const columns = useInvoiceColumns(true);

  return (
    <>
      <PageHeader
        title={t('invoices.title')}
        description={t('invoices.description')}
        actions={
          <>
            <ApiFileLink
              path="/invoices/export.csv"
              query={{ status, period, customerId: customer?.id }}
              download
              data-csv="invoices"
            >
              {t('billingCommon.csv')}
            </ApiFileLink>
            {can(me, 'invoices:write') && (
              <>
                <Button onClick={() => setCreating(true)}>{t('invoices.manual.open')}</Button>
                <Button variant="primary" onClick={() => setRunning(true)}>
                  <PlusIcon /> {t('invoices.run.open')}
                </Button>
              </>
            )}
          </>
        }
      />
      <Card>
        <FilterBar className="lg:grid-cols-[1fr_12rem_14rem] lg:grid-flow-row">
          <CustomerPicker
            label={t('invoices.filters.customer')}
            value={customer}
            onChange={setCustomer}
          />
          <FilterSelect
            name="status"
            label={t('invoices.filters.status')}
            value={status}
            onChange={setStatus}
            allLabel={t('invoices.filters.allStatuses')}
            options={INVOICE_STATUSES.map((value) => ({
              value,
              label: t(`invoices.status.${value}`),
            }))}
          />
          <FilterInput
            label={t('invoices.filters.period')}
            type="month"
            name="period"
            value={period}
            onChange={(event) => setPeriod(event.target.value)}
          />
        </FilterBar>
        <PagedTable
          label={t('invoices.title')}
          query={invoices}
          columns={columns}
          rowKey={(invoice) => invoice.id}
          rowProps={(invoice) => ({ 'data-invoice': invoice.number ?? invoice.id })}
          emptyTitle={t('invoices.empty')}
          emptyHint={t('invoices.emptyHint')}
        />
      </Card>
      <RunInvoicesDialog open={running} onClose={() => setRunning(false)} />
      <ManualInvoiceDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
