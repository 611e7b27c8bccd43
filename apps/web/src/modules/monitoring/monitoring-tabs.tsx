import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { cx } from '../../components/cx';

const TABS = [
  { to: '/monitoring', key: 'overview', end: true },
  { to: '/monitoring/map', key: 'map', end: false },
  { to: '/monitoring/usage', key: 'usage', end: false },
  { to: '/alerts', key: 'alerts', end: false },
] as const;

/** The monitoring screens as one row of tabs (links, so each has its own address). */
export function MonitoringTabs(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <nav
      aria-label={t('monitoring.sections')}
      className="mb-4 flex gap-1 overflow-x-auto border-b border-zinc-200 dark:border-zinc-800"
    >
      {TABS.map((tab) => (
        <NavLink
          key={tab.key}
          to={tab.to}
          end={tab.end}
          data-tab={tab.key}
          className={({ isActive }) =>
            cx(
              '-mb-px border-b-2 px-3 py-2 text-sm whitespace-nowrap',
              isActive
                ? 'border-brand-600 font-medium text-zinc-900 dark:text-white'
                : 'border-transparent text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100',
            )
          }
        >
          {t(`monitoring.tabs.${tab.key}`)}
        </NavLink>
      ))}
    </nav>
  );
}
