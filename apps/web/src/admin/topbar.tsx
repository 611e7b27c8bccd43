import { useTranslation } from 'react-i18next';
import { MenuIcon } from '../components/icons';
import { LanguageSwitch } from '../components/language-switch';
import { ThemeToggle } from '../components/theme-toggle';
import { useUpdateMe } from '../lib/session';
import { Brand } from './sidebar';
import { UserMenu } from './user-menu';

export function Topbar({
  onOpenNav,
  navOpen,
}: {
  onOpenNav: () => void;
  navOpen: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const updateMe = useUpdateMe();
  return (
    <header className="sticky top-0 z-20 flex h-14 items-center gap-2 border-b border-zinc-200 bg-white/85 px-3 backdrop-blur sm:px-5 dark:border-zinc-800 dark:bg-zinc-950/85">
      <button
        type="button"
        onClick={onOpenNav}
        aria-label={t('nav.open')}
        aria-expanded={navOpen}
        aria-controls="nav-drawer"
        className="rounded-md p-2 text-zinc-600 hover:bg-zinc-100 lg:hidden dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <MenuIcon />
      </button>
      <div className="lg:hidden">
        <Brand />
      </div>
      <div className="ml-auto flex items-center gap-1.5 sm:gap-2.5">
        <LanguageSwitch onChange={(locale) => updateMe.mutate({ locale })} />
        <ThemeToggle />
        <UserMenu />
      </div>
    </header>
  );
}
