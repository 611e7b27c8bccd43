import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { PageSpinner } from '../components/spinner';

// The usage page brings the chart code along; it loads when a customer first opens it.
const UsagePage = lazy(() =>
  import('./usage-page').then((module) => ({ default: module.UsagePage })),
);

export function UsageRoute(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<PageSpinner label={t('common.loading')} />}>
      <UsagePage />
    </Suspense>
  );
}
