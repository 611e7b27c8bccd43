import type { DeviceMatchState, DeviceTaskStatus } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../components/badge';
import { cx } from '../../components/cx';
import { INTL_LOCALE } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { RX_CLASS_TEXT, deviceRxClass, formatDbm } from './signal';

/** A dot and "online"/"offline": green when the device informed within its window. */
export function DeviceOnline({
  online,
  compact = false,
}: {
  online: boolean;
  /** Only the dot, with the word for screen readers. */
  compact?: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const label = online ? t('devices.status.online') : t('devices.status.offline');
  return (
    <span
      className="inline-flex items-center gap-1.5"
      data-online={online ? 'true' : 'false'}
      title={label}
    >
      <span
        aria-hidden="true"
        className={cx(
          'inline-block size-2.5 shrink-0 rounded-full',
          online ? 'bg-emerald-500' : 'bg-zinc-400 ring-4 ring-zinc-400/20 dark:bg-zinc-500',
        )}
      />
      <span
        className={cx(
          compact && 'sr-only',
          'text-xs font-medium',
          online ? 'text-emerald-700 dark:text-emerald-300' : 'text-zinc-500 dark:text-zinc-400',
        )}
      >
        {label}
      </span>
    </span>
  );
}

/** Optical RX power coloured by how healthy it is; weak follows the operator's threshold. */
export function RxPower({
  dbm,
  weakSignal,
}: {
  dbm: number | null;
  weakSignal: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const found = deviceRxClass(dbm, weakSignal);
  return (
    <span
      data-rx={found}
      title={t(`devices.rx.${found}`)}
      className={cx('font-medium whitespace-nowrap tabular-nums', RX_CLASS_TEXT[found])}
    >
      {formatDbm(dbm, INTL_LOCALE[currentLocale()])}
      {found === 'weak' && <span className="sr-only"> ({t('devices.rx.weak')})</span>}
    </span>
  );
}

const MATCH_TONE: Record<DeviceMatchState, BadgeTone> = {
  matched: 'success',
  manual: 'brand',
  unmatched: 'warning',
  ambiguous: 'warning',
};

export function MatchStateBadge({ state }: { state: DeviceMatchState }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <span data-match={state} title={t(`devices.matchHint.${state}`)}>
      <Badge tone={MATCH_TONE[state]}>{t(`devices.match.${state}`)}</Badge>
    </span>
  );
}

const TASK_TONE: Record<DeviceTaskStatus, BadgeTone> = {
  queued: 'neutral',
  sent: 'brand',
  done: 'success',
  faulted: 'danger',
  cancelled: 'neutral',
};

/**
 * A task's status. The word is the API's (`queued`, `sent`, `done`, `faulted`, `cancelled`),
 * which e2e tests match on (`device-task-status-<id>`); the localised sentence is its title.
 */
export function TaskStatusBadge({
  taskId,
  status,
  testId = true,
}: {
  taskId: string;
  status: DeviceTaskStatus;
  /** False where the same task is also listed on the page, to keep the test id unique. */
  testId?: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <span
      data-testid={testId ? `device-task-status-${taskId}` : undefined}
      data-status={status}
      title={t(`deviceTask.statusHint.${status}`)}
      className="inline-flex"
    >
      <Badge tone={TASK_TONE[status]}>
        <span className="font-mono">{status}</span>
        <span className="sr-only"> · {t(`deviceTask.status.${status}`)}</span>
      </Badge>
    </span>
  );
}
