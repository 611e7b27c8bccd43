import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';

export const PAGE_SIZE = 50;

export interface Paged<T> {
  rows: readonly T[];
  page: number;
  pages: number;
  total: number;
  setPage: (page: number) => void;
}

/**
 * Client-side pages over a list that is already in memory (a router can carry thousands of
 * users): only one page of rows is rendered at a time. `resetKey` sends the view back to the
 * first page when the filter behind `all` changes.
 */
export function usePaged<T>(all: readonly T[], resetKey: string, size = PAGE_SIZE): Paged<T> {
  const [state, setState] = useState({ key: resetKey, page: 0 });
  const pages = Math.max(1, Math.ceil(all.length / size));
  const current = state.key === resetKey ? Math.min(state.page, pages - 1) : 0;
  return {
    rows: all.slice(current * size, (current + 1) * size),
    page: current,
    pages,
    total: all.length,
    setPage: (page) => setState({ key: resetKey, page: Math.max(0, Math.min(page, pages - 1)) }),
  };
}

export function Pager<T>({
  paged,
  size = PAGE_SIZE,
}: {
  paged: Paged<T>;
  size?: number;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  if (paged.total <= size) return null;
  const from = paged.page * size + 1;
  const to = Math.min(paged.total, (paged.page + 1) * size);
  return (
    <nav
      aria-label={t('routerImport.pager.label')}
      className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-200 px-4 py-3 text-sm dark:border-zinc-800"
    >
      <span className="text-zinc-500 tabular-nums dark:text-zinc-400" data-testid="pager-range">
        {t('routerImport.pager.range', { from, to, total: paged.total })}
      </span>
      <span className="flex gap-2">
        <Button size="sm" disabled={paged.page === 0} onClick={() => paged.setPage(paged.page - 1)}>
          {t('routerImport.pager.previous')}
        </Button>
        <Button
          size="sm"
          disabled={paged.page >= paged.pages - 1}
          onClick={() => paged.setPage(paged.page + 1)}
        >
          {t('routerImport.pager.next')}
        </Button>
      </span>
    </nav>
  );
}
