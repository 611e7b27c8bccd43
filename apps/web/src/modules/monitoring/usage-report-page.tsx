import type { Page, UsageReportRow } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../components/button';
import { monthOf } from '../../components/chart-data';
import { FilterInput } from '../../components/filters';
import { Card, PageHeader } from '../../components/page';
import { FilterBar, PagedTable } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { api } from '../../lib/api';
import { currentLocale } from '../../lib/i18n';
import { formatBytes } from '../../lib/traffic-format';
import { useUsageReport } from './api';
import { MonitoringTabs } from './monitoring-tabs';
import { usageCsv } from './usage-csv';

const EXPORT_PAGE = 200;
/** The export stops here; a bigger network exports month by month from the API. */
const EXPORT_MAX_ROWS = 200_000;

async function fetchAll(month: string): Promise<UsageReportRow[]> {
  const rows: UsageReportRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<Page<UsageReportRow>>('/monitoring/usage', {
      month,
      limit: EXPORT_PAGE,
      cursor,
    });
    rows.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < EXPORT_MAX_ROWS);
  return rows;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Each subscriber's traffic in one month, heaviest first, with a CSV export. */
export function UsageReportPage(): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const current = monthOf(new Date());
  const [month, setMonth] = useState(current);
  const report = useUsageReport(month);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  const exportCsv = (): void => {
    setExporting(true);
    setExportError(null);
    fetchAll(month)
      .then((rows) => download(`usage-${month}.csv`, usageCsv(month, rows)))
      .catch((error: unknown) => setExportError(error))
      .finally(() => setExporting(false));
  };

  return (
    <>
      <PageHeader title={t('usageReport.title')} description={t('usageReport.description')} />
      <MonitoringTabs />
      <Card>
        <FilterBar>
          <FilterInput
            label={t('usageReport.month')}
            type="month"
            name="month"
            value={month}
            max={current}
            onChange={(event) => {
              if (/^\d{4}-\d{2}$/.test(event.target.value)) setMonth(event.target.value);
            }}
          />
          <div className="flex items-center justify-end">
            <Button size="sm" data-csv="usage" loading={exporting} onClick={exportCsv}>
              {t('usageReport.csv')}
            </Button>
          </div>
        </FilterBar>
        <ProblemAlert error={exportError} className="m-3" />
        <PagedTable<UsageReportRow>
          query={report}
          label={t('usageReport.title')}
          emptyTitle={t('usageReport.empty')}
          rowKey={(row) => row.subscriptionId}
          rowProps={(row) => ({ 'data-subscription': row.username })}
          columns={[
            {
              key: 'customer',
              header: t('monitoring.customer'),
              cell: (row) => (
                <Link
                  to={`/customers/${row.customerId}`}
                  className="font-medium text-brand-700 hover:underline dark:text-brand-300"
                >
                  {row.customerName}
                  <span className="block font-mono text-xs font-normal text-zinc-500">
                    {row.customerNumber}
                  </span>
                </Link>
              ),
            },
            {
              key: 'username',
              header: t('monitoring.username'),
              cell: (row) => <span className="font-mono text-xs">{row.username}</span>,
            },
            {
              key: 'down',
              header: t('monitoring.download'),
              numeric: true,
              className: 'whitespace-nowrap',
              cell: (row) => formatBytes(row.down, locale),
            },
            {
              key: 'up',
              header: t('monitoring.upload'),
              numeric: true,
              className: 'whitespace-nowrap',
              cell: (row) => formatBytes(row.up, locale),
            },
            {
              key: 'total',
              header: t('usageReport.total'),
              numeric: true,
              className: 'whitespace-nowrap',
              cell: (row) => (
                <span className="font-semibold">{formatBytes(row.down + row.up, locale)}</span>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
