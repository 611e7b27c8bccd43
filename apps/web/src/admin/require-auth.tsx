import type { Ability } from '@jaring/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Alert } from '../components/alert';
import { PageSpinner } from '../components/spinner';
import { ProblemAlert } from '../components/problem-alert';
import { can, didLogOut, useMe } from '../lib/session';

/** Renders the staff area only for a signed-in user; everyone else goes to the login page. */
export function RequireAuth(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <PageSpinner label={t('common.loading')} />;
  if (me.isError) {
    return (
      <div className="mx-auto max-w-md p-6">
        <ProblemAlert error={me.error} />
      </div>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    const plain = didLogOut() || next === '/' || next === '/dashboard';
    const search = plain ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/login${search}`} replace />;
  }
  return <Outlet />;
}

export function RequireAbility({
  ability,
  children,
}: {
  ability: Ability;
  children: ReactNode;
}): React.JSX.Element {
  const { t } = useTranslation();
  const me = useMe();
  if (!can(me.data, ability)) {
    return (
      <Alert tone="warning" title={t('errors.forbidden')}>
        {t('errors.forbiddenHint')}
      </Alert>
    );
  }
  return <>{children}</>;
}
