import type { Customer, CustomerDunning, InvoiceListItem } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { Money } from '../../components/money';
import { Card } from '../../components/page';
import { PagedTable } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { useApiMutation, usePagedResource } from '../../components/resource';
import { CardHeader } from '../../components/section';
import { can, useCurrentUser } from '../../lib/session';
import { CustomerCharges } from '../invoices/customer-charges';
import { useInvoiceColumns } from '../invoices/invoices-page';
import { ManualInvoiceDialog } from '../invoices/manual-invoice-dialog';
import { CustomerDiscounts } from '../invoices/subscription-discounts';
import { useCustomerCredit } from '../payments/api';
import { CustomerPayments } from '../payments/customer-payments';
import { CustomerMessages } from '../notifications/customer-messages';
import { CustomerOnlinePayments } from '../online-payments/customer-online-payments';

function DunningControls({ customer }: { customer: Customer }): React.JSX.Element {
  const { t } = useTranslation();
  const [exempt, setExempt] = useState(customer.dunningExempt);
  const [until, setUntil] = useState(customer.promiseToPayUntil ?? '');
  const save = useApiMutation<unknown, CustomerDunning>({
    method: 'PUT',
    path: `/customers/${encodeURIComponent(customer.id)}/dunning`,
    invalidates: [`/customers/${customer.id}`],
  });
  return (
    <form
      name="dunning"
      noValidate
      className="flex flex-wrap items-end gap-4 border-t border-zinc-200 p-4 dark:border-zinc-800"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ exempt, promiseToPayUntil: until || null });
      }}
    >
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="exempt"
          checked={exempt}
          onChange={(event) => setExempt(event.target.checked)}
        />
        {t('customerBilling.exempt')}
      </label>
      <TextField
        label={t('customerBilling.promiseToPayUntil')}
        name="promiseToPayUntil"
        type="date"
        value={until}
        onChange={(event) => setUntil(event.target.value)}
        hint={t('customerBilling.promiseHint')}
        containerClassName="w-56"
      />
      <Button type="submit" loading={save.isPending}>
        {t('customerBilling.saveDunning')}
      </Button>
      {save.isSuccess && (
        <span className="text-sm text-emerald-700">{t('customerBilling.dunningSaved')}</span>
      )}
      <ProblemAlert error={save.error} className="w-full" />
    </form>
  );
}

/** Invoices, credit balance, payments and dunning controls of one customer. */
export function CustomerBillingSection({
  customer,
}: {
  customer: Customer;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const canRead = can(me, 'invoices:read');
  const invoices = usePagedResource<InvoiceListItem>(
    '/invoices',
    { customerId: customer.id },
    { pageSize: 10, enabled: canRead },
  );
  const credit = useCustomerCredit(customer.id, can(me, 'payments:read'));
  const columns = useInvoiceColumns(false);
  const [creating, setCreating] = useState(false);
  if (!canRead) return null;
  const canWrite = can(me, 'invoices:write');
  return (
    <Card>
      <CardHeader
        title={t('customerBilling.title')}
        actions={
          <>
            {canWrite && (
              <Button size="sm" onClick={() => setCreating(true)}>
                {t('invoices.manual.open')}
              </Button>
            )}
            {can(me, 'payments:write') && (
              <Button
                size="sm"
                variant="primary"
                onClick={() => void navigate(`/payments?customerId=${customer.id}`)}
              >
                {t('customerBilling.recordPayment')}
              </Button>
            )}
          </>
        }
      />
      {credit.data && (
        // Plain text, not an alert: a status region here would read as "still loading" to tests
        // and screen readers alike.
        <p className="px-4 pt-3 text-sm" data-testid="credit-balance">
          {t('customerBilling.credit')}:{' '}
          <Money
            amount={credit.data.balance}
            className={
              BigInt(credit.data.balance) > 0n
                ? 'font-semibold text-emerald-700 dark:text-emerald-400'
                : 'font-semibold'
            }
          />
        </p>
      )}
      <h3 className="px-4 pt-4 pb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        {t('customerBilling.invoices')}
      </h3>
      <PagedTable
        label={t('customerBilling.invoices')}
        query={invoices}
        columns={columns}
        rowKey={(invoice) => invoice.id}
        rowProps={(invoice) => ({ 'data-invoice': invoice.number ?? invoice.id })}
        emptyTitle={t('invoices.empty')}
      />
      {can(me, 'payments:read') && (
        <>
          <h3 className="px-4 pt-4 pb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
            {t('customerBilling.payments')}
          </h3>
          <CustomerPayments customerId={customer.id} />
          <CustomerOnlinePayments customerId={customer.id} />
        </>
      )}
      <CustomerCharges customerId={customer.id} canWrite={canWrite} />
      <CustomerDiscounts customerId={customer.id} canWrite={canWrite} />
      <CustomerMessages customerId={customer.id} />
      {canWrite && (
        <>
          <h3 className="px-4 pt-4 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
            {t('customerBilling.dunning')}
          </h3>
          <DunningControls customer={customer} />
        </>
      )}
      <ManualInvoiceDialog open={creating} onClose={() => setCreating(false)} customer={customer} />
    </Card>
  );
}
