import { TenantRoutes, type WhatsAppConfig } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { tenantKeys, useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';

export const revealConfig = () => apiRequest<WhatsAppConfig>(TenantRoutes.configFull);

/**
 * The config with its secrets unmasked (audited on the server). A mutation, not a query, on
 * purpose: the unmasked answer is held by the page that asked and never enters the query cache;
 * with `gcTime: 0` the mutation's own copy goes as soon as the page stops observing it.
 */
export function useRevealConfig() {
  const tenantId = useTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revealConfig,
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantKeys.audit(tenantId) }),
  });
}
