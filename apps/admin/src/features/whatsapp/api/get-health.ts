import { TenantRoutes, type TenantHealth } from '@parley/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { tenantKeys, useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';

export const getHealth = (signal?: AbortSignal) => apiRequest<TenantHealth>(TenantRoutes.health, { signal });

export const healthQuery = (tenantId: string) =>
  queryOptions({ queryKey: tenantKeys.health(tenantId), queryFn: ({ signal }) => getHealth(signal) });

/** The last checks of the tenant's credentials (WhatsApp token, WABA subscription, CRM). */
export const useHealth = () => useQuery(healthQuery(useTenantId()));

export const checkHealth = () =>
  apiRequest<TenantHealth | undefined>(TenantRoutes.healthCheck, { method: 'POST' });

/** Checks every credential now; the answer (when it carries the health) replaces the cached one. */
export function useCheckHealth() {
  const tenantId = useTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: checkHealth,
    onSuccess: async (health) => {
      if (health && Array.isArray(health.credentials))
        queryClient.setQueryData(tenantKeys.health(tenantId), health);
      else await queryClient.invalidateQueries({ queryKey: tenantKeys.health(tenantId) });
      await queryClient.invalidateQueries({ queryKey: tenantKeys.audit(tenantId) });
    },
  });
}
