import type { PortalCheckout } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../components/alert';
import { CopyButton } from '../components/copy-button';
import { CheckIcon } from '../components/icons';
import { Spinner } from '../components/spinner';
import type { CheckoutView } from './checkout-status';
import { Countdown } from './countdown';
import { PayOnline } from './pay-online';
import { QrCode } from './qr-code';

const LINK_BUTTON =
  'inline-flex h-10 items-center justify-center rounded-md px-4 text-sm font-medium shadow-sm';
const PRIMARY = `${LINK_BUTTON} bg-brand-700 text-white hover:bg-brand-800 dark:bg-brand-600 dark:hover:bg-brand-500`;
const SECONDARY = `${LINK_BUTTON} border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800`;

/** How to pay a checkout that is still open: the code to pay, the payment page, the time left. */
export function WaitingPanel({ checkout }: { checkout: PortalCheckout }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="space-y-4 p-4">
      <div
        role="status"
        className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-300"
      >
        <Spinner className="size-3.5 text-brand-600" />
        <span>
          {checkout.status === 'creating'
            ? t('portal.checkout.preparing')
            : checkout.status === 'challenge'
              ? t('portal.checkout.challenge')
              : t('portal.checkout.waitingHint')}
        </span>
      </div>
      {checkout.payCode && (
        <div className="space-y-1.5">
          <p className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
            {t('portal.checkout.payCode')}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <span
              data-pay-code
              className="min-w-0 rounded-md bg-zinc-100 px-3 py-2 font-mono text-xl font-semibold tracking-wider break-all dark:bg-zinc-800"
            >
              {checkout.payCode}
            </span>
            <CopyButton text={checkout.payCode} />
          </div>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {t('portal.checkout.payCodeHint')}
          </p>
        </div>
      )}
      {checkout.qrString && (
        <div className="space-y-1.5">
          <QrCode text={checkout.qrString} label={t('portal.checkout.qrLabel')} />
          <p className="text-center text-sm">{t('portal.checkout.qrScan')}</p>
          <details className="text-xs">
            <summary className="cursor-pointer text-zinc-500 select-none dark:text-zinc-400">
              {t('portal.checkout.qrText')}
            </summary>
            <div className="mt-2 flex flex-wrap items-start gap-2">
              <code data-qr-string className="min-w-0 flex-1 font-mono break-all">
                {checkout.qrString}
              </code>
              <CopyButton text={checkout.qrString} />
            </div>
          </details>
        </div>
      )}
      {checkout.redirectUrl && (
        <a
          href={checkout.redirectUrl}
          data-action="open-payment-page"
          className={`${PRIMARY} w-full`}
        >
          {t('portal.checkout.openPaymentPage')}
        </a>
      )}
      {checkout.expiresAt && <Countdown expiresAt={checkout.expiresAt} />}
    </div>
  );
}

function BackLinks(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap gap-2">
      <Link to="/portal/invoices" className={PRIMARY} data-action="back-to-invoices">
        {t('portal.checkout.toInvoices')}
      </Link>
      <Link to="/portal/payments" className={SECONDARY}>
        {t('portal.checkout.toPayments')}
      </Link>
    </div>
  );
}

/** The end of a checkout: paid (with the receipt), failed or expired (try again), refunded. */
export function OutcomePanel({
  checkout,
  view,
}: {
  checkout: PortalCheckout;
  view: Exclude<CheckoutView, 'waiting'>;
}): React.JSX.Element {
  const { t } = useTranslation();
  if (view === 'paid' || view === 'processing') {
    return (
      <div className="space-y-4 p-4">
        <div className="flex flex-col items-center gap-2 py-2 text-center">
          <span className="flex size-12 items-center justify-center rounded-full bg-emerald-100 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300">
            <CheckIcon width={28} height={28} />
          </span>
          <p className="text-lg font-semibold">{t('portal.checkout.paidTitle')}</p>
          {view === 'paid' ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-300">
              {t('portal.checkout.receipt')}{' '}
              <span data-receipt-number className="font-mono font-semibold">
                {checkout.paymentNumber}
              </span>
            </p>
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-300">
              {t('portal.checkout.processing')}
            </p>
          )}
          <p className="text-sm text-zinc-500 dark:text-zinc-400">
            {t('portal.checkout.paidHint')}
          </p>
        </div>
        <BackLinks />
      </div>
    );
  }
  if (view === 'refunded') {
    return (
      <div className="space-y-4 p-4">
        <Alert tone="info" title={t('portal.checkout.refundedTitle')}>
          {t('portal.checkout.refundedHint')}
        </Alert>
        <BackLinks />
      </div>
    );
  }
  return (
    <div className="space-y-4 p-4">
      <Alert tone="warning" title={t(`portal.checkout.${view}Title`)}>
        {t(`portal.checkout.${view}Hint`)}
      </Alert>
      <PayOnline
        invoiceIds={checkout.invoices.map((invoice) => invoice.id)}
        label={t('portal.checkout.tryAgain')}
      />
      <Link
        to="/portal/invoices"
        className="block text-center text-sm text-brand-700 hover:underline dark:text-brand-400"
      >
        {t('portal.checkout.toInvoices')}
      </Link>
    </div>
  );
}
