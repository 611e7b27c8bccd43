import type { AuditLog, IntegrationLogEntry } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';

export interface TimelineItem {
  key: string;
  at: string;
  kind: 'router' | 'acs' | 'gateway' | 'audit';
  title: string;
  detail: string | null;
  ok: boolean;
  latencyMs: number | null;
  routerName: string | null;
  actor: string | null;
}

/** Which outside system an integration-log entry talked to. */
function logKind(system: string): TimelineItem['kind'] {
  if (system === 'genieacs') return 'acs';
  if (system === 'midtrans' || system === 'tripay') return 'gateway';
  return 'router';
}

/** Router, ACS and gateway calls and audit entries of a customer as one list, newest first. */
export function mergeTimeline(
  log: readonly IntegrationLogEntry[],
  audit: readonly AuditLog[],
  routerName: (id: string | null) => string | null,
): TimelineItem[] {
  const items: TimelineItem[] = [
    ...log.map((entry): TimelineItem => ({
      key: `log-${entry.id}`,
      at: entry.at,
      kind: logKind(entry.system),
      title: entry.operation,
      detail: entry.error ?? entry.detail,
      ok: entry.ok,
      latencyMs: entry.latencyMs,
      routerName: routerName(entry.routerId),
      actor: null,
    })),
    ...audit.map((entry): TimelineItem => ({
      key: `audit-${entry.id}`,
      at: entry.at,
      kind: 'audit',
      title: entry.action,
      detail: null,
      ok: true,
      latencyMs: null,
      routerName: null,
      actor: entry.actorName,
    })),
  ];
  return items.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

export function Timeline({ items }: { items: readonly TimelineItem[] }): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <ol
      className="divide-y divide-zinc-100 dark:divide-zinc-800"
      aria-label={t('customers.timeline')}
    >
      {items.map((item) => (
        <li
          key={item.key}
          className="flex flex-wrap items-start gap-x-3 gap-y-1 px-4 py-2.5 text-sm"
        >
          <time
            dateTime={item.at}
            className="w-full shrink-0 text-xs whitespace-nowrap text-zinc-500 sm:w-44 dark:text-zinc-400"
          >
            {formatDateTime(item.at, locale)}
          </time>
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-1.5">
              <Badge tone={item.kind === 'audit' ? 'neutral' : 'brand'}>
                {t(`customers.timelineKinds.${item.kind}`)}
              </Badge>
              <span className="font-mono text-xs">{item.title}</span>
              {item.kind !== 'audit' && (
                <Badge tone={item.ok ? 'success' : 'danger'}>
                  {item.ok ? t('log.ok') : t('log.error')}
                </Badge>
              )}
            </div>
            <div className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
              {[
                item.actor && t('customers.byActor', { name: item.actor }),
                item.routerName && t('customers.onRouter', { name: item.routerName }),
                item.latencyMs !== null && `${item.latencyMs} ms`,
                item.detail,
              ]
                .filter(Boolean)
                .join(' · ')}
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
