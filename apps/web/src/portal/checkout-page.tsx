import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { GatewayStatusBadge } from '../components/gateway-status-badge';
import { Card, PageHeader } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { PageSpinner } from '../components/spinner';
import { CheckoutAmounts } from './checkout-amounts';
import { useCheckPortalCheckout, usePortalCheckout, useRefreshAfterPayment } from './checkout-api';
import { OutcomePanel, WaitingPanel } from './checkout-panels';
import { checkoutView, isAwaitingPayment } from './checkout-status';

/** A checkout just made in this tab: nothing to ask the gateway yet. */
function isFresh(state: unknown): boolean {
  return typeof state === 'object' && state !== null && 'fresh' in state && state.fresh === true;
}

/**
 * One online payment (`/portal/checkouts/:id`), also where the gateways send the customer back.
 * While it is open the page asks for news every few seconds; coming back from a payment page, it
 * asks the gateway itself once.
 */
export function CheckoutPage(): React.JSX.Element {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const query = usePortalCheckout(id);
  const { mutate: checkNow } = useCheckPortalCheckout(id);
  const refresh = useRefreshAfterPayment();
  const checked = useRef(isFresh(location.state));
  const status = query.data?.status;
  const view = query.data ? checkoutView(query.data) : null;

  useEffect(() => {
    if (checked.current || !status || !isAwaitingPayment(status)) return;
    checked.current = true;
    checkNow();
  }, [status, checkNow]);

  useEffect(() => {
    if (view === 'paid' || view === 'processing') refresh();
  }, [view, refresh]);

  if (query.isPending) return <PageSpinner label={t('common.loading')} />;
  if (query.error) {
    return (
      <div className="space-y-3">
        <PageHeader title={t('portal.checkout.notFound')} />
        <ProblemAlert error={query.error} />
        <Link to="/portal/invoices" className="text-sm font-medium text-brand-700 hover:underline">
          {t('portal.checkout.toInvoices')}
        </Link>
      </div>
    );
  }
  const checkout = query.data;
  const current = checkoutView(checkout);
  return (
    <div
      className="space-y-4"
      data-checkout-status={checkout.status}
      data-checkout={checkout.orderId}
    >
      <PageHeader
        title={t(`portal.checkout.title.${current}`)}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <GatewayStatusBadge status={checkout.status} />
            <span className="font-mono text-xs">{checkout.orderId}</span>
          </span>
        }
      />
      <p role="status" className="sr-only">
        {t(`portal.checkout.title.${current}`)}
      </p>
      <Card>
        {current === 'waiting' ? (
          <WaitingPanel checkout={checkout} />
        ) : (
          <OutcomePanel checkout={checkout} view={current} />
        )}
      </Card>
      <Card>
        <CheckoutAmounts checkout={checkout} />
      </Card>
    </div>
  );
}
