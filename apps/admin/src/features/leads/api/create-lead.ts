import { TenantRoutes, type CreateLeadRequest, type Lead } from '@parley/shared-types';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { tenantKeys, useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';

export const createLead = (body: CreateLeadRequest) =>
  apiRequest<Lead>(TenantRoutes.leads, { method: 'POST', body });

export function useCreateLead() {
  const tenantId = useTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createLead,
    onSuccess: () => invalidateLeads(queryClient, tenantId),
  });
}

/** A lead changed: the lists, the CRM's counts and the audit log are re-read. */
export async function invalidateLeads(queryClient: QueryClient, tenantId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: tenantKeys.leads(tenantId) }),
    queryClient.invalidateQueries({ queryKey: tenantKeys.crm(tenantId) }),
    queryClient.invalidateQueries({ queryKey: tenantKeys.audit(tenantId) }),
  ]);
}
