import type { RouterImportPreview, RouterImportResult } from '@jaring/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { Card, EmptyState, PageHeader } from '../../components/page';
import { ProblemAlert } from '../../components/problem-alert';
import { CardHeader } from '../../components/section';
import { Table, Td, Th } from '../../components/table';
import { currentLocale } from '../../lib/i18n';
import { formatRupiah, percentToBp, rupiahDigits } from '../../lib/network-format';
import { useRouter } from '../routers/api';
import { useImportPreview, useRunImport, type RunImportBody } from './api';
import { Pager, usePaged } from './pager';
import { profileOutcome, ProfilesTable } from './profiles-table';
import { WorkProgress } from './progress';
import { StepIndicator, type Step } from './steps';
import { UsersTable } from './users-table';
import { importReason } from './reasons';

const LINK_CLASS = 'font-medium text-brand-700 hover:underline dark:text-brand-300';

interface Pricing {
  prices: Record<string, string>;
  defaultPrice: string;
  taxPercent: string;
}

type PricingErrors = Partial<Record<'defaultPrice' | 'taxPercent', string>>;

/** Checks the prices and PPN and builds the request, or says what to fix. */
function buildBody(
  preview: RouterImportPreview,
  pricing: Pricing,
  t: (key: string) => string,
): { body: RunImportBody; errors: PricingErrors } {
  const errors: PricingErrors = {};
  const newProfiles = preview.profiles.filter((p) => profileOutcome(p) === 'new');
  const prices: Record<string, string> = {};
  for (const profile of newProfiles) {
    const price = pricing.prices[profile.profile];
    if (price) prices[profile.profile] = price;
  }
  if (pricing.defaultPrice === '' && newProfiles.some((p) => !prices[p.profile])) {
    errors.defaultPrice = t('routerImport.errors.priceMissing');
  }
  const taxRateBp = percentToBp(pricing.taxPercent);
  if (Number.isNaN(taxRateBp) || taxRateBp > 10_000) {
    errors.taxPercent = t('routerImport.errors.tax');
  }
  return {
    body: { prices, defaultPrice: pricing.defaultPrice || '0', taxRateBp },
    errors,
  };
}

export function RouterImportPage(): React.JSX.Element {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const router = useRouter(id);
  const preview = useImportPreview(id);
  const run = useRunImport(id);
  const [step, setStep] = useState<Step>('review');
  const [pricing, setPricing] = useState<Pricing>({
    prices: {},
    defaultPrice: '',
    taxPercent: '11',
  });
  const [errors, setErrors] = useState<PricingErrors>({});
  const routerName = router.data?.name ?? '';

  const next = (): void => {
    if (!preview.data) return;
    const checked = buildBody(preview.data, pricing, t);
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length === 0) setStep('confirm');
  };

  const start = (): void => {
    if (!preview.data) return;
    const { body } = buildBody(preview.data, pricing, t);
    run.mutate(body, { onSuccess: () => setStep('done') });
  };

  return (
    <>
      <nav className="mb-2 text-sm">
        <Link to={`/routers/${id}`} className="text-zinc-500 hover:underline dark:text-zinc-400">
          ← {routerName || t('routers.title')}
        </Link>
      </nav>
      <PageHeader
        title={t('routerImport.title')}
        description={routerName ? t('routerImport.description', { name: routerName }) : undefined}
      />
      <StepIndicator current={step} />
      {preview.isPending ? (
        <Card>
          <WorkProgress label={t('routerImport.reading')} hint={t('routerImport.readingHint')} />
        </Card>
      ) : preview.isError ? (
        <div className="space-y-3">
          <ProblemAlert error={preview.error} />
          <Button onClick={() => void preview.refetch()} loading={preview.isFetching}>
            {t('routerImport.retry')}
          </Button>
        </div>
      ) : step === 'review' ? (
        <ReviewStep
          preview={preview.data}
          pricing={pricing}
          errors={errors}
          onPricing={setPricing}
          onReload={() => void preview.refetch()}
          reloading={preview.isFetching}
          onNext={next}
        />
      ) : step === 'confirm' ? (
        <ConfirmStep
          preview={preview.data}
          pricing={pricing}
          running={run.isPending}
          error={run.error}
          onBack={() => {
            run.reset();
            setStep('review');
          }}
          onRun={start}
        />
      ) : run.data ? (
        <ResultStep result={run.data} routerId={id} />
      ) : null}
    </>
  );
}

