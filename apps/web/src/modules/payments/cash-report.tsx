import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso } from '../../components/dates';
import { FilterInput } from '../../components/filters';
import { Money } from '../../components/money';
import { DataTable, QueryState } from '../../components/paged-table';
import { Td } from '../../components/table';
import { useCashReport } from './api';

/** Money received on one day, per cashier and method, with what was reversed since. */
export function CashReport(): React.JSX.Element {
  const { t } = useTranslation();
  const [date, setDate] = useState(todayIso);
  const report = useCashReport(date);
  const rows = report.data?.rows ?? [];
  const totals = report.data?.totals;
  return (
    <>
      <div className="border-b border-zinc-200 p-3 dark:border-zinc-800">
        <FilterInput
          label={t('payments.cash.date')}
          type="date"
          name="date"
          value={date}
          max={todayIso()}
          onChange={(event) => setDate(event.target.value || todayIso())}
          className="max-w-xs"
        />
      </div>
      <QueryState
        pending={report.isPending}
        error={report.isError ? report.error : null}
        empty={rows.length === 0}
        emptyTitle={t('payments.cash.empty')}
      >
        <DataTable
          label={t('payments.cash.title')}
          rows={rows}
          rowKey={(row) => `${row.cashierId ?? 'none'}:${row.method}`}
          columns={[
            {
              key: 'cashier',
              header: t('payments.fields.cashier'),
              cell: (row) => row.cashierName ?? t('payments.cash.noCashier'),
            },
            {
              key: 'method',
              header: t('payments.fields.method'),
              cell: (row) => t(`payments.method.${row.method}`),
            },
            { key: 'count', header: t('payments.cash.count'), numeric: true, cell: (r) => r.count },
            {
              key: 'total',
              header: t('payments.cash.total'),
              numeric: true,
              cell: (row) => <Money amount={row.total} />,
            },
            {
              key: 'reversed',
              header: t('payments.cash.reversed'),
              numeric: true,
              className: 'hidden sm:table-cell',
              cell: (row) => <Money amount={row.reversedTotal} />,
            },
            {
              key: 'net',
              header: t('payments.cash.net'),
              numeric: true,
              cell: (row) => <Money amount={row.net} className="font-semibold" />,
            },
          ]}
          footer={
            totals && (
              <tr className="font-semibold">
                <Td colSpan={2}>{t('payments.cash.totals')}</Td>
                <Td className="text-right tabular-nums">{totals.count}</Td>
                <Td className="text-right">
                  <Money amount={totals.total} />
                </Td>
                <Td className="hidden text-right sm:table-cell">
                  <Money amount={totals.reversedTotal} />
                </Td>
                <Td className="text-right" data-testid="cash-net">
                  <Money amount={totals.net} />
                </Td>
              </tr>
            )
          }
        />
      </QueryState>
    </>
  );
}
