import type { GatewayTransactionDetail } from '@jaring/contracts';
import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { ReasonDialog } from '../../components/reason-dialog';
import { useReviewAction } from './api';

type ReviewAction = 'apply' | 'dismiss';

/**
 * "Check status", and for a transaction held for review without a payment: "Apply" (records what
 * the gateway received) and "Dismiss review". Only for users who may move money.
 */
export function TransactionActions({
  tx,
  check,
}: {
  tx: GatewayTransactionDetail;
  /** Shared with the page, which shows its result. */
  check: UseMutationResult<GatewayTransactionDetail, Error, void>;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ReviewAction | null>(null);
  const apply = useReviewAction(tx.id, 'apply');
  const dismiss = useReviewAction(tx.id, 'dismiss');
  const canApply = tx.review !== null && tx.paymentId === null;
  return (
    <>
      <Button data-action="check" loading={check.isPending} onClick={() => check.mutate()}>
        {t('onlinePayments.actions.check')}
      </Button>
      {canApply && (
        <Button variant="primary" data-action="apply" onClick={() => setOpen('apply')}>
          {t('onlinePayments.actions.apply')}
        </Button>
      )}
      {tx.review !== null && (
        <Button data-action="dismiss" onClick={() => setOpen('dismiss')}>
          {t('onlinePayments.actions.dismiss')}
        </Button>
      )}
      <ReasonDialog
        name="apply-transaction"
        open={open === 'apply'}
        onClose={() => setOpen(null)}
        tone="primary"
        title={t('onlinePayments.actions.applyTitle', { order: tx.orderId })}
        description={t('onlinePayments.actions.applyHint')}
        submitLabel={t('onlinePayments.actions.apply')}
        label={t('onlinePayments.actions.note')}
        mutation={apply}
      />
      <ReasonDialog
        name="dismiss-review"
        open={open === 'dismiss'}
        onClose={() => setOpen(null)}
        tone="primary"
        title={t('onlinePayments.actions.dismissTitle', { order: tx.orderId })}
        description={t('onlinePayments.actions.dismissHint')}
        submitLabel={t('onlinePayments.actions.dismiss')}
        label={t('onlinePayments.actions.note')}
        mutation={dismiss}
      />
    </>
  );
}
