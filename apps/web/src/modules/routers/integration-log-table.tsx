import type { IntegrationLogEntry } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { Table, Td, Th } from '../../components/table';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';

/** Calls Jaring made to a router: when, what, result and latency. */
export function IntegrationLogTable({
  entries,
  label,
}: {
  entries: readonly IntegrationLogEntry[];
  label: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Table label={label}>
      <thead>
        <tr>
          <Th className="hidden sm:table-cell">{t('log.at')}</Th>
          <Th>{t('log.operation')}</Th>
          <Th>{t('log.result')}</Th>
          <Th className="text-right">{t('log.latency')}</Th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <Td className="hidden whitespace-nowrap text-zinc-500 sm:table-cell dark:text-zinc-400">
              {formatDateTime(entry.at, locale)}
            </Td>
            <Td>
              <div className="text-xs text-zinc-500 sm:hidden dark:text-zinc-400">
                {formatDateTime(entry.at, locale)}
              </div>
              <div className="font-mono text-xs break-all">{entry.operation}</div>
              {(entry.error ?? entry.detail) && (
                <div
                  className={
                    entry.ok
                      ? 'text-xs break-all text-zinc-500 dark:text-zinc-400'
                      : 'text-xs break-all text-red-600 dark:text-red-400'
                  }
                >
                  {entry.error ?? entry.detail}
                </div>
              )}
            </Td>
            <Td>
              <Badge tone={entry.ok ? 'success' : 'danger'}>
                {entry.ok ? t('log.ok') : t('log.error')}
              </Badge>
            </Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{entry.latencyMs} ms</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
