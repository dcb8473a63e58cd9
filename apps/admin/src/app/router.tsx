import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { AssistantPage } from '../features/assistant/pages/AssistantPage';
import { RequireAuth, RequireRole } from '../features/auth/components/RequireAuth';
import { LoginPage } from '../features/auth/pages/LoginPage';
import { BrandingPage } from '../features/branding/pages/BrandingPage';
import { CrmPage } from '../features/crm/pages/CrmPage';
import { LeadsPage } from '../features/leads/pages/LeadsPage';
import { TenantAuditPage } from '../features/tenant-audit/pages/TenantAuditPage';
import { WhatsAppPage } from '../features/whatsapp/pages/WhatsAppPage';
import { HomePage } from './HomePage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { paths } from './paths';

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
      { path: paths.whatsapp, element: tenant(<WhatsAppPage />) },
      { path: paths.branding, element: tenant(<BrandingPage />) },
      { path: paths.crm, element: tenant(<CrmPage />) },
      { path: paths.assistant, element: tenant(<AssistantPage />) },
      { path: paths.leads, element: tenant(<LeadsPage />) },
      { path: paths.tenantAudit, element: tenant(<TenantAuditPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
