import type { Payment } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../components/button';
import { Money } from '../../components/money';
import { PagedTable, type Column } from '../../components/paged-table';
import { ReasonDialog } from '../../components/reason-dialog';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { can, useCurrentUser } from '../../lib/session';
import { usePayments, useReversePayment, type PaymentFilters } from './api';
import { PaymentStatusBadge } from './receipt';

function ReverseDialog({
  payment,
  onClose,
}: {
  payment: Payment | null;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const reverse = useReversePayment(payment?.id ?? '');
  return (
    <ReasonDialog
      name="reverse-payment"
      open={payment !== null}
      onClose={onClose}
      title={t('payments.reverseTitle', { number: payment?.number ?? '' })}
      description={t('payments.reverseHint')}
      submitLabel={t('payments.reverse')}
      mutation={reverse}
    />
  );
}

/** Payments as a paged table, with "Reverse" for those who may move money. */
export function PaymentsTable({
  filters,
  withCustomer = true,
}: {
  filters: PaymentFilters;
  withCustomer?: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const locale = currentLocale();
  const payments = usePayments(filters);
  const [reversing, setReversing] = useState<Payment | null>(null);
  const canReverse = can(me, 'payments:write');
  const columns: (Column<Payment> | false)[] = [
    {
      key: 'number',
      header: t('payments.fields.number'),
      cell: (p) => (
        <Link
          to={`/payments/${p.id}`}
          className="font-mono text-xs font-medium whitespace-nowrap text-brand-700 hover:underline dark:text-brand-300"
        >
          {p.number}
        </Link>
      ),
    },
    withCustomer && {
      key: 'customer',
      header: t('payments.fields.customer'),
      cell: (p) => (
        <Link to={`/customers/${p.customerId}`} className="hover:underline">
          {p.customerName}
          <span className="block font-mono text-xs text-zinc-500">{p.customerNumber}</span>
        </Link>
      ),
    },
    {
      key: 'received',
      header: t('payments.fields.receivedAt'),
      className: 'hidden sm:table-cell text-xs',
      cell: (p) => formatDateTime(p.receivedAt, locale),
    },
    {
      key: 'method',
      header: t('payments.fields.method'),
      className: 'hidden md:table-cell',
      cell: (p) => t(`payments.method.${p.method}`),
    },
    {
      key: 'cashier',
      header: t('payments.fields.cashier'),
      className: 'hidden lg:table-cell',
      cell: (p) => p.cashierName ?? p.channel ?? '—',
    },
    {
      key: 'status',
      header: t('payments.fields.status'),
      cell: (p) => <PaymentStatusBadge status={p.status} />,
    },
    {
      key: 'amount',
      header: t('payments.fields.amount'),
      numeric: true,
      cell: (p) => <Money amount={p.amount} />,
    },
    canReverse && {
      key: 'actions',
      header: <span className="sr-only">{t('common.actions')}</span>,
      numeric: true,
      cell: (p) =>
        p.status === 'completed' && (
          <Button size="sm" variant="ghost" data-action="reverse" onClick={() => setReversing(p)}>
            {t('payments.reverse')}
          </Button>
        ),
    },
  ];
  return (
    <>
      <PagedTable
        label={t('payments.title')}
        query={payments}
        columns={columns.filter((c): c is Column<Payment> => c !== false)}
        rowKey={(p) => p.id}
        rowProps={(p) => ({ 'data-payment': p.number })}
        emptyTitle={t('payments.empty')}
      />
      <ReverseDialog payment={reversing} onClose={() => setReversing(null)} />
    </>
  );
}
