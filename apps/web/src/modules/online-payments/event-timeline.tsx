import type { GatewayEvent } from '@jaring/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { GatewayStatusBadge } from '../../components/gateway-status-badge';
import { EmptyState } from '../../components/page';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { EventOutcomeBadge, SignatureBadge } from './badges';
import { RawBodyView } from './raw-body-view';

/** The facts of one event that are there: gateway status word, HTTP status, latency, address. */
function eventDetails(event: GatewayEvent, t: TFunction): string[] {
  const details: string[] = [];
  if (event.gatewayStatus)
    details.push(t('onlinePayments.event.gatewaySaid', { status: event.gatewayStatus }));
  if (event.httpStatus !== null) details.push(`HTTP ${event.httpStatus}`);
  if (event.latencyMs !== null)
    details.push(t('onlinePayments.event.latency', { ms: event.latencyMs }));
  if (event.remoteIp) details.push(t('onlinePayments.event.from', { ip: event.remoteIp }));
  return details;
}

/** Everything seen for a transaction: the create call, notifications (verified or not), checks. */
export function EventTimeline({ events }: { events: readonly GatewayEvent[] }): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (events.length === 0) return <EmptyState title={t('onlinePayments.event.empty')} />;
  return (
    <ol className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="event-timeline">
      {events.map((event) => (
        <li
          key={event.id}
          className="px-4 py-3"
          data-event={event.kind}
          data-outcome={event.outcome}
        >
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-sm font-medium">{t(`gateway.eventKind.${event.kind}`)}</span>
            <EventOutcomeBadge outcome={event.outcome} />
            <SignatureBadge verified={event.verified} />
            {event.status && <GatewayStatusBadge status={event.status} />}
            <time dateTime={event.at} className="ml-auto text-xs text-zinc-500 dark:text-zinc-400">
              {formatDateTime(event.at, locale)}
            </time>
          </div>
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            {eventDetails(event, t).join(' · ')}
          </p>
          {event.error && (
            <p className="mt-1 text-xs break-words text-red-700 dark:text-red-400">{event.error}</p>
          )}
          <RawBodyView body={event.body} />
        </li>
      ))}
    </ol>
  );
}
