import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso } from '../../components/dates';
import { FilterInput, FilterSelect } from '../../components/filters';
import { ApiFileLink } from '../../components/link-button';
import { Money } from '../../components/money';
import { Card, PageHeader } from '../../components/page';
import { DataTable, FilterBar, QueryState } from '../../components/paged-table';
import { useResource } from '../../components/resource';
import { CardHeader } from '../../components/section';
import { Td } from '../../components/table';
import { isRupiah, percentText, reportColumns, reportRows, type ReportRow } from './report-data';

const REPORTS = ['revenue', 'outstanding', 'collection', 'customers', 'cashiers'] as const;
type ReportName = (typeof REPORTS)[number];

/** The query each report takes; every report also answers `?format=csv`. */
type Params = Record<string, string>;

function Cell({ column, value }: { column: string; value: unknown }): React.JSX.Element {
  if (isRupiah(value)) return <Money amount={value} />;
  const percent = percentText(column, value);
  if (percent !== null) return <>{percent}</>;
  if (value === null || value === undefined || value === '') return <>—</>;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return <>{String(value)}</>;
  return <>{JSON.stringify(value)}</>;
}

function ReportCard({ name, params }: { name: ReportName; params: Params }): React.JSX.Element {
  const { t } = useTranslation();
  const report = useResource<unknown>(`/reports/${name}`, params);
  const { rows, totals } = reportRows(report.data);
  const columns = reportColumns(totals ? [...rows, totals] : rows);
  const numeric = (key: string): boolean =>
    rows.some((row) => typeof row[key] === 'number' || isRupiah(row[key]));
  return (
    <Card>
      <CardHeader
        title={t(`reports.${name}.title`)}
        actions={
          <ApiFileLink
            path={`/reports/${name}`}
            query={{ ...params, format: 'csv' }}
            download
            data-csv={name}
          >
            {t('billingCommon.csv')}
          </ApiFileLink>
        }
      />
      <p className="px-4 pt-3 text-xs text-zinc-500 dark:text-zinc-400">
        {t(`reports.${name}.hint`)}
      </p>
      <QueryState
        pending={report.isPending}
        error={report.isError ? report.error : null}
        empty={rows.length === 0}
        emptyTitle={t('reports.empty')}
      >
        <div data-report={name}>
          <DataTable<ReportRow>
            label={t(`reports.${name}.title`)}
            rows={rows}
            rowKey={(row) => JSON.stringify(row)}
            columns={columns.map((key) => ({
              key,
              header: t(`reports.columns.${key}`, { defaultValue: key }),
              numeric: numeric(key),
              cell: (row) => <Cell column={key} value={row[key]} />,
            }))}
            footer={
              totals && (
                <tr className="font-semibold">
                  {columns.map((key, index) => (
                    <Td key={key} className={numeric(key) ? 'text-right tabular-nums' : ''}>
                      {key in totals ? (
                        <Cell column={key} value={totals[key]} />
                      ) : index === 0 ? (
                        t('reports.total')
                      ) : null}
                    </Td>
                  ))}
                </tr>
              )
            }
          />
        </div>
      </QueryState>
    </Card>
  );
}

function firstOfYear(today: string): string {
  return `${today.slice(0, 4)}-01-01`;
}

/** Revenue, outstanding aging, collection rate, new/churned customers and cashiers. */
export function ReportsPage(): React.JSX.Element {
  const { t } = useTranslation();
  const today = todayIso();
  const [from, setFrom] = useState(() => firstOfYear(today));
  const [to, setTo] = useState(today);
  const [groupBy, setGroupBy] = useState<'month' | 'plan' | 'area'>('month');
  // Revenue, collection and customer movement are per month; cashiers and aging per day.
  const months = { from: from.slice(0, 7), to: to.slice(0, 7) };
  const params: Record<ReportName, Params> = {
    revenue: { ...months, groupBy },
    outstanding: { asOf: to },
    collection: months,
    customers: months,
    cashiers: { from, to },
  };
  return (
    <>
      <PageHeader title={t('reports.title')} description={t('reports.description')} />
      <Card className="mb-4">
        <FilterBar className="border-b-0">
          <FilterInput
            label={t('reports.from')}
            type="date"
            name="from"
            value={from}
            max={to}
            onChange={(e) => setFrom(e.target.value)}
          />
          <FilterInput
            label={t('reports.to')}
            type="date"
            name="to"
            value={to}
            min={from}
            onChange={(e) => setTo(e.target.value)}
          />
          <FilterSelect
            name="groupBy"
            label={t('reports.groupBy')}
            value={groupBy}
            onChange={(value) => setGroupBy(value || 'month')}
            options={(['month', 'plan', 'area'] as const).map((value) => ({
              value,
              label: t(`reports.groupByOptions.${value}`),
            }))}
          />
        </FilterBar>
      </Card>
      <div className="space-y-4">
        {REPORTS.map((name) => (
          <ReportCard key={name} name={name} params={params[name]} />
        ))}
      </div>
    </>
  );
}
