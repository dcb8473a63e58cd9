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
  tenantHealth: (id: string) => `${API_PREFIX}/admin/tenants/${encodeURIComponent(id)}/health`,
  /** A tenant's conversations for platform admins: `ConversationListQuery` → `ConversationPage`. */
  tenantConversations: (id: string) => `${API_PREFIX}/admin/tenants/${encodeURIComponent(id)}/conversations`,
  unroutedWebhooks: `${API_PREFIX}/admin/webhooks/unrouted`,
  unroutedWebhook: (id: string) => `${API_PREFIX}/admin/webhooks/unrouted/${encodeURIComponent(id)}`,
  unroutedWebhookReplay: (id: string) =>
    `${API_PREFIX}/admin/webhooks/unrouted/${encodeURIComponent(id)}/replay`,
  deadLetters: `${API_PREFIX}/admin/dead-letters`,
  deadLetter: (id: string) => `${API_PREFIX}/admin/dead-letters/${encodeURIComponent(id)}`,
  deadLetterReplay: (id: string) => `${API_PREFIX}/admin/dead-letters/${encodeURIComponent(id)}/replay`,
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
  conversations: `${API_PREFIX}/tenant/conversations`,
  conversationMessages: (id: string) =>
    `${API_PREFIX}/tenant/conversations/${encodeURIComponent(id)}/messages`,
  knowledgeSources: `${API_PREFIX}/tenant/knowledge-sources`,
  knowledgeSource: (id: string) => `${API_PREFIX}/tenant/knowledge-sources/${encodeURIComponent(id)}`,
  knowledgeSourceRecrawl: (id: string) =>
    `${API_PREFIX}/tenant/knowledge-sources/${encodeURIComponent(id)}/recrawl`,
  playgroundMessages: `${API_PREFIX}/tenant/playground/messages`,
  onboardConfig: `${API_PREFIX}/tenant/onboard/config`,
  onboardWhatsApp: `${API_PREFIX}/tenant/onboard/whatsapp-client`,
  onboardSteps: `${API_PREFIX}/tenant/onboard/steps`,
  zohoAuthorizeUrl: `${API_PREFIX}/tenant/crm/zoho/authorize-url`,
  health: `${API_PREFIX}/tenant/health`,
  healthCheck: `${API_PREFIX}/tenant/health/check`,
} as const;

/** Routes Meta and Zoho call (not under the tenant or admin scopes). */
export const PublicRoutes = {
  whatsappWebhook: '/webhooks/whatsapp',
  tenantWhatsappWebhook: (tenantId: string) => `/webhooks/whatsapp/${encodeURIComponent(tenantId)}`,
  zohoCallback: `${API_PREFIX}/oauth/zoho/callback`,
} as const;
