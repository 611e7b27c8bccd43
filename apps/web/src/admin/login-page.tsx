import { loginRequestSchema } from '@jaring/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { TextField } from '../components/field';
import { LogoMark } from '../components/icons';
import { LanguageSwitch } from '../components/language-switch';
import { errorMessage } from '../components/problem-alert';
import { PageSpinner } from '../components/spinner';
import { ThemeToggle } from '../components/theme-toggle';
import { isApiError } from '../lib/api';
import { formatWait } from '../lib/duration';
import { useDocumentTitle } from '../lib/document-title';
import { currentLocale } from '../lib/i18n';
import { useLogin, useMe } from '../lib/session';
import { fieldErrorsFromIssues } from '../lib/validation';

/** Only same-site paths are followed after login, never another origin. */
function safeNext(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) {
    return '/dashboard';
  }
  return value;
}

function LoginError({ error }: { error: unknown }): React.JSX.Element {
  const { t } = useTranslation();
  if (isApiError(error) && (error.code === 'account_locked' || error.code === 'rate_limited')) {
    const when = error.retryAfter !== null ? formatWait(error.retryAfter, currentLocale()) : null;
    const key = error.code === 'account_locked' ? 'login.locked' : 'login.rateLimited';
    return (
      <Alert tone="warning" title={t(`${key}Title`)}>
        {when ? t(`${key}Retry`, { when }) : t(`${key}Later`)}
      </Alert>
    );
  }
  if (isApiError(error) && error.code === 'invalid_credentials') {
    return <Alert tone="error">{t('login.invalid')}</Alert>;
  }
  return <Alert tone="error">{errorMessage(error, t)}</Alert>;
}

export function LoginPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  useDocumentTitle(t('login.title'));

  if (me.isPending) return <PageSpinner label={t('common.loading')} />;
  if (me.data && !login.isPending) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = loginRequestSchema.safeParse({ email, password });
    if (!parsed.success) {
      setErrors(fieldErrorsFromIssues(parsed.error.issues, t));
      return;
    }
    setErrors({});
    login.mutate(parsed.data, {
      onSuccess: () => {
        void navigate(safeNext(params.get('next')), { replace: true });
      },
    });
  };

  return (
    <div className="flex min-h-dvh flex-col bg-zinc-100/60 dark:bg-zinc-950">
      <div className="flex justify-end gap-2 p-3 sm:p-4">
        <LanguageSwitch />
        <ThemeToggle />
      </div>
      <main className="flex flex-1 items-start justify-center px-4 pt-[8vh] pb-12">
        <div className="w-full max-w-sm">
          <div className="mb-6 flex flex-col items-center gap-3 text-center">
            <LogoMark width={40} height={40} />
            <div>
              <h1 className="text-xl font-semibold tracking-tight">{t('login.title')}</h1>
              <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{t('login.subtitle')}</p>
            </div>
          </div>
          <form
            onSubmit={submit}
            noValidate
            aria-label={t('login.title')}
            className="space-y-4 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
          >
            {login.error && <LoginError error={login.error} />}
            <TextField
              label={t('login.email')}
              name="email"
              type="email"
              autoComplete="username"
              inputMode="email"
              autoFocus
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              error={errors['email']}
              required
            />
            <TextField
              label={t('login.password')}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              error={errors['password']}
              required
            />
            <Button type="submit" variant="primary" className="w-full" loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </form>
          <p className="mt-6 text-center text-xs text-zinc-500 dark:text-zinc-500">
            {t('login.footer')}
          </p>
        </div>
      </main>
    </div>
  );
}
