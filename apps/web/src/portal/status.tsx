import type { InvoiceStatus, PortalSubscription } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Badge } from '../components/badge';

type Tone = 'neutral' | 'brand' | 'success' | 'warning' | 'danger';

const INVOICE_TONES: Record<InvoiceStatus, Tone> = {
  draft: 'neutral',
  issued: 'brand',
  partially_paid: 'warning',
  paid: 'success',
  void: 'neutral',
  overdue: 'danger',
};

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }): React.JSX.Element {
  const { t } = useTranslation();
  return <Badge tone={INVOICE_TONES[status]}>{t(`portal.invoiceStatus.${status}`)}</Badge>;
}

const SERVICE_TONES: Record<PortalSubscription['status'], Tone> = {
  pending: 'neutral',
  active: 'success',
  isolated: 'danger',
  suspended: 'warning',
  terminated: 'neutral',
};

export function ServiceStatusBadge({
  status,
}: {
  status: PortalSubscription['status'];
}): React.JSX.Element {
  const { t } = useTranslation();
  return <Badge tone={SERVICE_TONES[status]}>{t(`portal.serviceStatus.${status}`)}</Badge>;
}

/** Open invoices: the ones a customer can still pay. */
export function isOpen(status: InvoiceStatus): boolean {
  return status === 'issued' || status === 'partially_paid' || status === 'overdue';
}
