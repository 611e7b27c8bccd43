import type { Device, DeviceCandidate, DeviceReviewItem } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../components/button';
import { Card, EmptyState, PageHeader } from '../../components/page';
import { LoadMore } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { pagedRows } from '../../components/resource';
import { Segmented } from '../../components/segmented';
import { PageSpinner } from '../../components/spinner';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { can, useCurrentUser } from '../../lib/session';
import { formatAgo } from '../../lib/traffic-format';
import { useDeviceReview, useLinkDevice } from './api';
import { DeviceOnline, MatchStateBadge } from './device-status';
import { LinkDeviceDialog } from './link-dialog';

type StateFilter = '' | 'unmatched' | 'ambiguous';

function CandidateRow({
  device,
  candidate,
  canWrite,
}: {
  device: Device;
  candidate: DeviceCandidate;
  canWrite: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const link = useLinkDevice();
  return (
    <li
      data-candidate={candidate.subscriptionId}
      className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2"
    >
      <div className="min-w-0 flex-1 basis-48">
        <Link
          to={`/customers/${candidate.customerId}`}
          className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-300"
        >
          {candidate.customerName}
        </Link>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          <span className="font-mono">{candidate.customerNumber}</span>
          {' · '}
          <span className="font-mono break-all">{candidate.username}</span>
          {' · '}
          {t(`deviceReview.reason.${candidate.reason}`)}
        </p>
        <ProblemAlert error={link.error} className="mt-1" />
      </div>
      {canWrite && (
        <Button
          size="sm"
          variant={candidate.reason === 'similar_username' ? 'secondary' : 'primary'}
          data-action="link-candidate"
          loading={link.isPending}
          onClick={() =>
            link.mutate({
              deviceId: device.id,
              body: { subscriptionId: candidate.subscriptionId },
              customerIds: [candidate.customerId],
            })
          }
        >
          {t('deviceReview.linkThis')}
        </Button>
      )}
    </li>
  );
}

function ReviewCard({
  item,
  canWrite,
  onPick,
}: {
  item: DeviceReviewItem;
  canWrite: boolean;
  onPick: (device: Device) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { device, candidates } = item;
  const model = [device.manufacturer, device.model ?? device.productClass]
    .filter(Boolean)
    .join(' ');
  return (
    <Card>
      <div
        data-review-device={device.serial}
        className="flex flex-wrap items-start justify-between gap-3 p-4"
      >
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <DeviceOnline online={device.online} compact />
            <Link
              to={`/devices/${device.id}`}
              className="font-mono font-medium break-all text-brand-700 hover:underline dark:text-brand-300"
            >
              {device.serial}
            </Link>
            <MatchStateBadge state={device.matchState} />
          </div>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {model || '—'} · {device.acsServerName}
          </p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {t('devices.fields.pppoe')}:{' '}
            <span className="font-mono">{device.pppoeUsername ?? '—'}</span>
            {' · '}
            <span title={formatDateTime(device.lastInformAt, locale)}>
              {t('deviceReview.lastInform', { when: formatAgo(device.lastInformAt, locale) })}
            </span>
          </p>
        </div>
        {canWrite && (
          <Button size="sm" data-action="link-other" onClick={() => onPick(device)}>
            {candidates.length > 0 ? t('deviceReview.linkOther') : t('deviceLink.button')}
          </Button>
        )}
      </div>
      {candidates.length > 0 && (
        <div className="border-t border-zinc-200 dark:border-zinc-800">
          <p className="px-3 pt-2 text-xs font-medium text-zinc-600 dark:text-zinc-300">
            {t('deviceReview.candidates', { count: candidates.length })}
          </p>
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {candidates.map((candidate) => (
              <CandidateRow
                key={candidate.subscriptionId}
                device={device}
                candidate={candidate}
                canWrite={canWrite}
              />
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

/** Devices no subscription claims, or more than one does: link each by hand. */
export function DeviceReviewPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [state, setState] = useState<StateFilter>('');
  const [picking, setPicking] = useState<Device | null>(null);
  const review = useDeviceReview(state, '');
  const rows = pagedRows(review.data);
  const canWrite = can(me, 'devices:write');
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link to="/devices" className="text-zinc-500 hover:underline dark:text-zinc-400">
          ← {t('devices.title')}
        </Link>
      </nav>
      <PageHeader
        title={t('deviceReview.title')}
        description={t('deviceReview.description')}
        actions={
          <Segmented<StateFilter>
            label={t('deviceReview.filter')}
            value={state}
            onChange={setState}
            options={(['', 'unmatched', 'ambiguous'] as const).map((value) => {
              const label = value ? t(`devices.match.${value}`) : t('devices.filter.all');
              return { value, label, content: <span className="px-1">{label}</span> };
            })}
          />
        }
      />
      {review.isPending ? (
        <PageSpinner label={t('common.loading')} />
      ) : review.isError ? (
        <ProblemAlert error={review.error} />
      ) : rows.length === 0 ? (
        <Card>
          <EmptyState title={t('deviceReview.empty')} hint={t('deviceReview.emptyHint')} />
        </Card>
      ) : (
        <div className="space-y-3">
          {rows.map((item) => (
            <ReviewCard key={item.device.id} item={item} canWrite={canWrite} onPick={setPicking} />
          ))}
          {review.hasNextPage && (
            <Card>
              <LoadMore query={review} />
            </Card>
          )}
        </div>
      )}
      <LinkDeviceDialog device={picking} onClose={() => setPicking(null)} />
    </>
  );
}
