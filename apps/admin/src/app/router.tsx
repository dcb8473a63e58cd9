import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { LoadingState } from '../components/States';
import { AssistantPage } from '../features/assistant/pages/AssistantPage';
import { AuditLogPage } from '../features/audit/pages/AuditLogPage';
import { RequireAuth, RequireRole } from '../features/auth/components/RequireAuth';
import { LoginPage } from '../features/auth/pages/LoginPage';
import { BrandingPage } from '../features/branding/pages/BrandingPage';
import { CrmPage } from '../features/crm/pages/CrmPage';
import { DangerZonePage } from '../features/danger-zone/pages/DangerZonePage';
import { DeadLettersPage } from '../features/deliveries/pages/DeadLettersPage';
import { UnroutedWebhooksPage } from '../features/deliveries/pages/UnroutedWebhooksPage';
import { LeadsPage } from '../features/leads/pages/LeadsPage';
import { TenantAuditPage } from '../features/tenant-audit/pages/TenantAuditPage';
import { TenantCreatePage } from '../features/tenants/pages/TenantCreatePage';
import { TenantDetailPage } from '../features/tenants/pages/TenantDetailPage';
import { TenantsPage } from '../features/tenants/pages/TenantsPage';
import { ConversationsPage } from '../features/conversations/pages/ConversationsPage';
import { KnowledgePage } from '../features/knowledge/pages/KnowledgePage';
import { PlaygroundPage } from '../features/playground/pages/PlaygroundPage';
import { OnboardingPage } from '../features/whatsapp/pages/OnboardingPage';
import { WhatsAppPage } from '../features/whatsapp/pages/WhatsAppPage';
import { HomePage } from './HomePage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { paths } from './paths';

// The charts library is most of the bundle: it loads with the statistics page, not before.
const StatisticsPage = lazy(() =>
  import('../features/statistics/pages/StatisticsPage').then((m) => ({ default: m.StatisticsPage })),
);

const platform = (page: ReactNode) => <RequireRole role="platform_admin">{page}</RequireRole>;

const tenant = (page: ReactNode) => <RequireRole role="tenant_admin">{page}</RequireRole>;

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
      { index: true, element: <HomePage /> },
      { path: paths.onboarding, element: tenant(<OnboardingPage />) },
      { path: paths.whatsapp, element: tenant(<WhatsAppPage />) },
      { path: paths.knowledge, element: tenant(<KnowledgePage />) },
      { path: paths.conversations, element: tenant(<ConversationsPage />) },
      { path: `${paths.conversations}/:id`, element: tenant(<ConversationsPage />) },
      { path: paths.playground, element: tenant(<PlaygroundPage />) },
      { path: paths.branding, element: tenant(<BrandingPage />) },
      { path: paths.crm, element: tenant(<CrmPage />) },
      { path: paths.assistant, element: tenant(<AssistantPage />) },
      { path: paths.leads, element: tenant(<LeadsPage />) },
      { path: paths.tenantAudit, element: tenant(<TenantAuditPage />) },
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
      { path: paths.unroutedWebhooks, element: platform(<UnroutedWebhooksPage />) },
      { path: paths.deadLetters, element: platform(<DeadLettersPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
