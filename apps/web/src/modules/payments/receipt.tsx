import type { PaymentWithAllocations } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '../../components/badge';
import { ApiFileLink } from '../../components/link-button';
import { Money } from '../../components/money';
import { Facts } from '../../components/section';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { receiptPath } from './api';

/** "Print receipt" links: a thermal slip (58 mm) and an A4 PDF. */
export function ReceiptLinks({ id }: { id: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap gap-2" data-testid="receipt-links">
      <ApiFileLink
        path={receiptPath(id)}
        query={{ format: 'thermal58' }}
        newTab
        data-receipt="thermal58"
      >
        {t('payments.receipt.thermal58')}
      </ApiFileLink>
      <ApiFileLink path={receiptPath(id)} query={{ format: 'a4' }} newTab data-receipt="a4">
        {t('payments.receipt.a4')}
      </ApiFileLink>
    </div>
  );
}

export function PaymentStatusBadge({
  status,
}: {
  status: PaymentWithAllocations['status'];
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <span data-status={status}>
      <Badge tone={status === 'completed' ? 'success' : 'neutral'}>
        {t(`payments.status.${status}`)}
      </Badge>
    </span>
  );
}

/** What a payment was and where the money went. */
export function Receipt({ payment }: { payment: PaymentWithAllocations }): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <div data-testid="receipt" data-payment={payment.number}>
      <Facts
        items={[
          [t('payments.fields.number'), <span className="font-mono">{payment.number}</span>],
          [
            t('payments.fields.customer'),
            <Link
              to={`/customers/${payment.customerId}`}
              className="text-brand-700 hover:underline dark:text-brand-300"
            >
              {payment.customerName}
            </Link>,
          ],
          [t('payments.fields.amount'), <Money amount={payment.amount} />],
          [t('payments.fields.method'), t(`payments.method.${payment.method}`)],
          [t('payments.fields.receivedAt'), formatDateTime(payment.receivedAt, locale)],
          [t('payments.fields.cashier'), payment.cashierName ?? '—'],
          [t('payments.fields.credited'), <Money amount={payment.credited} />],
          [t('payments.fields.status'), <PaymentStatusBadge status={payment.status} />],
          ...(payment.reference
            ? ([[t('payments.fields.reference'), payment.reference]] as [string, string][])
            : []),
        ]}
      />
      {payment.allocations.length > 0 && (
        <ul className="space-y-1 border-t border-zinc-200 px-4 py-3 text-sm dark:border-zinc-800">
          {payment.allocations.map((allocation) => (
            <li key={allocation.id} className="flex justify-between gap-3">
              <Link
                to={`/invoices/${allocation.invoiceId}`}
                className="font-mono text-xs text-brand-700 hover:underline dark:text-brand-300"
              >
                {allocation.invoiceNumber ?? allocation.invoiceId}
              </Link>
              <Money
                amount={allocation.amount}
                className={allocation.reversedAt ? 'line-through' : ''}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
