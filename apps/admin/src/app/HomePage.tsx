import { useCurrentUser } from '../features/auth/session';
import { OverviewPage } from '../features/overview/pages/OverviewPage';
import { TenantOverviewPage } from '../features/tenant-overview/pages/TenantOverviewPage';

/** "/" is each role's own overview. */
export function HomePage() {
  return useCurrentUser().role === 'platform_admin' ? <OverviewPage /> : <TenantOverviewPage />;
}
