import type { GatewayTxStatus } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from './badge';

const TONE: Record<GatewayTxStatus, BadgeTone> = {
  creating: 'neutral',
  pending: 'brand',
  challenge: 'warning',
  paid: 'success',
  failed: 'danger',
  expired: 'neutral',
  refunded: 'warning',
  partially_refunded: 'warning',
};

/** An online payment's status, the same words for staff and customers. */
export function GatewayStatusBadge({ status }: { status: GatewayTxStatus }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <span data-status={status}>
      <Badge tone={TONE[status]}>{t(`gateway.status.${status}`)}</Badge>
    </span>
  );
}
