import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { AuditLogPage } from '../features/audit/pages/AuditLogPage';
import { RequireAuth, RequireRole } from '../features/auth/components/RequireAuth';
import { LoginPage } from '../features/auth/pages/LoginPage';
import { DangerZonePage } from '../features/danger-zone/pages/DangerZonePage';
import { OverviewPage } from '../features/overview/pages/OverviewPage';
import { TenantCreatePage } from '../features/tenants/pages/TenantCreatePage';
import { TenantDetailPage } from '../features/tenants/pages/TenantDetailPage';
import { TenantsPage } from '../features/tenants/pages/TenantsPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { paths } from './paths';
import { LoadingState } from '../components/States';

// The charts library is most of the bundle: it loads with the statistics page, not before.
const StatisticsPage = lazy(() =>
  import('../features/statistics/pages/StatisticsPage').then((m) => ({ default: m.StatisticsPage })),
);

const platform = (page: ReactNode) => <RequireRole role="platform_admin">{page}</RequireRole>;

export const router = createBrowserRouter([
  { path: paths.login, element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <OverviewPage /> },
      { path: paths.tenants, element: platform(<TenantsPage />) },
      { path: paths.tenantNew, element: platform(<TenantCreatePage />) },
      { path: `${paths.tenants}/:id`, element: platform(<TenantDetailPage />) },
      {
        path: paths.statistics,
        element: platform(
          <Suspense fallback={<LoadingState label="Loading statistics…" />}>
            <StatisticsPage />
          </Suspense>,
        ),
      },
      { path: paths.audit, element: platform(<AuditLogPage />) },
      { path: paths.dangerZone, element: platform(<DangerZonePage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
