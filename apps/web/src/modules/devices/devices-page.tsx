import type { Device } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Badge } from '../../components/badge';
import { FilterSelect, SearchInput } from '../../components/filters';
import { Card, PageHeader } from '../../components/page';
import { PagedTable, type Column } from '../../components/paged-table';
import { cx } from '../../components/cx';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { formatAgo } from '../../lib/traffic-format';
import { useDebounced } from '../../lib/use-debounced';
import { useNow } from '../../lib/use-now';
import { useAcsServers, useDevices, type DeviceFilter } from './api';
import { DeviceOnline, MatchStateBadge, RxPower } from './device-status';

const FILTERS: readonly DeviceFilter[] = ['all', 'offline', 'weakSignal', 'unmatched'];

function isFilter(value: string | null): value is DeviceFilter {
  return (FILTERS as readonly (string | null)[]).includes(value);
}

/** One-of chips: all devices, or those offline, with a weak signal, or with no customer. */
function FilterChips({
  value,
  onChange,
}: {
  value: DeviceFilter;
  onChange: (next: DeviceFilter) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div
      role="group"
      aria-label={t('devices.filter.label')}
      className="flex flex-wrap gap-1.5"
      data-filters
    >
      {FILTERS.map((filter) => {
        const pressed = filter === value;
        return (
          <button
            key={filter}
            type="button"
            aria-pressed={pressed}
            data-filter={filter}
            onClick={() => onChange(filter)}
            className={cx(
              'h-8 rounded-full border px-3 text-xs font-medium whitespace-nowrap transition-colors',
              pressed
                ? 'border-brand-600 bg-brand-50 text-brand-800 dark:border-brand-400 dark:bg-brand-950/50 dark:text-brand-200'
                : 'border-zinc-300 bg-white text-zinc-600 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800',
            )}
          >
            {t(`devices.filter.${filter}`)}
          </button>
        );
      })}
    </div>
  );
}

/** The customer a device belongs to, or why it has none. */
export function DeviceCustomer({ device }: { device: Device }): React.JSX.Element {
  if (device.link) {
    return (
      <div className="min-w-0">
        <Link
          to={`/customers/${device.link.customerId}`}
          className="font-medium text-brand-700 hover:underline dark:text-brand-300"
        >
          {device.link.customerName}
        </Link>
        <p className="font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">
          {device.link.username}
        </p>
      </div>
    );
  }
  return <MatchStateBadge state={device.matchState} />;
}

function modelOf(device: Pick<Device, 'manufacturer' | 'model' | 'productClass'>): string {
  return [device.manufacturer, device.model ?? device.productClass].filter(Boolean).join(' ');
}

