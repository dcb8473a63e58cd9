/** Every page of the admin app, so links are never spelled twice. */
export const paths = {
  login: '/login',
  home: '/',
  // A tenant admin's pages.
  whatsapp: '/whatsapp',
  branding: '/branding',
  crm: '/crm',
  assistant: '/assistant',
  leads: '/leads',
  tenantAudit: '/audit-events',
  tenants: '/tenants',
  tenantNew: '/tenants/new',
  tenant: (id: string) => `/tenants/${encodeURIComponent(id)}`,
  statistics: '/statistics',
  audit: '/audit',
  dangerZone: '/danger-zone',
  unroutedWebhooks: '/unrouted-webhooks',
  deadLetters: '/dead-letters',
} as const;
