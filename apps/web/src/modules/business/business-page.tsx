import type { BusinessDashboard, BusinessMonth, Locale } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BarChart, LineChart, type ChartSeries } from '../../components/charts/xy-chart';
import { cx } from '../../components/cx';
import { todayIso } from '../../components/dates';
import { FilterInput } from '../../components/filters';
import { ArrowDownIcon, ArrowUpIcon } from '../../components/icons';
import { Card, PageHeader } from '../../components/page';
import { QueryState } from '../../components/paged-table';
import { useResource } from '../../components/resource';
import { CardHeader } from '../../components/section';
import { Segmented } from '../../components/segmented';
import { formatDate } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { formatRupiah } from '../../lib/network-format';
import {
  changeOf,
  formatBp,
  formatCompact,
  formatCount,
  formatKpi,
  formatPercent,
  KPIS,
  monthLabel,
  plotBp,
  plotRupiah,
  type KpiDef,
  type KpiKey,
} from './business-data';

const RANGES = ['6', '12', '24', '36'] as const;
type Range = (typeof RANGES)[number];

/** The cards, in rows of four: subscribers, revenue, then collection and network health. */
const GROUPS: readonly { key: string; kpis: readonly KpiKey[] }[] = [
  {
    key: 'subscribers',
    kpis: ['activeSubscribers', 'newSubscriptions', 'churnedSubscriptions', 'churnRate'],
  },
  { key: 'revenue', kpis: ['mrr', 'arpu', 'invoiced', 'collected'] },
  {
    key: 'health',
    kpis: ['collectionRate', 'outstanding', 'paymentSuccessRate', 'networkUptime'],
  },
];

function kpi(key: KpiKey): KpiDef {
  const def = KPIS.find((k) => k.key === key);
  if (!def) throw new Error(`unknown KPI ${key}`);
  return def;
}

function KpiCard({
  def,
  current,
  previous,
  locale,
}: {
  def: KpiDef;
  current: BusinessMonth;
  previous: BusinessMonth | null;
  locale: Locale;
}): React.JSX.Element {
  const { t } = useTranslation();
  const value = def.read(current);
  const change = previous ? changeOf(def, value, def.read(previous), locale) : null;
  const Arrow = change?.direction === 'down' ? ArrowDownIcon : ArrowUpIcon;
  return (
    <Card className="p-4">
      <div data-kpi={def.key} title={t(`business.kpi.${def.key}.hint`)}>
        <p className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
          {t(`business.kpi.${def.key}.label`)}
        </p>
        <p
          className={cx(
            'mt-1 font-semibold tracking-tight break-words tabular-nums',
            // Rupiah run to 17 characters and more (Rp 12.406.581.000): a size smaller fits.
            def.format === 'rupiah' ? 'text-xl' : 'text-2xl',
          )}
        >
          {formatKpi(def.format, value, locale)}
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-x-1.5 text-xs">
          {change ? (
            <span
              data-change={change.direction}
              className={cx(
                'inline-flex items-center gap-0.5 font-medium tabular-nums',
                change.tone === 'good' && 'text-emerald-700 dark:text-emerald-400',
                change.tone === 'bad' && 'text-red-700 dark:text-red-400',
                change.tone === 'neutral' && 'text-zinc-500 dark:text-zinc-400',
              )}
            >
              {change.direction !== 'flat' && (
                <Arrow
                  width={12}
                  height={12}
                  aria-label={t(`business.${change.direction}`)}
                  aria-hidden={false}
                  role="img"
                />
              )}
              {change.delta}
              {change.relative && <span className="font-normal">({change.relative})</span>}
            </span>
          ) : (
            <span className="text-zinc-400 dark:text-zinc-500">
              {value === null ? t('business.noData') : '—'}
            </span>
          )}
          {previous && change && (
            <span className="text-zinc-500 dark:text-zinc-400">
              {t('business.vsPrevious', { month: monthLabel(previous.month, locale, true) })}
            </span>
          )}
        </div>
        {def.flow && current.partial && (
          <p className="mt-1 text-[11px] text-zinc-400 dark:text-zinc-500">
            {t('business.monthToDate')}
          </p>
        )}
      </div>
    </Card>
  );
}

