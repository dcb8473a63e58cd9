import { TenantRoutes, type Lead } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';
import { invalidateLeads } from './create-lead';

export const retryLead = (id: string) => apiRequest<Lead>(TenantRoutes.leadRetry(id), { method: 'POST' });

/** Puts a pending or failed lead back in the queue now, with a fresh budget of attempts. */
export function useRetryLead() {
  const tenantId = useTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryLead,
    onSuccess: () => invalidateLeads(queryClient, tenantId),
  });
}
