import type { AlertSeverity, AlertStatus, RouterStatus } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../components/badge';
import { cx } from '../../components/cx';

const DOT: Record<RouterStatus, string> = {
  up: 'bg-emerald-500',
  down: 'bg-red-500',
  unknown: 'bg-zinc-400 dark:bg-zinc-500',
};

export function StatusDot({
  status,
  className,
}: {
  status: RouterStatus;
  className?: string;
}): React.JSX.Element {
  return (
    <span
      aria-hidden="true"
      className={cx('inline-block size-2.5 shrink-0 rounded-full', DOT[status], className)}
    />
  );
}

const STATUS_TEXT: Record<RouterStatus, string> = {
  up: 'text-emerald-700 dark:text-emerald-300',
  down: 'text-red-700 dark:text-red-300',
  unknown: 'text-zinc-500 dark:text-zinc-400',
};

/**
 * A router's status as a dot and the status word. The word is the API's (`up`, `down`,
 * `unknown`), which network staff read the same in both languages and e2e tests match on
 * (`router-status-<id>`); the localised sentence is its title.
 */
export function RouterStatusLabel({
  routerId,
  status,
}: {
  routerId: string;
  status: RouterStatus;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <span
      className="inline-flex items-center gap-1.5"
      title={t(`monitoring.status.${status}`)}
      data-status={status}
    >
      <StatusDot
        status={status}
        className={status === 'down' ? 'ring-4 ring-red-500/20' : undefined}
      />
      <span
        data-testid={`router-status-${routerId}`}
        className={cx('font-mono text-xs font-semibold', STATUS_TEXT[status])}
      >
        {status}
      </span>
    </span>
  );
}

const SEVERITY_TONE: Record<AlertSeverity, BadgeTone> = {
  critical: 'danger',
  warning: 'warning',
  info: 'brand',
};

export function SeverityBadge({ severity }: { severity: AlertSeverity }): React.JSX.Element {
  const { t } = useTranslation();
  return <Badge tone={SEVERITY_TONE[severity]}>{t(`alerts.severity.${severity}`)}</Badge>;
}

const ALERT_STATUS_TONE: Record<AlertStatus, BadgeTone> = {
  open: 'danger',
  acknowledged: 'warning',
  resolved: 'success',
};

export function AlertStatusBadge({ status }: { status: AlertStatus }): React.JSX.Element {
  const { t } = useTranslation();
  return <Badge tone={ALERT_STATUS_TONE[status]}>{t(`alerts.status.${status}`)}</Badge>;
}
