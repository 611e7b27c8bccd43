import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '../components/badge';
import { ChevronRightIcon } from '../components/icons';
import { Card, PageHeader } from '../components/page';
import { can, useCurrentUser } from '../lib/session';
import { GatewayStatsCard } from '../modules/online-payments/gateway-stats-card';
import { NAV_ITEMS } from './nav';

export function DashboardPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const shortcuts = NAV_ITEMS.filter(
    (item) => item.to !== '/dashboard' && (!item.ability || can(me, item.ability)),
  );

  return (
    <>
      <PageHeader title={t('dashboard.title')} />
      <Card className="p-5">
        <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
          {t('dashboard.welcomeBack')}
        </p>
        <h2 className="mt-1 text-2xl font-semibold tracking-tight">{me.name}</h2>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-zinc-500 dark:text-zinc-400">
          <Badge tone="brand">{t(`roles.${me.role}`)}</Badge>
          <span className="truncate">{me.email}</span>
        </div>
        <p className="mt-4 max-w-2xl text-sm text-zinc-600 dark:text-zinc-300">
          {t('dashboard.intro')}
        </p>
      </Card>
      {can(me, 'payments:read') && <GatewayStatsCard />}
      {shortcuts.length > 0 && (
        <div className="mt-5 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {shortcuts.map((item) => (
            <Link
              key={item.to}
              to={item.to}
              className="group flex items-center gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-xs transition-colors hover:border-brand-300 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-brand-700"
            >
              <span className="flex size-8 items-center justify-center rounded-md bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
                <item.icon />
              </span>
              <span className="font-medium">{t(item.label)}</span>
              <ChevronRightIcon className="ml-auto text-zinc-400 transition-transform group-hover:translate-x-0.5" />
            </Link>
          ))}
        </div>
      )}
    </>
  );
}
