import { useTranslation } from 'react-i18next';
import type { LiveStatus } from '../lib/live-events';
import { cx } from './cx';

const DOT: Record<LiveStatus, string> = {
  connected: 'bg-emerald-500',
  connecting: 'bg-zinc-400 motion-safe:animate-pulse',
  reconnecting: 'bg-amber-500 motion-safe:animate-pulse',
};

/**
 * Whether a page's live updates are flowing. While reconnecting, what the page shows may be
 * stale, so the operator is told rather than left trusting a frozen number.
 */
export function LiveIndicator({
  status,
  className,
}: {
  status: LiveStatus;
  className?: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <span
      aria-live="polite"
      data-status={status}
      title={t(status === 'connected' ? 'live.connectedHint' : 'live.staleHint')}
      className={cx(
        'inline-flex items-center gap-1.5 text-xs font-medium whitespace-nowrap text-zinc-600 dark:text-zinc-400',
        className,
      )}
    >
      <span aria-hidden="true" className={cx('size-2 rounded-full', DOT[status])} />
      {t(`live.${status}`)}
    </span>
  );
}
