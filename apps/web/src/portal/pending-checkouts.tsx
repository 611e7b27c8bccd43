import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card } from '../components/page';
import { CardHeader } from '../components/section';
import { formatDateTime } from '../lib/format';
import { currentLocale } from '../lib/i18n';
import { formatRupiah } from '../lib/network-format';
import { useNow } from '../lib/use-now';
import { usePortalCheckouts } from './checkout-api';
import { isAwaitingPayment } from './checkout-status';

/** Online payments started but not finished, each with "Continue payment". Nothing when none. */
export function PendingCheckouts(): React.JSX.Element | null {
  const { t } = useTranslation();
  const locale = currentLocale();
  const checkouts = usePortalCheckouts();
  // Re-checked every half minute, so a checkout drops off the list once its time is up.
  const now = useNow(30_000);
  const pending = (checkouts.data?.pages[0]?.data ?? []).filter(
    (c) => isAwaitingPayment(c.status) && (!c.expiresAt || Date.parse(c.expiresAt) > now),
  );
  if (pending.length === 0) return null;
  return (
    <Card>
      <CardHeader title={t('portal.pendingCheckouts.title')} />
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {pending.map((checkout) => (
          <li
            key={checkout.id}
            data-pending-checkout={checkout.orderId}
            className="flex flex-wrap items-center justify-between gap-3 px-4 py-3"
          >
            <div className="min-w-0">
              <p className="font-medium tabular-nums">{formatRupiah(checkout.total)}</p>
              <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                {checkout.invoices
                  .map((invoice) => invoice.number ?? '')
                  .filter(Boolean)
                  .join(', ')}
                {checkout.expiresAt &&
                  ` · ${t('portal.pendingCheckouts.until', { at: formatDateTime(checkout.expiresAt, locale) })}`}
              </p>
            </div>
            <Link
              to={`/portal/checkouts/${checkout.id}`}
              data-action="continue-payment"
              className="inline-flex h-9 items-center rounded-md bg-brand-700 px-3.5 text-sm font-medium text-white shadow-sm hover:bg-brand-800 dark:bg-brand-600 dark:hover:bg-brand-500"
            >
              {t('portal.pendingCheckouts.continue')}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
