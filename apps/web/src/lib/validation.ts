import type { TFunction } from 'i18next';
import type { ApiError } from './api';

interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
  format?: string;
  origin?: string;
}

const NUMERIC_ORIGINS: ReadonlySet<string | undefined> = new Set(['number', 'int', 'bigint']);

function issueMessage(issue: IssueLike, t: TFunction): string {
  const origin = issue.origin;
  // A number out of range says the bound, not a count of characters.
  if (NUMERIC_ORIGINS.has(origin) && (issue.code === 'too_small' || issue.code === 'too_big')) {
    const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
    return t(issue.code === 'too_small' ? 'validation.atLeast' : 'validation.atMost', {
      value: Number(bound),
    });
  }
  switch (issue.code) {
    case 'too_small':
      if (origin === 'array')
        return t('validation.chooseAtLeast', { count: Number(issue.minimum) });
      if (Number(issue.minimum) <= 1) return t('validation.required');
      return t('validation.tooShort', { count: Number(issue.minimum) });
    case 'too_big':
      return t('validation.tooLong', { count: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.invalid');
    case 'invalid_value':
      return t('validation.choose');
    default:
      return t('validation.invalid');
  }
}

/** Turns a Zod error into translated messages keyed by the first path segment. */
export function fieldErrorsFromIssues(
  issues: readonly IssueLike[],
  t: TFunction,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    errors[key] ??= issueMessage(issue, t);
  }
  return errors;
}

/** Server-side field errors from problem+json `errors[]`, keyed by the first path segment. */
export function serverFieldErrors(error: ApiError, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const item of error.problem.errors ?? []) {
    const key = item.path.split('.')[0] ?? item.path;
    errors[key] ??= t([`validation.server.${item.code}`, `errors.${item.code}`], {
      defaultValue: item.message,
    });
  }
  if (error.code === 'email_taken') errors['email'] ??= t('errors.email_taken');
  return errors;
}
