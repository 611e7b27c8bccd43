import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert } from '../components/alert';
import { errorMessage } from '../components/problem-alert';
import { PageSpinner } from '../components/spinner';
import { isApiError } from '../lib/api';
import { usePortalLinkExchange } from './session';
import { PortalShell } from './shell';

/** `/portal/link/:token`: a one-time link from a reminder signs the customer in, once. */
export function LinkPage(): React.JSX.Element {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const exchange = usePortalLinkExchange();
  const navigate = useNavigate();
  // A link works once: React's development double effect must not spend it twice.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    exchange.mutate(token, {
      onSuccess: (session) =>
        void navigate(
          session.invoiceId
            ? `/portal/invoices/${encodeURIComponent(session.invoiceId)}`
            : '/portal',
          { replace: true },
        ),
    });
  }, [exchange, navigate, token]);

  if (!exchange.error) {
    return (
      <PortalShell title={t('portal.link.title')}>
        <PageSpinner label={t('portal.link.signingIn')} />
      </PortalShell>
    );
  }
  const spent =
    isApiError(exchange.error) &&
    (exchange.error.code === 'invalid_credentials' || exchange.error.code === 'validation_failed');
  return (
    <PortalShell title={t('portal.link.invalidTitle')}>
      <Alert tone="warning">
        {spent ? t('portal.link.invalid') : errorMessage(exchange.error, t)}
      </Alert>
      <p className="mt-4 text-center text-sm">
        <Link
          to="/portal/login"
          className="font-medium text-brand-700 hover:underline dark:text-brand-400"
        >
          {t('portal.link.toLogin')}
        </Link>
      </p>
    </PortalShell>
  );
}
