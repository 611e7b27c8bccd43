import type { InvoiceStatus } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';

const TONE = {
  draft: 'neutral',
  issued: 'brand',
  partially_paid: 'warning',
  paid: 'success',
  void: 'neutral',
  overdue: 'danger',
} as const;

export const INVOICE_STATUSES: readonly InvoiceStatus[] = [
  'draft',
  'issued',
  'partially_paid',
  'overdue',
  'paid',
  'void',
];

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <span data-status={status}>
      <Badge tone={TONE[status]}>{t(`invoices.status.${status}`)}</Badge>
    </span>
  );
}
