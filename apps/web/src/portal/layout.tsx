import { NavLink, Outlet, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/button';
import { cx } from '../components/cx';
import {
  CheckIcon,
  HomeIcon,
  LogoMark,
  LogoutIcon,
  ScrollIcon,
  UserIcon,
} from '../components/icons';
import { LanguageSwitch } from '../components/language-switch';
import { UsageIcon } from '../modules/monitoring/icons';
import { WifiIcon } from '../modules/devices/icons';
import { ThemeToggle } from '../components/theme-toggle';
import { usePortalCustomer, usePortalLogout } from './session';

const NAV = [
  { to: '/portal', end: true, key: 'dashboard', Icon: HomeIcon },
  { to: '/portal/usage', end: false, key: 'usage', Icon: UsageIcon },
  { to: '/portal/wifi', end: false, key: 'wifi', Icon: WifiIcon },
  { to: '/portal/invoices', end: false, key: 'invoices', Icon: ScrollIcon },
  { to: '/portal/payments', end: false, key: 'payments', Icon: CheckIcon },
  { to: '/portal/profile', end: false, key: 'profile', Icon: UserIcon },
] as const;

/** Phone first: a compact header, a tab row that fits 360 px, one column of content. */
export function PortalLayout(): React.JSX.Element {
  const { t } = useTranslation();
  const me = usePortalCustomer();
  const logout = usePortalLogout();
  const navigate = useNavigate();
  return (
    <div className="flex min-h-dvh flex-col bg-zinc-100/60 dark:bg-zinc-950">
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex max-w-3xl items-center gap-2 px-3 py-2 sm:px-4">
          <LogoMark width={28} height={28} className="shrink-0" />
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-semibold">{me.customer.name}</p>
            <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
              {t('portal.layout.customerNumber', { number: me.customer.number })}
            </p>
          </div>
          <div className="hidden items-center gap-2 sm:flex">
            <LanguageSwitch />
            <ThemeToggle />
          </div>
          <Button
            variant="ghost"
            size="sm"
            data-action="logout"
            loading={logout.isPending}
            onClick={() =>
              logout.mutate(undefined, {
                onSettled: () => void navigate('/portal/login', { replace: true }),
              })
            }
          >
            <LogoutIcon />
            <span>{t('portal.layout.logout')}</span>
          </Button>
        </div>
        <nav
          aria-label={t('portal.layout.nav')}
          className="mx-auto grid max-w-3xl grid-cols-6 px-1 sm:px-3"
        >
          {NAV.map(({ to, end, key, Icon }) => (
            <NavLink
              key={key}
              to={to}
              end={end}
              className={({ isActive }) =>
                cx(
                  'flex min-w-0 flex-col items-center gap-0.5 border-b-2 px-0.5 py-2 text-[11px] font-medium sm:flex-row sm:justify-center sm:gap-1.5 sm:text-sm',
                  isActive
                    ? 'border-brand-600 text-brand-700 dark:border-brand-400 dark:text-brand-300'
                    : 'border-transparent text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-100',
                )
              }
            >
              <Icon className="size-4" />
              <span className="max-w-full truncate">{t(`portal.nav.${key}`)}</span>
            </NavLink>
          ))}
        </nav>
      </header>
      <main className="mx-auto w-full max-w-3xl flex-1 px-3 py-4 sm:px-4 sm:py-6">
        <Outlet />
      </main>
      <footer className="flex justify-center gap-2 pb-6 sm:hidden">
        <LanguageSwitch />
        <ThemeToggle />
      </footer>
    </div>
  );
}