function Counts({ items }: { items: readonly [string, number, string][] }): React.JSX.Element {
  const locale = currentLocale();
  return (
    <dl className="grid grid-cols-3 gap-3">
      {items.map(([label, value, key]) => (
        <Card key={key} className="px-4 py-3">
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
          <dd className="mt-0.5 text-2xl font-semibold tabular-nums" data-count={key}>
            {value.toLocaleString(locale === 'en' ? 'en-GB' : 'id-ID')}
          </dd>
        </Card>
      ))}
    </dl>
  );
}

function ReviewStep({
  preview,
  pricing,
  errors,
  onPricing,
  onReload,
  reloading,
  onNext,
}: {
  preview: RouterImportPreview;
  pricing: Pricing;
  errors: PricingErrors;
  onPricing: (pricing: Pricing) => void;
  onReload: () => void;
  reloading: boolean;
  onNext: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const newPlans = preview.profiles.filter((p) => profileOutcome(p) === 'new').length;
  const nothing = preview.counts.importable === 0;

  return (
    <div className="space-y-4">
      <Counts
        items={[
          [t('routerImport.counts.found'), preview.counts.found, 'found'],
          [t('routerImport.counts.importable'), preview.counts.importable, 'importable'],
          [t('routerImport.counts.skipped'), preview.counts.skipped, 'skipped'],
        ]}
      />
      {nothing && <Alert tone="warning">{t('routerImport.nothing')}</Alert>}
      <Card>
        <CardHeader
          title={t('routerImport.profiles.title')}
          actions={
            <Button size="sm" loading={reloading} onClick={onReload}>
              {t('routerImport.reload')}
            </Button>
          }
        />
        {preview.profiles.length === 0 ? (
          <EmptyState title={t('routerImport.profiles.empty')} />
        ) : (
          <ProfilesTable
            profiles={preview.profiles}
            prices={pricing.prices}
            defaultPrice={pricing.defaultPrice}
            onPrice={(profile, digits) =>
              onPricing({ ...pricing, prices: { ...pricing.prices, [profile]: digits } })
            }
          />
        )}
        {newPlans > 0 && (
          <div className="grid gap-4 border-t border-zinc-200 p-4 sm:grid-cols-3 dark:border-zinc-800">
            <TextField
              label={t('routerImport.defaultPrice')}
              name="defaultPrice"
              inputMode="numeric"
              autoComplete="off"
              placeholder="Rp 150.000"
              value={pricing.defaultPrice === '' ? '' : formatRupiah(pricing.defaultPrice)}
              onChange={(event) =>
                onPricing({ ...pricing, defaultPrice: rupiahDigits(event.target.value) })
              }
              error={errors.defaultPrice}
              hint={t('routerImport.defaultPriceHint')}
            />
            <TextField
              label={t('routerImport.tax')}
              name="taxPercent"
              inputMode="decimal"
              autoComplete="off"
              value={pricing.taxPercent}
              onChange={(event) =>
                onPricing({ ...pricing, taxPercent: event.target.value.replace(/[^\d.,]/g, '') })
              }
              error={errors.taxPercent}
              hint={t('routerImport.taxHint')}
            />
          </div>
        )}
      </Card>
      <Card>
        <CardHeader title={t('routerImport.users.title')} />
        <UsersTable users={preview.users} />
      </Card>
      <div className="flex justify-end">
        <Button variant="primary" disabled={nothing} onClick={onNext} data-action="next">
          {t('routerImport.next')}
        </Button>
      </div>
    </div>
  );
}

function ConfirmStep({
  preview,
  pricing,
  running,
  error,
  onBack,
  onRun,
}: {
  preview: RouterImportPreview;
  pricing: Pricing;
  running: boolean;
  error: Error | null;
  onBack: () => void;
  onRun: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const newProfiles = useMemo(
    () => preview.profiles.filter((p) => profileOutcome(p) === 'new'),
    [preview.profiles],
  );

  if (running) {
    return (
      <Card>
        <WorkProgress
          label={t('routerImport.running', { count: preview.counts.importable })}
          hint={t('routerImport.runningHint')}
        />
      </Card>
    );
  }

  return (
    <div className="space-y-4">
      <Card>
        <CardHeader title={t('routerImport.confirm.title')} />
        <div className="space-y-3 p-4 text-sm">
          <ul className="list-disc space-y-1 pl-5">
            <li>{t('routerImport.confirm.plans', { count: newProfiles.length })}</li>
            <li>{t('routerImport.confirm.users', { count: preview.counts.importable })}</li>
            <li>{t('routerImport.confirm.skipped', { count: preview.counts.skipped })}</li>
            {newProfiles.length > 0 && (
              <li>{t('routerImport.confirm.tax', { percent: pricing.taxPercent })}</li>
            )}
          </ul>
          <p className="text-zinc-500 dark:text-zinc-400">{t('routerImport.confirm.note')}</p>
        </div>
        {newProfiles.length > 0 && (
          <ProfilesTable
            profiles={newProfiles}
            prices={pricing.prices}
            defaultPrice={pricing.defaultPrice}
            onPrice={() => undefined}
            readOnly
          />
        )}
      </Card>
      <ProblemAlert error={error} />
      <div className="flex justify-end gap-2">
        <Button onClick={onBack}>{t('routerImport.back')}</Button>
        <Button variant="primary" onClick={onRun} data-action="run">
          {t('routerImport.run', { count: preview.counts.importable })}
        </Button>
      </div>
    </div>
  );
}

function ResultStep({
  result,
  routerId,
}: {
  result: RouterImportResult;
  routerId: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const paged = usePaged(result.skipped, 'skipped');
  return (
    <div className="space-y-4" data-import-result="done">
      <Alert tone="success" title={t('routerImport.result.title')}>
        {t('routerImport.result.hint')}
      </Alert>
      <Counts
        items={[
          [t('routerImport.result.plans'), result.plansCreated, 'plans'],
          [t('routerImport.result.customers'), result.customersCreated, 'customers'],
          [t('routerImport.result.subscriptions'), result.subscriptionsCreated, 'subscriptions'],
        ]}
      />
      <div className="flex flex-wrap gap-4 text-sm">
        <Link to="/customers" className={LINK_CLASS} data-link="customers">
          {t('routerImport.result.toCustomers')}
        </Link>
        <Link to={`/routers/${routerId}`} className={LINK_CLASS} data-link="router">
          {t('routerImport.result.toRouter')}
        </Link>
      </div>
      {result.skipped.length > 0 && (
        <Card>
          <CardHeader title={t('routerImport.result.skipped', { count: result.skipped.length })} />
          <Table label={t('routerImport.result.skipped', { count: result.skipped.length })}>
            <thead>
              <tr>
                <Th>{t('routerImport.users.username')}</Th>
                <Th>{t('routerImport.result.reason')}</Th>
              </tr>
            </thead>
            <tbody>
              {paged.rows.map((row, i) => (
                <tr key={`${paged.page}:${i}`} data-skipped={row.username}>
                  <Td className="font-mono break-all">{row.username}</Td>
                  <Td className="text-zinc-500 dark:text-zinc-400">
                    {importReason(row.reason, t)}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pager paged={paged} />
        </Card>
      )}
    </div>
  );
}
