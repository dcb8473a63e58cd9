import type { BulkOperationItemQuery, ConversationListQuery, TenantListQuery } from '@parley/shared-types';

/** Query keys of the platform's tenant data; mutations invalidate through these. */
export const tenantKeys = {
  all: ['platform', 'tenants'] as const,
  lists: () => [...tenantKeys.all, 'list'] as const,
  list: (query: TenantListQuery) => [...tenantKeys.lists(), query] as const,
  detail: (id: string) => [...tenantKeys.all, 'detail', id] as const,
  users: (id: string) => [...tenantKeys.detail(id), 'users'] as const,
  whatsapp: (id: string) => [...tenantKeys.detail(id), 'whatsapp'] as const,
  health: (id: string) => [...tenantKeys.detail(id), 'health'] as const,
  conversations: (id: string, query: ConversationListQuery) =>
    [...tenantKeys.detail(id), 'conversations', query] as const,
};

export const bulkKeys = {
  all: ['platform', 'bulk-operations'] as const,
  detail: (id: string) => [...bulkKeys.all, id] as const,
  items: (id: string, query: BulkOperationItemQuery) => [...bulkKeys.detail(id), 'items', query] as const,
};
