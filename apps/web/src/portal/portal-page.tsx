import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageSpinner } from '../components/spinner';
import { ProblemAlert } from '../components/problem-alert';
import { setPortalSignedOutHandler } from './api';
import { CheckoutPage } from './checkout-page';
import { DashboardPage } from './dashboard-page';
import { InvoicePage } from './invoice-page';
import { InvoicesPage } from './invoices-page';
import { PortalLayout } from './layout';
import { LinkPage } from './link-page';
import { PortalLoginPage } from './login-page';
import { PaymentsPage } from './payments-page';
import { ProfilePage } from './profile-page';
import { clearPortalSession, usePortalMe } from './session';
import { UsageRoute } from './usage-route';
import { WifiPage } from './wifi-page';

/** Pages that need a signed-in customer; anyone else goes to the portal login first. */
function RequireCustomer(): React.JSX.Element {
  const { t } = useTranslation();
  const me = usePortalMe();
  const location = useLocation();
  if (me.isPending) return <PageSpinner label={t('common.loading')} />;
  if (me.error) return <ProblemAlert error={me.error} className="m-4" />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/portal/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <PortalLayout />;
}

function NotFound(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="py-10 text-center">
      <h1 className="text-lg font-semibold">{t('portal.notFound.title')}</h1>
      <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{t('portal.notFound.hint')}</p>
    </div>
  );
}

/** The customer portal (`/portal/*`): its own session, routes and phone-first layout. */
export function PortalPage(): React.JSX.Element {
  const client = useQueryClient();
  useEffect(() => {
    setPortalSignedOutHandler(() => clearPortalSession(client));
    return () => setPortalSignedOutHandler(null);
  }, [client]);

  return (
    <Routes>
      <Route path="login" element={<PortalLoginPage />} />
      <Route path="link/:token" element={<LinkPage />} />
      <Route element={<RequireCustomer />}>
        <Route index element={<DashboardPage />} />
        <Route path="invoices" element={<InvoicesPage />} />
        <Route path="invoices/:id" element={<InvoicePage />} />
        <Route path="payments" element={<PaymentsPage />} />
        <Route path="usage" element={<UsageRoute />} />
        <Route path="wifi" element={<WifiPage />} />
        <Route path="checkouts/:id" element={<CheckoutPage />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
