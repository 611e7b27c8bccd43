import type { DriftReport } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Table, Td, Th } from '../../components/table';

const OP_TONE = { add: 'success', set: 'warning', remove: 'danger' } as const;

/** What a reconcile would change, per menu; keys that conflict are highlighted. */
export function DriftTable({ report }: { report: DriftReport }): React.JSX.Element {
  const { t } = useTranslation();
  if (report.inSync) {
    return (
      <Alert tone="success" className="m-3">
        {t('routers.drift.inSync')}
      </Alert>
    );
  }
  return (
    <Table label={t('routers.drift.title')}>
      <thead>
        <tr>
          <Th>{t('routers.drift.menu')}</Th>
          <Th>{t('routers.drift.op')}</Th>
          <Th>{t('routers.drift.key')}</Th>
          <Th className="hidden sm:table-cell">{t('routers.drift.changed')}</Th>
        </tr>
      </thead>
      <tbody>
        {report.menus.flatMap((menu) => [
          ...menu.changes.map((change, index) => {
            const conflict = menu.conflicts.includes(change.key);
            return (
              <tr
                key={`${menu.menu}-${change.op}-${change.key}-${index}`}
                className={conflict ? 'bg-red-50 dark:bg-red-950/30' : undefined}
              >
                <Td className="font-mono text-xs">{menu.path}</Td>
                <Td>
                  <Badge tone={OP_TONE[change.op]}>{t(`routers.drift.ops.${change.op}`)}</Badge>
                </Td>
                <Td className="font-mono text-xs break-all">
                  {change.key}
                  {conflict && (
                    <span className="ml-1.5">
                      <Badge tone="danger">{t('routers.drift.conflict')}</Badge>
                    </span>
                  )}
                  <div className="text-zinc-500 sm:hidden">{change.changed.join(', ')}</div>
                </Td>
                <Td className="hidden font-mono text-xs text-zinc-500 sm:table-cell dark:text-zinc-400">
                  {change.changed.join(', ') || '—'}
                </Td>
              </tr>
            );
          }),
          ...menu.conflicts
            .filter((key) => !menu.changes.some((c) => c.key === key))
            .map((key) => (
              <tr key={`${menu.menu}-conflict-${key}`} className="bg-red-50 dark:bg-red-950/30">
                <Td className="font-mono text-xs">{menu.path}</Td>
                <Td>
                  <Badge tone="danger">{t('routers.drift.conflict')}</Badge>
                </Td>
                <Td className="font-mono text-xs break-all">{key}</Td>
                <Td className="hidden sm:table-cell">—</Td>
              </tr>
            )),
        ])}
      </tbody>
    </Table>
  );
}
