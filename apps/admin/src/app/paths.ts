/** Every page of the admin app, so links are never spelled twice. */
export const paths = {
  login: '/login',
  home: '/',
  // A tenant admin's pages.
  onboarding: '/onboarding',
  whatsapp: '/whatsapp',
  branding: '/branding',
  crm: '/crm',
  assistant: '/assistant',
  knowledge: '/knowledge',
  conversations: '/conversations',
  conversation: (id: string) => `/conversations/${encodeURIComponent(id)}`,
  playground: '/playground',
  leads: '/leads',
  tenantAudit: '/audit-events',
  tenants: '/tenants',
  tenantNew: '/tenants/new',
  tenant: (id: string) => `/tenants/${encodeURIComponent(id)}`,
  statistics: '/statistics',
  audit: '/audit',
  dangerZone: '/danger-zone',
} as const;