function ChartCard({
  title,
  hint,
  children,
}: {
  title: string;
  hint?: string;
  children: React.ReactNode;
}): React.JSX.Element {
  return (
    <Card>
      <CardHeader title={title} />
      <div className="p-4">
        {children}
        {hint && <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">{hint}</p>}
      </div>
    </Card>
  );
}

function Trends({ trend, locale }: { trend: BusinessMonth[]; locale: Locale }): React.JSX.Element {
  const { t } = useTranslation();
  const categories = trend.map((m) => monthLabel(m.month, locale));
  const categoryTitles = trend.map(
    (m) => `${monthLabel(m.month, locale, true)}${m.partial ? ` (${t('business.toDate')})` : ''}`,
  );
  const axis = { categories, categoryTitles, missingText: t('business.noData') };
  const count = (v: number): string => formatCount(v, locale);
  const compact = (v: number): string => formatCompact(v, locale);
  const percent = (v: number): string => formatPercent(v, locale);
  const money = (
    key: string,
    label: string,
    tone: ChartSeries['tone'],
    values: string[],
  ): ChartSeries => ({
    key,
    label,
    tone,
    values: plotRupiah(values),
    display: values.map((v) => formatRupiah(v)),
  });
  const bp = (
    key: string,
    label: string,
    tone: ChartSeries['tone'],
    values: (number | null)[],
  ): ChartSeries => ({
    key,
    label,
    tone,
    values: plotBp(values),
    display: values.map((v) => (v === null ? null : formatBp(v, locale))),
  });
  const uptime = trend.map((m) => m.networkUptimePercent);
  return (
    <div className="mt-6 grid gap-4 lg:grid-cols-2">
      <ChartCard title={t('business.charts.subscribers')}>
        <LineChart
          {...axis}
          label={t('business.charts.subscribers')}
          formatTick={count}
          series={[
            {
              key: 'active',
              label: t('business.kpi.activeSubscribers.label'),
              tone: 'brand',
              values: trend.map((m) => m.activeSubscribers),
            },
          ]}
        />
      </ChartCard>
      <ChartCard title={t('business.charts.movement')}>
        <BarChart
          {...axis}
          label={t('business.charts.movement')}
          formatTick={count}
          series={[
            {
              key: 'new',
              label: t('business.kpi.newSubscriptions.label'),
              tone: 'brand',
              values: trend.map((m) => m.newSubscriptions),
            },
            {
              key: 'churned',
              label: t('business.kpi.churnedSubscriptions.label'),
              tone: 'rose',
              values: trend.map((m) => m.churnedSubscriptions),
            },
          ]}
        />
      </ChartCard>
      <ChartCard title={t('business.charts.mrr')} hint={t('business.kpi.mrr.hint')}>
        <LineChart
          {...axis}
          label={t('business.charts.mrr')}
          formatTick={compact}
          series={[
            money(
              'mrr',
              t('business.kpi.mrr.label'),
              'brand',
              trend.map((m) => m.mrr),
            ),
          ]}
        />
      </ChartCard>
      <ChartCard title={t('business.charts.money')}>
        <BarChart
          {...axis}
          label={t('business.charts.money')}
          formatTick={compact}
          series={[
            money(
              'invoiced',
              t('business.kpi.invoiced.label'),
              'zinc',
              trend.map((m) => m.invoiced),
            ),
            money(
              'collected',
              t('business.kpi.collected.label'),
              'brand',
              trend.map((m) => m.collected),
            ),
          ]}
        />
      </ChartCard>
      <ChartCard title={t('business.charts.rates')}>
        <LineChart
          {...axis}
          label={t('business.charts.rates')}
          formatTick={percent}
          series={[
            bp(
              'collection',
              t('business.kpi.collectionRate.label'),
              'brand',
              trend.map((m) => m.collectionRateBp),
            ),
            bp(
              'success',
              t('business.kpi.paymentSuccessRate.label'),
              'sky',
              trend.map((m) => m.paymentSuccessRateBp),
            ),
          ]}
        />
      </ChartCard>
      <ChartCard title={t('business.charts.outstanding')}>
        <LineChart
          {...axis}
          label={t('business.charts.outstanding')}
          formatTick={compact}
          series={[
            money(
              'outstanding',
              t('business.kpi.outstanding.label'),
              'amber',
              trend.map((m) => m.outstanding),
            ),
          ]}
        />
      </ChartCard>
      <ChartCard title={t('business.charts.churnRate')} hint={t('business.kpi.churnRate.hint')}>
        <LineChart
          {...axis}
          label={t('business.charts.churnRate')}
          formatTick={percent}
          series={[
            bp(
              'churn',
              t('business.kpi.churnRate.label'),
              'rose',
              trend.map((m) => m.churnRateBp),
            ),
          ]}
        />
      </ChartCard>
      <ChartCard title={t('business.charts.uptime')}>
        {uptime.every((v) => v === null) ? (
          <p className="flex h-[180px] items-center justify-center text-sm text-zinc-500 dark:text-zinc-400">
            {t('business.uptimeEmpty')}
          </p>
        ) : (
          <LineChart
            {...axis}
            label={t('business.charts.uptime')}
            formatTick={percent}
            yMax={100}
            zeroBased={false}
            series={[
              {
                key: 'uptime',
                label: t('business.kpi.networkUptime.label'),
                tone: 'violet',
                values: uptime,
                display: uptime.map((v) => (v === null ? null : formatPercent(v, locale))),
              },
            ]}
          />
        )}
      </ChartCard>
    </div>
  );
}

/** The owner's and finance's monthly figures: where the business stands and where it goes. */
export function BusinessPage(): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const today = todayIso();
  const [range, setRange] = useState<Range>('12');
  // Empty: today, as the server counts it (its clock and timezone, not this browser's).
  const [asOf, setAsOf] = useState('');
  const dashboard = useResource<BusinessDashboard>('/reports/business', {
    months: range,
    asOf: asOf || undefined,
  });
  const data = dashboard.data;
  return (
    <>
      <PageHeader
        title={t('business.title')}
        description={t('business.description')}
        actions={
          <>
            <FilterInput
              label={t('business.asOfLabel')}
              type="date"
              name="asOf"
              value={asOf}
              max={today}
              onChange={(e) => setAsOf(e.target.value)}
            />
            <Segmented<Range>
              label={t('business.range')}
              value={range}
              onChange={setRange}
              options={RANGES.map((value) => ({
                value,
                label: t('business.rangeOption', { count: Number(value) }),
                content: (
                  <span className="px-1.5 whitespace-nowrap">
                    {t('business.rangeOption', { count: Number(value) })}
                  </span>
                ),
              }))}
            />
          </>
        }
      />
      <QueryState
        pending={dashboard.isPending}
        error={dashboard.isError ? dashboard.error : null}
        empty={false}
        emptyTitle=""
      >
        {data && (
          <div data-business-dashboard={data.asOf}>
            <p className="mb-3 text-xs text-zinc-500 dark:text-zinc-400">
              {t('business.asOf', {
                date: formatDate(`${data.asOf}T12:00:00Z`, locale),
                month: monthLabel(data.current.month, locale, true),
              })}
            </p>
            <div className="space-y-5">
              {GROUPS.map((group) => (
                <section key={group.key} aria-labelledby={`business-${group.key}`}>
                  <h2
                    id={`business-${group.key}`}
                    className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400"
                  >
                    {t(`business.groups.${group.key}`)}
                  </h2>
                  <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
                    {group.kpis.map((key) => (
                      <KpiCard
                        key={key}
                        def={kpi(key)}
                        current={data.current}
                        previous={data.previous}
                        locale={locale}
                      />
                    ))}
                  </div>
                </section>
              ))}
            </div>
            <Trends trend={data.trend} locale={locale} />
            <details className="mt-6 rounded-lg border border-zinc-200 bg-white p-4 text-sm shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
              <summary className="cursor-pointer font-medium">{t('business.definitions')}</summary>
              <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-2">
                {KPIS.map((def) => (
                  <div key={def.key}>
                    <dt className="font-medium">{t(`business.kpi.${def.key}.label`)}</dt>
                    <dd className="text-zinc-600 dark:text-zinc-300">
                      {t(`business.kpi.${def.key}.hint`)}
                    </dd>
                  </div>
                ))}
              </dl>
            </details>
          </div>
        )}
      </QueryState>
    </>
  );
}
