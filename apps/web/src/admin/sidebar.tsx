import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { cx } from '../components/cx';
import { LogoMark } from '../components/icons';
import { can, useCurrentUser } from '../lib/session';
import { activeNavTarget } from './active-nav';
import { NAV_ITEMS, NAV_SECTIONS } from './nav';

export function Brand(): React.JSX.Element {
  return (
    <div className="flex items-center gap-2.5">
      <LogoMark />
      <span className="text-[15px] font-semibold tracking-tight">Jaring</span>
    </div>
  );
}

/** The navigation entries the signed-in user may use, grouped by section. */
export function SidebarNav({ onNavigate }: { onNavigate?: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const location = useLocation();
  const visible = NAV_ITEMS.filter((item) => !item.ability || can(me, item.ability));
  const active = activeNavTarget(
    location.pathname,
    visible.map((item) => item.to),
  );

  return (
    <nav aria-label={t('nav.label')} className="space-y-5">
      {NAV_SECTIONS.map((section) => {
        const items = visible.filter((item) => item.section === section);
        if (items.length === 0) return null;
        return (
          <div key={section}>
            {section !== 'main' && (
              <p className="mb-1 px-2.5 text-[11px] font-semibold tracking-wider text-zinc-400 uppercase dark:text-zinc-500">
                {t(`nav.sections.${section}`)}
              </p>
            )}
            <ul className="space-y-0.5">
              {items.map((item) => (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    onClick={onNavigate}
                    aria-current={item.to === active ? 'page' : undefined}
                    className={cx(
                      'flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors',
                      item.to === active
                        ? 'bg-zinc-200/70 text-zinc-900 dark:bg-zinc-800 dark:text-white'
                        : 'text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/60 dark:hover:text-zinc-100',
                    )}
                  >
                    <item.icon className="shrink-0 opacity-80" />
                    {t(item.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
