import type { Page } from '@jaring/contracts';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button';
import { cx } from './cx';
import { EmptyState } from './page';
import { ProblemAlert } from './problem-alert';
import { PageSpinner } from './spinner';
import { Table, Td, Th } from './table';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  className?: string;
  /** The header cell's classes, when they differ from the body cells' (`className`). */
  headerClassName?: string;
  /** Right-aligned numbers. */
  numeric?: boolean;
}

export interface DataTableProps<T> {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  /** Extra attributes on each row (e.g. `data-invoice` for tests). */
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  footer?: ReactNode;
}

/** A plain table from column definitions. */
export function DataTable<T>({
  label,
  rows,
  columns,
  rowKey,
  rowProps,
  footer,
}: DataTableProps<T>): React.JSX.Element {
  return (
    <Table label={label}>
      <thead>
        <tr>
          {columns.map((column) => (
            <Th
              key={column.key}
              className={cx(
                column.numeric && 'text-right',
                column.headerClassName ?? column.className,
              )}
            >
              {column.header}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={rowKey(row)}
            className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40"
            {...rowProps?.(row)}
          >
            {columns.map((column) => (
              <Td
                key={column.key}
                className={cx(column.numeric && 'text-right tabular-nums', column.className)}
              >
                {column.cell(row)}
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
      {footer && <tfoot>{footer}</tfoot>}
    </Table>
  );
}

/** Loading, error and empty states around a table; `children` renders when there are rows. */
export function QueryState({
  pending,
  error,
  empty,
  emptyTitle,
  emptyHint,
  children,
}: {
  pending: boolean;
  error: unknown;
  empty: boolean;
  emptyTitle: string;
  emptyHint?: string;
  children: ReactNode;
}): React.JSX.Element {
  const { t } = useTranslation();
  if (pending) return <PageSpinner label={t('common.loading')} />;
  if (error) return <ProblemAlert error={error} className="m-3" />;
  if (empty) return <EmptyState title={emptyTitle} hint={emptyHint} />;
  return <>{children}</>;
}

export interface PagedTableProps<T> extends Omit<DataTableProps<T>, 'rows'> {
  query: UseInfiniteQueryResult<InfiniteData<Page<T>>>;
  emptyTitle: string;
  emptyHint?: string;
}

/** A cursor-paged list as a table with loading/error/empty states and "load more". */
export function PagedTable<T>({
  query,
  emptyTitle,
  emptyHint,
  ...table
}: PagedTableProps<T>): React.JSX.Element {
  const rows = query.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <>
      <QueryState
        pending={query.isPending}
        error={query.isError ? query.error : null}
        empty={rows.length === 0}
        emptyTitle={emptyTitle}
        emptyHint={emptyHint}
      >
        <DataTable rows={rows} {...table} />
      </QueryState>
      <LoadMore query={query} />
    </>
  );
}

/** "Load more" under a cursor-paged list, while there is a next page. */
export function LoadMore({
  query,
}: {
  query: Pick<UseInfiniteQueryResult, 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'>;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <div className="flex justify-center border-t border-zinc-200 p-3 dark:border-zinc-800">
      <Button
        size="sm"
        loading={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
      >
        {t('common.loadMore')}
      </Button>
    </div>
  );
}

/** The row of filters above a list. */
export function FilterBar({
  children,
  className,
}: {
  children: ReactNode;
  className?: string;
}): React.JSX.Element {
  return (
    <div
      role="search"
      className={cx(
        'grid gap-2 border-b border-zinc-200 p-3 sm:grid-cols-2 lg:auto-cols-fr lg:grid-flow-col dark:border-zinc-800',
        className,
      )}
    >
      {children}
    </div>
  );
}
