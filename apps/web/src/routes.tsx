import { createBrowserRouter, Navigate } from 'react-router';
import { AdminLayout } from './admin/layout';
import { DashboardPage } from './admin/dashboard-page';
import { LoginPage } from './admin/login-page';
import { NotFoundPage } from './admin/not-found-page';
import { RequireAbility, RequireAuth } from './admin/require-auth';
import { PortalPage } from './portal/portal-page';
import { AuditLogPage } from './modules/audit/audit-log-page';
import { SessionsPage } from './modules/sessions/sessions-page';
import { TokensPage } from './modules/tokens/tokens-page';
import { UsersPage } from './modules/users/users-page';
import { CustomerDetailPage } from './modules/customers/customer-detail-page';
import { CustomersPage } from './modules/customers/customers-page';
import { PlansPage } from './modules/plans/plans-page';
import { RouterDetailPage } from './modules/routers/router-detail-page';
import { RoutersPage } from './modules/routers/routers-page';
import { RouterImportPage } from './modules/router-import/router-import-page';
import { TopologyPage } from './modules/topology/topology-page';
import { BillingSettingsPage } from './modules/billing-settings/billing-settings-page';
import { InvoiceDetailPage } from './modules/invoices/invoice-detail-page';
import { InvoicesPage } from './modules/invoices/invoices-page';
import { PaymentDetailPage } from './modules/payments/payment-detail-page';
import { PaymentsPage } from './modules/payments/payments-page';
import { ReportsPage } from './modules/reports/reports-page';
import { BusinessPage } from './modules/business/business-page';
import { NotificationSettingsPage } from './modules/notifications/notification-settings-page';
import { GatewaySettingsPage } from './modules/gateway-settings/gateway-settings-page';
import { OnlinePaymentsPage } from './modules/online-payments/online-payments-page';
import { TransactionDetailPage } from './modules/online-payments/transaction-detail-page';
import { MONITORING_ROUTES } from './modules/monitoring/routes';
import { DEVICE_ROUTES } from './modules/devices/routes';

type AppRouter = ReturnType<typeof createBrowserRouter>;

export function createAppRouter(): AppRouter {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    { path: '/portal/*', element: <PortalPage /> },
    {
      element: <RequireAuth />,
      children: [
        {
          element: <AdminLayout />,
          children: [
            { index: true, element: <Navigate to="/dashboard" replace /> },
            { path: 'dashboard', element: <DashboardPage /> },
            {
              path: 'customers',
              element: (
                <RequireAbility ability="customers:read">
                  <CustomersPage />
                </RequireAbility>
              ),
            },
            {
              path: 'customers/:id',
              element: (
                <RequireAbility ability="customers:read">
                  <CustomerDetailPage />
                </RequireAbility>
              ),
            },
            {
              path: 'invoices',
              element: (
                <RequireAbility ability="invoices:read">
                  <InvoicesPage />
                </RequireAbility>
              ),
            },
            {
              path: 'invoices/:id',
              element: (
                <RequireAbility ability="invoices:read">
                  <InvoiceDetailPage />
                </RequireAbility>
              ),
            },
            {
              path: 'payments',
              element: (
                <RequireAbility ability="payments:read">
                  <PaymentsPage />
                </RequireAbility>
              ),
            },
            {
              path: 'payments/online',
              element: (
                <RequireAbility ability="payments:read">
                  <OnlinePaymentsPage />
                </RequireAbility>
              ),
            },
            {
              path: 'payments/online/:id',
              element: (
                <RequireAbility ability="payments:read">
                  <TransactionDetailPage />
                </RequireAbility>
              ),
            },
            {
              path: 'payments/:id',
              element: (
                <RequireAbility ability="payments:read">
                  <PaymentDetailPage />
                </RequireAbility>
              ),
            },
            {
              path: 'reports',
              element: (
                <RequireAbility ability="reports:read">
                  <ReportsPage />
                </RequireAbility>
              ),
            },
            {
              path: 'reports/business',
              element: (
                <RequireAbility ability="reports:read">
                  <BusinessPage />
                </RequireAbility>
              ),
            },
            {
              path: 'settings/billing',
              element: (
                <RequireAbility ability="settings:read">
                  <BillingSettingsPage />
                </RequireAbility>
              ),
            },
            {
              path: 'settings/notifications',
              element: (
                <RequireAbility ability="settings:read">
                  <NotificationSettingsPage />
                </RequireAbility>
              ),
            },
            {
              path: 'settings/payment-gateways',
              element: (
                <RequireAbility ability="settings:read">
                  <GatewaySettingsPage />
                </RequireAbility>
              ),
            },
            {
              path: 'routers',
              element: (
                <RequireAbility ability="routers:read">
                  <RoutersPage />
                </RequireAbility>
              ),
            },
            {
              path: 'routers/:id',
              element: (
                <RequireAbility ability="routers:read">
                  <RouterDetailPage />
                </RequireAbility>
              ),
            },
            {
              path: 'routers/:id/import',
              element: (
                <RequireAbility ability="routers:write">
                  <RouterImportPage />
                </RequireAbility>
              ),
            },
            {
              path: 'plans',
              element: (
                <RequireAbility ability="plans:read">
                  <PlansPage />
                </RequireAbility>
              ),
            },
            {
              path: 'topology',
              element: (
                <RequireAbility ability="topology:read">
                  <TopologyPage />
                </RequireAbility>
              ),
            },
            {
              path: 'users',
              element: (
                <RequireAbility ability="users:read">
                  <UsersPage />
                </RequireAbility>
              ),
            },
            {
              path: 'tokens',
              element: (
                <RequireAbility ability="tokens:manage">
                  <TokensPage />
                </RequireAbility>
              ),
            },
            {
              path: 'sessions',
              element: (
                <RequireAbility ability="sessions:manage">
                  <SessionsPage />
                </RequireAbility>
              ),
            },
            {
              path: 'audit',
              element: (
                <RequireAbility ability="audit:read">
                  <AuditLogPage />
                </RequireAbility>
              ),
            },
            ...MONITORING_ROUTES,
            ...DEVICE_ROUTES,
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
