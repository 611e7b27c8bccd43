import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The router detail page's way into the import wizard; shown to `routers:write` only. */
export function ImportRouterLink({ routerId }: { routerId: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Link
      to={`/routers/${encodeURIComponent(routerId)}/import`}
      data-action="import"
      className="inline-flex h-9 shrink-0 items-center justify-center gap-2 rounded-md border border-zinc-300 bg-white px-3.5 text-sm font-medium whitespace-nowrap text-zinc-800 shadow-sm transition-colors hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
    >
      {t('routerImport.open')}
    </Link>
  );
}