/** Every ONT the ACS servers know, with the filters support and technicians use most. */
export function DevicesPage(): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const now = useNow(30_000);
  const [params, setParams] = useSearchParams();
  const requested = params.get('filter');
  const filter: DeviceFilter = isFilter(requested) ? requested : 'all';
  const q = params.get('q') ?? '';
  const acsServerId = params.get('acs') ?? '';
  const search = useDebounced(q);
  const servers = useAcsServers();
  const devices = useDevices({ filter, q: search, acsServerId });
  const serverList = servers.data?.data ?? [];

  const update = (changes: Record<string, string>): void => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === '' || (key === 'filter' && value === 'all')) next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };

  const columns: Column<Device>[] = [
    {
      key: 'status',
      header: <span className="sr-only">{t('devices.fields.status')}</span>,
      className: 'w-8 pr-0',
      cell: (device) => <DeviceOnline online={device.online} compact />,
    },
    {
      key: 'serial',
      header: t('devices.fields.serial'),
      cell: (device) => (
        <div className="min-w-0">
          <Link
            to={`/devices/${device.id}`}
            className="font-mono text-sm font-medium break-all text-brand-700 hover:underline dark:text-brand-300"
          >
            {device.serial}
          </Link>
          <p className="text-xs text-zinc-500 md:hidden dark:text-zinc-400">
            {device.model ?? device.productClass}
          </p>
          <div className="mt-1 sm:hidden">
            <DeviceCustomer device={device} />
          </div>
          <p className="text-xs text-zinc-500 sm:hidden dark:text-zinc-400">
            {formatAgo(device.lastInformAt, locale, now)}
          </p>
        </div>
      ),
    },
    {
      key: 'model',
      header: t('devices.fields.model'),
      headerClassName: 'hidden md:table-cell',
      className: 'hidden md:table-cell',
      cell: (device) => (
        <span className="text-sm">
          {modelOf(device) || '—'}
          {serverList.length > 1 && (
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">
              {device.acsServerName}
            </span>
          )}
        </span>
      ),
    },
    {
      key: 'customer',
      header: t('devices.fields.customer'),
      headerClassName: 'hidden sm:table-cell',
      className: 'hidden sm:table-cell',
      cell: (device) => <DeviceCustomer device={device} />,
    },
    {
      key: 'rx',
      header: t('devices.fields.rxPower'),
      numeric: true,
      cell: (device) => <RxPower dbm={device.rxPowerDbm} weakSignal={device.weakSignal} />,
    },
    {
      key: 'inform',
      header: t('devices.fields.lastInform'),
      headerClassName: 'hidden sm:table-cell',
      className: 'hidden whitespace-nowrap text-zinc-500 sm:table-cell dark:text-zinc-400',
      cell: (device) => (
        <span title={formatDateTime(device.lastInformAt, locale)}>
          {formatAgo(device.lastInformAt, locale, now)}
        </span>
      ),
    },
    {
      key: 'firmware',
      header: t('devices.fields.firmware'),
      headerClassName: 'hidden lg:table-cell',
      className: 'hidden font-mono text-xs text-zinc-500 lg:table-cell dark:text-zinc-400',
      cell: (device) => (
        <>
          {device.firmware ?? '—'}
          {device.pendingTasks > 0 && (
            <span className="ml-2 font-sans">
              <Badge tone="brand">
                {t('devices.pendingTasks', { count: device.pendingTasks })}
              </Badge>
            </span>
          )}
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('devices.title')}
        description={t('devices.description')}
        actions={
          <>
            <Link
              to="/devices/review"
              className="inline-flex h-9 items-center rounded-md border border-zinc-300 bg-white px-3.5 text-sm font-medium shadow-sm hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
            >
              {t('devices.review.link')}
            </Link>
            <Link
              to="/settings/acs-servers"
              className="inline-flex h-9 items-center rounded-md px-3.5 text-sm font-medium text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              {t('acsServers.nav')}
            </Link>
          </>
        }
      />
      <Card>
        <div
          role="search"
          className="flex flex-col gap-2 border-b border-zinc-200 p-3 lg:flex-row lg:items-center dark:border-zinc-800"
        >
          <FilterChips value={filter} onChange={(next) => update({ filter: next })} />
          <div className="flex flex-1 flex-col gap-2 sm:flex-row">
            <SearchInput
              label={t('devices.search')}
              placeholder={t('devices.searchPlaceholder')}
              value={q}
              onChange={(event) => update({ q: event.target.value })}
              className="flex-1"
            />
            {serverList.length > 1 && (
              <FilterSelect
                label={t('devices.fields.acsServer')}
                value={acsServerId}
                onChange={(value) => update({ acs: value })}
                allLabel={t('devices.allServers')}
                options={serverList.map((server) => ({ value: server.id, label: server.name }))}
                className="sm:w-48"
              />
            )}
          </div>
        </div>
        <PagedTable
          label={t('devices.title')}
          query={devices}
          rowKey={(device) => device.id}
          rowProps={(device) => ({ 'data-device': device.serial })}
          columns={columns}
          emptyTitle={filter === 'all' && !search ? t('devices.empty') : t('devices.emptyFiltered')}
          emptyHint={
            filter === 'all' && !search && serverList.length === 0
              ? t('devices.emptyHint')
              : undefined
          }
        />
      </Card>
    </>
  );
}
