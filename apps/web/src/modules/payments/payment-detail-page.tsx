import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Card, PageHeader } from '../../components/page';
import { QueryState } from '../../components/paged-table';
import { ReasonDialog } from '../../components/reason-dialog';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { can, useCurrentUser } from '../../lib/session';
import { usePayment, useReversePayment } from './api';
import { Receipt, ReceiptLinks } from './receipt';

export function PaymentDetailPage(): React.JSX.Element {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useCurrentUser();
  const payment = usePayment(id);
  const reverse = useReversePayment(id);
  const [reversing, setReversing] = useState(false);
  const p = payment.data;
  return (
    <>
      <PageHeader
        title={p?.number ?? t('payments.title')}
        actions={
          p && (
            <>
              <ReceiptLinks id={p.id} />
              {can(me, 'payments:write') && p.status === 'completed' && (
                <Button variant="danger" onClick={() => setReversing(true)}>
                  {t('payments.reverse')}
                </Button>
              )}
            </>
          )
        }
      />
      <QueryState
        pending={payment.isPending}
        error={payment.isError ? payment.error : null}
        empty={false}
        emptyTitle=""
      >
        {p && (
          <div className="space-y-4">
            {p.status === 'reversed' && (
              <Alert tone="warning" title={t('payments.reversedNote')}>
                {p.reversalReason} · {formatDateTime(p.reversedAt, currentLocale())}
              </Alert>
            )}
            <Card>
              <Receipt payment={p} />
            </Card>
          </div>
        )}
      </QueryState>
      <ReasonDialog
        name="reverse-payment"
        open={reversing}
        onClose={() => setReversing(false)}
        title={t('payments.reverseTitle', { number: p?.number ?? '' })}
        description={t('payments.reverseHint')}
        submitLabel={t('payments.reverse')}
        mutation={reverse}
      />
    </>
  );
}
