import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx';
import { diffSnapshots, type DiffRow } from './diff';

const ROW_TONE: Record<DiffRow['change'], string> = {
  added: 'bg-emerald-50/70 dark:bg-emerald-950/30',
  removed: 'bg-red-50/70 dark:bg-red-950/30',
  changed: 'bg-amber-50/70 dark:bg-amber-950/30',
  same: '',
};

export function AuditDiff({
  before,
  after,
}: {
  before: unknown;
  after: unknown;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [showSame, setShowSame] = useState(false);
  const all = diffSnapshots(before, after);
  const sameCount = all.filter((row) => row.change === 'same').length;
  const rows = showSame ? all : all.filter((row) => row.change !== 'same');
  if (all.length === 0) {
    return <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('audit.noSnapshot')}</p>;
  }
  return (
    <div className="space-y-1.5">
      <div className="overflow-x-auto rounded-md border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
        <table
          className="w-full table-fixed text-left font-mono text-xs"
          aria-label={t('audit.diff')}
        >
          <thead className="text-zinc-500">
            <tr>
              <th scope="col" className="w-1/4 px-2.5 py-1.5 font-medium">
                {t('audit.field')}
              </th>
              <th scope="col" className="px-2.5 py-1.5 font-medium">
                {t('audit.before')}
              </th>
              <th scope="col" className="px-2.5 py-1.5 font-medium">
                {t('audit.after')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.path}
                className={cx(
                  'border-t border-zinc-100 dark:border-zinc-800',
                  ROW_TONE[row.change],
                )}
              >
                <th scope="row" className="truncate px-2.5 py-1 font-medium">
                  {row.path}
                </th>
                <td className="px-2.5 py-1 break-all text-zinc-600 dark:text-zinc-400">
                  {row.before ?? '—'}
                </td>
                <td className="px-2.5 py-1 break-all">{row.after ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sameCount > 0 && (
        <button
          type="button"
          onClick={() => setShowSame((value) => !value)}
          className="text-xs font-medium text-brand-700 hover:underline dark:text-brand-400"
        >
          {showSame ? t('audit.hideUnchanged') : t('audit.showUnchanged', { count: sameCount })}
        </button>
      )}
    </div>
  );
}
