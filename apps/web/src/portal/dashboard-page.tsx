import type { PortalSubscription } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../components/alert';
import { Card, PageHeader } from '../components/page';
import { CardHeader } from '../components/section';
import { formatRate, formatRupiah } from '../lib/network-format';
import { PayAllOutstanding } from './pay-online';
import { PendingCheckouts } from './pending-checkouts';
import { usePortalCustomer } from './session';
import { ServiceStatusBadge } from './status';

function IsolationBanner({ sub }: { sub: PortalSubscription }): React.JSX.Element {
  const { t } = useTranslation();
  if (sub.isolatedReason === 'unpaid') {
    return (
      <Alert tone="error" title={t('portal.dashboard.isolatedUnpaidTitle')}>
        <div data-isolated={sub.username}>
          <p>{t('portal.dashboard.isolatedUnpaid', { username: sub.username })}</p>
          <Link
            to="/portal/invoices"
            className="mt-1 inline-block font-medium underline underline-offset-2"
          >
            {t('portal.dashboard.payToRestore')}
          </Link>
        </div>
      </Alert>
    );
  }
  return (
    <Alert tone="warning" title={t('portal.dashboard.isolatedOperatorTitle')}>
      <p data-isolated={sub.username}>
        {t('portal.dashboard.isolatedOperator', { username: sub.username })}
      </p>
    </Alert>
  );
}

function Figure({
  label,
  value,
  hint,
  name,
  tone = 'neutral',
}: {
  label: string;
  value: string;
  hint?: string;
  name: string;
  tone?: 'neutral' | 'danger';
}): React.JSX.Element {
  return (
    <Card className="p-4">
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{label}</p>
      <p
        data-figure={name}
        className={
          tone === 'danger'
            ? 'mt-1 text-2xl font-semibold text-red-700 tabular-nums dark:text-red-400'
            : 'mt-1 text-2xl font-semibold tabular-nums'
        }
      >
        {value}
      </p>
      {hint && <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{hint}</p>}
    </Card>
  );
}

export function DashboardPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = usePortalCustomer();
  const isolated = me.subscriptions.filter((s) => s.status === 'isolated');
  const owes = BigInt(me.outstanding) > 0n;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('portal.dashboard.title', { name: me.customer.name })}
        description={t('portal.dashboard.subtitle')}
      />
      {isolated.map((sub) => (
        <IsolationBanner key={sub.id} sub={sub} />
      ))}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Figure
          name="outstanding"
          label={t('portal.dashboard.outstanding')}
          value={formatRupiah(me.outstanding)}
          tone={me.overdueInvoices > 0 ? 'danger' : 'neutral'}
          hint={
            me.overdueInvoices > 0
              ? t('portal.dashboard.overdueCount', { count: me.overdueInvoices })
              : owes
                ? t('portal.dashboard.notYetDue')
                : t('portal.dashboard.allPaid')
          }
        />
        <Figure
          name="credit"
          label={t('portal.dashboard.credit')}
          value={formatRupiah(me.creditBalance)}
          hint={t('portal.dashboard.creditHint')}
        />
      </div>
      <PendingCheckouts />
      <PayAllOutstanding enabled={owes} />
      {owes && (
        <Link
          to="/portal/invoices"
          className="flex h-10 w-full items-center justify-center rounded-md bg-brand-700 text-sm font-medium text-white shadow-sm hover:bg-brand-800 dark:bg-brand-600 dark:hover:bg-brand-500"
        >
          {t('portal.dashboard.viewInvoices')}
        </Link>
      )}
      <Card>
        <CardHeader title={t('portal.dashboard.services')} />
        {me.subscriptions.length === 0 ? (
          <p className="p-4 text-sm text-zinc-500">{t('portal.dashboard.noServices')}</p>
        ) : (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {me.subscriptions.map((sub) => (
              <li
                key={sub.id}
                data-subscription={sub.username}
                className="flex items-center justify-between gap-3 px-4 py-3"
              >
                <div className="min-w-0">
                  <p className="truncate font-medium">{sub.planName}</p>
                  <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                    {t('portal.dashboard.speed', {
                      down: formatRate(sub.downloadKbps),
                      up: formatRate(sub.uploadKbps),
                    })}
                    {' · '}
                    <span className="font-mono">{sub.username}</span>
                  </p>
                </div>
                <ServiceStatusBadge status={sub.status} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
