/** Paths of the HTTP API, so the admin app and the tests never spell them twice. */
export const API_PREFIX = '/api/v1';

export const ApiRoutes = {
  login: `${API_PREFIX}/auth/login`,
  verify: `${API_PREFIX}/auth/verify`,
  me: `${API_PREFIX}/auth/me`,
  health: '/health',
} as const;

export const AdminRoutes = {
  system: `${API_PREFIX}/admin/system`,
  tenants: `${API_PREFIX}/admin/tenants`,
  tenant: (id: string) => `${API_PREFIX}/admin/tenants/${encodeURIComponent(id)}`,
  tenantUsers: (id: string) => `${API_PREFIX}/admin/tenants/${encodeURIComponent(id)}/users`,
  tenantUser: (id: string, userId: string) =>
    `${API_PREFIX}/admin/tenants/${encodeURIComponent(id)}/users/${encodeURIComponent(userId)}`,
  configsAll: `${API_PREFIX}/admin/configs/all`,
  configsStats: `${API_PREFIX}/admin/configs/stats`,
  configsDeleteAll: `${API_PREFIX}/admin/configs/delete-all`,
  configsDeleteTenant: (id: string) => `${API_PREFIX}/admin/configs/delete-tenant/${encodeURIComponent(id)}`,
  auditEvents: `${API_PREFIX}/admin/audit-events`,
  tenantWhatsAppConfig: (id: string) =>
    `${API_PREFIX}/admin/tenants/${encodeURIComponent(id)}/whatsapp-config`,
  tenantsBulk: `${API_PREFIX}/admin/tenants/bulk`,
  bulkOperations: `${API_PREFIX}/admin/bulk-operations`,
  bulkOperation: (id: string) => `${API_PREFIX}/admin/bulk-operations/${encodeURIComponent(id)}`,
  bulkOperationItems: (id: string) => `${API_PREFIX}/admin/bulk-operations/${encodeURIComponent(id)}/items`,
  bulkOperationCancel: (id: string) => `${API_PREFIX}/admin/bulk-operations/${encodeURIComponent(id)}/cancel`,
  statsTimeseries: `${API_PREFIX}/admin/stats/timeseries`,
} as const;

export const TenantRoutes = {
  settings: `${API_PREFIX}/tenant/settings`,
  config: `${API_PREFIX}/tenant/config`,
  configFull: `${API_PREFIX}/tenant/config/full`,
  configActivate: `${API_PREFIX}/tenant/config/activate`,
  configDeactivate: `${API_PREFIX}/tenant/config/deactivate`,
  auditEvents: `${API_PREFIX}/tenant/audit-events`,
  leads: `${API_PREFIX}/tenant/leads`,
  lead: (id: string) => `${API_PREFIX}/tenant/leads/${encodeURIComponent(id)}`,
  leadRetry: (id: string) => `${API_PREFIX}/tenant/leads/${encodeURIComponent(id)}/retry`,
  crm: `${API_PREFIX}/tenant/crm`,
  crmTest: `${API_PREFIX}/tenant/crm/test`,
} as const;
