import type { PortalCheckout } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AmountList } from './amount-list';

/** What the checkout pays: the invoices, their amount, the fee and the total. */
export function CheckoutAmounts({ checkout }: { checkout: PortalCheckout }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <AmountList
      rows={[
        ['amount', t('portal.checkout.amount'), checkout.amount],
        ['fee', t('portal.checkout.fee'), checkout.fee],
      ]}
      total={['total', t('portal.checkout.total'), checkout.total]}
    >
      <div className="flex justify-between gap-4">
        <dt className="text-zinc-500 dark:text-zinc-400">{t('portal.checkout.invoices')}</dt>
        <dd className="flex flex-wrap justify-end gap-x-2 text-right">
          {checkout.invoices.map((invoice) => (
            <Link
              key={invoice.id}
              to={`/portal/invoices/${invoice.id}`}
              className="font-medium text-brand-700 hover:underline dark:text-brand-400"
            >
              {invoice.number ?? t('portal.checkout.invoice')}
            </Link>
          ))}
        </dd>
      </div>
    </AmountList>
  );
}
