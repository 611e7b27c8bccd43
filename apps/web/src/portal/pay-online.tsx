import { useTranslation } from 'react-i18next';
import { Button } from '../components/button';
import { Card } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { formatRupiah } from '../lib/network-format';
import { ChannelChooser } from './channel-chooser';
import { checkoutProblem } from './checkout-errors';
import { useCheckoutFlow, type CheckoutFlow } from './use-checkout-flow';

/** Said instead of a pay button: `data-online-payment` tells which case it is. */
function CalmNote({
  state,
  children,
}: {
  state: 'off' | 'nothing-due';
  children: string;
}): React.JSX.Element {
  return (
    <p data-online-payment={state} className="text-center text-sm text-zinc-600 dark:text-zinc-300">
      {children}
    </p>
  );
}

/** The chooser of a flow, once its options are there. */
function FlowChooser({ flow }: { flow: CheckoutFlow }): React.JSX.Element | null {
  if (!flow.options.data) return null;
  return (
    <ChannelChooser
      open={flow.open}
      onClose={() => flow.setOpen(false)}
      options={flow.options.data}
      choosing={flow.choosing}
      onChoose={flow.choose}
      error={flow.error}
    />
  );
}

/**
 * "Pay online" for some invoices (one on the invoice page; the failed checkout's on retry). When
 * the operator has not set up a gateway it says so calmly instead.
 */
export function PayOnline({
  invoiceIds,
  label,
}: {
  invoiceIds: readonly string[];
  label: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const flow = useCheckoutFlow(invoiceIds);
  const { data, error, isPending } = flow.options;
  const nothingDue =
    (data && BigInt(data.amount) <= 0n) || checkoutProblem(error) === 'nothingToPay';
  if (nothingDue) {
    return <CalmNote state="nothing-due">{t('portal.pay.errors.nothingToPay')}</CalmNote>;
  }
  if (error) return <ProblemAlert error={error} />;
  if (data?.gateways.length === 0) {
    return <CalmNote state="off">{t('portal.pay.notSetUp')}</CalmNote>;
  }
  return (
    <>
      <Button
        variant="primary"
        className="h-11 w-full text-base"
        data-action="pay"
        loading={isPending}
        onClick={() => flow.setOpen(true)}
      >
        {label}
      </Button>
      <FlowChooser flow={flow} />
    </>
  );
}

/**
 * "Pay all outstanding" on the dashboard and the invoice list: shown only when more than one
 * invoice is open and online payment is set up.
 */
export function PayAllOutstanding({
  enabled = true,
}: {
  enabled?: boolean;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const flow = useCheckoutFlow(null, enabled);
  const data = flow.options.data;
  if (!enabled || !data || data.invoices.length < 2 || data.gateways.length === 0) return null;
  return (
    <Card className="space-y-2 p-4">
      <Button
        variant="primary"
        className="h-11 w-full text-base"
        data-action="pay-all"
        onClick={() => flow.setOpen(true)}
      >
        {t('portal.pay.payAll', { amount: formatRupiah(data.amount) })}
      </Button>
      <p className="text-center text-xs text-zinc-500 dark:text-zinc-400">
        {t('portal.pay.payAllHint', { count: data.invoices.length })}
      </p>
      <FlowChooser flow={flow} />
    </Card>
  );
}
