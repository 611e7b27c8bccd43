import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../components/cx';
import { ChevronDownIcon, LogoutIcon, UserIcon } from '../components/icons';
import { useCurrentUser, useLogout } from '../lib/session';
import { ProfileDialog } from './profile-dialog';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0]];
  return letters
    .map((part) => part?.[0] ?? '')
    .join('')
    .toUpperCase();
}

const ITEM_CLASS =
  'flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-sm text-zinc-700 hover:bg-zinc-100 focus:bg-zinc-100 focus:outline-none dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800';

export function UserMenu(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const logout = useLogout();
  const [open, setOpen] = useState(false);
  const [profileOpen, setProfileOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: PointerEvent): void => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        setOpen(false);
        container.current?.querySelector<HTMLElement>('[aria-haspopup="menu"]')?.focus();
        return;
      }
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
      const index = items.indexOf(document.activeElement as HTMLElement);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
      event.preventDefault();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div ref={container} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="user-menu"
        aria-label={t('userMenu.label', { name: me.name })}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2 rounded-md py-1 pr-1.5 pl-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
      >
        <span className="flex size-7 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-800 dark:bg-brand-900 dark:text-brand-100">
          {initials(me.name)}
        </span>
        <span className="hidden max-w-40 truncate text-sm font-medium md:inline">{me.name}</span>
        <ChevronDownIcon className="hidden text-zinc-400 md:inline" />
      </button>
      <div
        ref={menu}
        id="user-menu"
        role="menu"
        aria-label={t('userMenu.title')}
        hidden={!open}
        className={cx(
          'absolute right-0 z-30 mt-1.5 w-64 rounded-lg border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-800 dark:bg-zinc-900',
        )}
      >
        <div className="border-b border-zinc-100 px-2 pt-1.5 pb-2 dark:border-zinc-800">
          <p className="truncate text-sm font-medium">{me.name}</p>
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{me.email}</p>
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{t(`roles.${me.role}`)}</p>
        </div>
        <div className="pt-1">
          <button
            type="button"
            role="menuitem"
            className={ITEM_CLASS}
            onClick={() => {
              setOpen(false);
              setProfileOpen(true);
            }}
          >
            <UserIcon /> {t('userMenu.profile')}
          </button>
          <button
            type="button"
            role="menuitem"
            className={ITEM_CLASS}
            disabled={logout.isPending}
            onClick={() => {
              // Clearing the session makes the route guard show the login page.
              logout.mutate();
            }}
          >
            <LogoutIcon /> {t('userMenu.logout')}
          </button>
        </div>
      </div>
      <ProfileDialog open={profileOpen} onClose={() => setProfileOpen(false)} />
    </div>
  );
}
