import type { RouterTestResult } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert';
import { errorMessage } from '../../components/problem-alert';
import { isApiError } from '../../lib/api';

/** The outcome of "Test connection": what the router said, or why it could not be reached. */
export function TestResult({
  result,
  error,
}: {
  result: RouterTestResult | undefined;
  error: unknown;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  if (error) {
    const detail = isApiError(error) ? error.problem.detail : undefined;
    return (
      <Alert tone="error" title={errorMessage(error, t)}>
        {detail && <p className="font-mono text-xs opacity-80">{detail}</p>}
      </Alert>
    );
  }
  if (!result) return null;
  if (!result.ok) {
    return (
      <Alert tone="error" title={t('routers.test.failed')}>
        {result.error}
      </Alert>
    );
  }
  const facts: [string, string | null][] = [
    [t('routers.fields.identity'), result.identity],
    [t('routers.fields.version'), result.version],
    [t('routers.fields.board'), result.board],
    [t('routers.fields.uptime'), result.uptime],
    [t('routers.fields.latency'), `${result.latencyMs} ms`],
  ];
  return (
    <Alert tone="success" title={t('routers.test.ok')}>
      <dl data-testid="test-result" className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="opacity-75">{label}</dt>
            <dd className="font-medium break-all">{value ?? '—'}</dd>
          </div>
        ))}
      </dl>
    </Alert>
  );
}
