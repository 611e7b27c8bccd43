import type { DeviceTask } from '@jaring/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert';
import { Table, Td, Th } from '../../components/table';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { TaskStatusBadge } from './device-status';
import { isFinalTask, taskOutcome } from './task-state';

/** What a WiFi task asked for, without the password: `SSID "Rumah" · password changed`. */
export function taskSummary(task: DeviceTask, t: TFunction): string | null {
  if (task.kind !== 'wifi') return null;
  const parts: string[] = [];
  const ssid = task.params['ssid'];
  if (typeof ssid === 'string') parts.push(t('deviceTask.summary.ssid', { ssid }));
  if (task.params['passwordChanged'] === true) parts.push(t('deviceTask.summary.password'));
  return parts.length > 0 ? parts.join(' · ') : null;
}

function RequestedBy({ task }: { task: DeviceTask }): React.JSX.Element {
  const { t } = useTranslation();
  const who = task.requestedBy;
  return (
    <span className="text-xs text-zinc-500 dark:text-zinc-400">
      {who.type === 'system'
        ? t('deviceTask.by.system')
        : t(`deviceTask.by.${who.type}`, { name: who.name ?? '—' })}
    </span>
  );
}

/** The fault of a task, or why it is still queued or was cancelled. */
function TaskProblem({ task }: { task: DeviceTask }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (task.fault) {
    return (
      <p
        className="text-xs break-words text-red-700 dark:text-red-400"
        data-fault={task.fault.code}
      >
        <span className="font-mono">{task.fault.code}</span>: {task.fault.message}
      </p>
    );
  }
  if (task.lastError && !isFinalTask(task.status)) {
    return (
      <p className="text-xs break-words text-amber-700 dark:text-amber-300">
        {t('deviceTask.retrying', { error: task.lastError })}
      </p>
    );
  }
  if (task.lastError) {
    return <p className="text-xs break-words text-zinc-500">{task.lastError}</p>;
  }
  return null;
}

/** A device's recent tasks: what, who, when and how it went. Fits a phone as stacked cells. */
export function TaskTable({
  tasks,
  label,
}: {
  tasks: readonly DeviceTask[];
  label: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Table label={label}>
      <thead>
        <tr>
          <Th>{t('deviceTask.fields.task')}</Th>
          <Th>{t('deviceTask.fields.status')}</Th>
          <Th className="hidden md:table-cell">{t('deviceTask.fields.requested')}</Th>
          <Th className="hidden sm:table-cell">{t('deviceTask.fields.completed')}</Th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => {
          const summary = taskSummary(task, t);
          return (
            <tr key={task.id} data-task={task.id} className="align-top">
              <Td>
                <p className="font-medium">{t(`deviceTask.kind.${task.kind}`)}</p>
                {summary && (
                  <p className="text-xs break-words text-zinc-600 dark:text-zinc-300">{summary}</p>
                )}
                <p className="text-xs text-zinc-500 md:hidden dark:text-zinc-400">
                  {formatDateTime(task.createdAt, locale)}
                </p>
                <TaskProblem task={task} />
              </Td>
              <Td className="whitespace-nowrap">
                <TaskStatusBadge taskId={task.id} status={task.status} />
                {task.attempts > 1 && (
                  <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
                    {t('deviceTask.attempts', { count: task.attempts })}
                  </p>
                )}
              </Td>
              <Td className="hidden md:table-cell">
                <p className="text-xs whitespace-nowrap">
                  {formatDateTime(task.createdAt, locale)}
                </p>
                <RequestedBy task={task} />
              </Td>
              <Td className="hidden text-xs whitespace-nowrap sm:table-cell">
                {formatDateTime(task.completedAt, locale)}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

/**
 * The outcome of an action just taken: applied, failed (with the device's fault), or on its way,
 * queued until an offline device comes back.
 */
export function TaskNotice({
  task,
  online,
  onDismiss,
  testId = true,
}: {
  task: DeviceTask;
  online: boolean;
  onDismiss?: () => void;
  /** False where a task table on the same page already carries the task's test id. */
  testId?: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const outcome = taskOutcome(task.status, online);
  const tone =
    outcome === 'applied'
      ? 'success'
      : outcome === 'failed'
        ? 'error'
        : outcome === 'waitingOffline'
          ? 'warning'
          : 'info';
  const kind = t(`deviceTask.kind.${task.kind}`);
  return (
    <Alert tone={tone} title={t(`deviceTask.outcome.${outcome}`, { kind })}>
      <div className="flex flex-wrap items-center gap-2" data-task-notice={task.id}>
        <TaskStatusBadge taskId={task.id} status={task.status} testId={testId} />
        <span className="text-xs">{t(`deviceTask.outcomeHint.${outcome}`)}</span>
        {onDismiss && isFinalTask(task.status) && (
          <button
            type="button"
            onClick={onDismiss}
            className="ml-auto text-xs font-medium underline underline-offset-2"
          >
            {t('common.close')}
          </button>
        )}
      </div>
      {task.fault && (
        <p className="mt-1 text-xs break-words">
          <span className="font-mono">{task.fault.code}</span>: {task.fault.message}
        </p>
      )}
      {!task.fault && task.lastError && (
        <p className="mt-1 text-xs break-words opacity-80">{task.lastError}</p>
      )}
    </Alert>
  );
}
