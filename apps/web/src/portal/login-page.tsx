import { portalLoginSchema } from '@jaring/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { TextField } from '../components/field';
import { errorMessage } from '../components/problem-alert';
import { PageSpinner } from '../components/spinner';
import { isApiError } from '../lib/api';
import { formatWait } from '../lib/duration';
import { currentLocale } from '../lib/i18n';
import { fieldErrorsFromIssues } from '../lib/validation';
import { safePortalNext } from './next';
import { usePortalLogin, usePortalMe } from './session';
import { PortalShell } from './shell';

function LoginError({ error }: { error: unknown }): React.JSX.Element {
  const { t } = useTranslation();
  if (isApiError(error) && error.code === 'rate_limited') {
    const when = error.retryAfter !== null ? formatWait(error.retryAfter, currentLocale()) : null;
    return (
      <Alert tone="warning" title={t('portal.login.rateLimitedTitle')}>
        {when ? t('portal.login.rateLimitedRetry', { when }) : t('portal.login.rateLimitedLater')}
      </Alert>
    );
  }
  if (isApiError(error) && error.code === 'invalid_credentials') {
    return <Alert tone="error">{t('portal.login.invalid')}</Alert>;
  }
  return <Alert tone="error">{errorMessage(error, t)}</Alert>;
}

export function PortalLoginPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = usePortalMe();
  const login = usePortalLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  if (me.isPending) return <PageSpinner label={t('common.loading')} />;
  if (me.data && !login.isPending) {
    return <Navigate to={safePortalNext(params.get('next'))} replace />;
  }

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = portalLoginSchema.safeParse({ login: name, password });
    if (!parsed.success) {
      setErrors(fieldErrorsFromIssues(parsed.error.issues, t));
      return;
    }
    setErrors({});
    login.mutate(parsed.data, {
      onSuccess: () => void navigate(safePortalNext(params.get('next')), { replace: true }),
    });
  };

  return (
    <PortalShell title={t('portal.login.title')} subtitle={t('portal.login.subtitle')}>
      <form
        name="portal-login"
        onSubmit={submit}
        noValidate
        aria-label={t('portal.login.title')}
        className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6 dark:border-zinc-800 dark:bg-zinc-900"
      >
        {login.error && <LoginError error={login.error} />}
        <TextField
          label={t('portal.login.login')}
          hint={t('portal.login.loginHint')}
          name="login"
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          autoFocus
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors['login']}
          required
        />
        <TextField
          label={t('portal.login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors['password']}
          required
        />
        <Button type="submit" variant="primary" className="w-full" loading={login.isPending}>
          {t('portal.login.submit')}
        </Button>
      </form>
      <p className="mt-6 text-center text-xs text-zinc-500">{t('portal.login.help')}</p>
    </PortalShell>
  );
}
