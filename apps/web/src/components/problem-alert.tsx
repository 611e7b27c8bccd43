import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api';
import { Alert } from './alert';

/** A human message for any error, preferring a translation of the problem's stable code. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    const fallback = error.problem.detail ?? error.problem.title;
    return t(`errors.${error.code}`, { defaultValue: fallback, seconds: error.retryAfter ?? 0 });
  }
  if (error instanceof TypeError) return t('errors.network');
  return t('errors.unexpected');
}

export function ProblemAlert({
  error,
  className,
}: {
  error: unknown;
  className?: string;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  if (!error) return null;
  const requestId = isApiError(error) ? error.problem.requestId : undefined;
  return (
    <Alert tone="error" className={className}>
      <p>{errorMessage(error, t)}</p>
      {requestId && (
        <p className="mt-0.5 font-mono text-xs opacity-70">
          {t('errors.requestId', { id: requestId })}
        </p>
      )}
    </Alert>
  );
}
