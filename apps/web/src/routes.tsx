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
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
