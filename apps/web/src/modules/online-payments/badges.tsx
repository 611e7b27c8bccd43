import type { GatewayEventOutcome, GatewayReviewReason } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../components/badge';

/** Why a transaction waits for finance. */
export function ReviewBadge({ reason }: { reason: GatewayReviewReason }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <span data-review={reason}>
      <Badge tone={reason === 'amount_mismatch' ? 'danger' : 'warning'}>
        {t(`gateway.review.${reason}`)}
      </Badge>
    </span>
  );
}

const OUTCOME_TONE: Record<GatewayEventOutcome, BadgeTone> = {
  received: 'neutral',
  applied: 'success',
  updated: 'brand',
  duplicate: 'neutral',
  stale: 'neutral',
  quarantined: 'warning',
  reversed: 'warning',
  unknown_order: 'warning',
  rejected: 'danger',
  failed: 'danger',
};

/** What Jaring did with a notification or a status answer. */
export function EventOutcomeBadge({
  outcome,
}: {
  outcome: GatewayEventOutcome;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <span data-outcome={outcome}>
      <Badge tone={OUTCOME_TONE[outcome]}>{t(`gateway.outcome.${outcome}`)}</Badge>
    </span>
  );
}

/** A notification's signature check: verified, forged, or not applicable (status calls). */
export function SignatureBadge({
  verified,
}: {
  verified: boolean | null;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  if (verified === null) return null;
  return (
    <span data-verified={String(verified)}>
      <Badge tone={verified ? 'success' : 'danger'}>
        {t(verified ? 'gateway.signature.valid' : 'gateway.signature.invalid')}
      </Badge>
    </span>
  );
}
