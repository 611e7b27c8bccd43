import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { cx } from '../../components/cx';
import { CloseIcon } from '../../components/icons';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import type { ArrivedAlert } from './live-cache';
import { SeverityBadge } from './status';

const EDGE = {
  critical: 'border-l-red-500',
  warning: 'border-l-amber-500',
  info: 'border-l-sky-500',
} as const;

/** Alerts that arrived while the page was open, newest first, until dismissed. */
export function LiveAlerts({
  alerts,
  onDismiss,
}: {
  alerts: readonly ArrivedAlert[];
  onDismiss: (id: string) => void;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (alerts.length === 0) return null;
  return (
    <section aria-label={t('monitoring.liveAlerts')} aria-live="polite" className="mb-4 space-y-2">
      {alerts.map(({ alert }) => (
        <div
          key={alert.id}
          data-testid="live-alert"
          data-alert={alert.id}
          data-severity={alert.severity}
          data-status={alert.status}
          className={cx(
            'flex items-start gap-3 rounded-md border border-l-4 border-zinc-200 bg-white px-3 py-2 shadow-sm dark:border-zinc-800 dark:bg-zinc-900',
            EDGE[alert.severity],
          )}
        >
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-2">
              <SeverityBadge severity={alert.severity} />
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                {t(`monitoring.liveAlertStatus.${alert.status}`)} ·{' '}
                {formatDateTime(
                  alert.resolvedAt ?? alert.lastTriggeredAt ?? alert.openedAt,
                  locale,
                )}
              </span>
            </div>
            <Link
              to={`/alerts?id=${encodeURIComponent(alert.id)}`}
              className="mt-0.5 block font-medium break-words hover:underline"
            >
              {alert.title}
            </Link>
          </div>
          <button
            type="button"
            onClick={() => onDismiss(alert.id)}
            aria-label={t('monitoring.dismiss')}
            className="-m-1 rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          >
            <CloseIcon />
          </button>
        </div>
      ))}
    </section>
  );
}
