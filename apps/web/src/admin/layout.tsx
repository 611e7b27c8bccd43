import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { setLocale } from '../lib/i18n';
import { useCurrentUser } from '../lib/session';
import { MobileDrawer } from './mobile-drawer';
import { Brand, SidebarNav } from './sidebar';
import { Topbar } from './topbar';

export function AdminLayout(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const location = useLocation();
  const [navOpen, setNavOpen] = useState(false);

  // The language saved on the account follows the user to every device.
  useEffect(() => setLocale(me.locale), [me.locale]);

  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <div className="min-h-dvh lg:pl-60">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        {t('nav.skip')}
      </a>
      <aside className="fixed inset-y-0 left-0 hidden w-60 flex-col gap-6 overflow-y-auto border-r border-zinc-200 bg-zinc-50/80 px-3 py-4 lg:flex dark:border-zinc-800 dark:bg-zinc-950">
        <div className="px-2.5">
          <Brand />
        </div>
        <SidebarNav />
      </aside>
      <MobileDrawer open={navOpen} onClose={() => setNavOpen(false)} />
      <Topbar onOpenNav={() => setNavOpen(true)} navOpen={navOpen} />
      {/* data-path changes in the same commit as the page, so tests (and focus) know the new page is on screen. */}
      <main
        id="main"
        data-path={location.pathname}
        tabIndex={-1}
        className="mx-auto max-w-6xl px-3 py-6 outline-none sm:px-6"
      >
        <Outlet />
      </main>
    </div>
  );
}
