import type { AuditQuery, ConversationListQuery, LeadListQuery } from '@parley/shared-types';
import { useCurrentUser } from '../../features/auth/session';

/**
 * Query keys of a tenant admin's data, all rooted at the tenant: signing in as another tenant
 * can never show the previous one's cache, and one tenant's data is invalidated as a whole.
 */
export const tenantKeys = {
  all: (tenantId: string) => ['tenant', tenantId] as const,
  settings: (tenantId: string) => [...tenantKeys.all(tenantId), 'settings'] as const,
  whatsappConfig: (tenantId: string) => [...tenantKeys.all(tenantId), 'whatsapp-config'] as const,
  crm: (tenantId: string) => [...tenantKeys.all(tenantId), 'crm'] as const,
  leads: (tenantId: string) => [...tenantKeys.all(tenantId), 'leads'] as const,
  leadList: (tenantId: string, query: LeadListQuery) =>
    [...tenantKeys.leads(tenantId), 'list', query] as const,
  health: (tenantId: string) => [...tenantKeys.all(tenantId), 'health'] as const,
  onboardConfig: (tenantId: string) => [...tenantKeys.all(tenantId), 'onboard', 'config'] as const,
  onboardSteps: (tenantId: string) => [...tenantKeys.all(tenantId), 'onboard', 'steps'] as const,
  knowledge: (tenantId: string) => [...tenantKeys.all(tenantId), 'knowledge-sources'] as const,
  conversations: (tenantId: string) => [...tenantKeys.all(tenantId), 'conversations'] as const,
  conversationList: (tenantId: string, query: ConversationListQuery) =>
    [...tenantKeys.conversations(tenantId), 'list', query] as const,
  conversationMessages: (tenantId: string, conversationId: string) =>
    [...tenantKeys.conversations(tenantId), 'messages', conversationId] as const,
  audit: (tenantId: string) => [...tenantKeys.all(tenantId), 'audit-events'] as const,
  auditList: (tenantId: string, query: Omit<AuditQuery, 'tenant_id'>) =>
    [...tenantKeys.audit(tenantId), query] as const,
};

/** The signed-in tenant admin's tenant; only for pages behind the tenant_admin role. */
export function useTenantId(): string {
  const user = useCurrentUser();
  if (!user.tenant_id) throw new Error('useTenantId needs a tenant admin');
  return user.tenant_id;
}
