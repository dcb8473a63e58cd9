import { TenantRoutes } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';
import { storeConfig } from './config-cache';

export const deleteConfig = () => apiRequest<void>(TenantRoutes.config, { method: 'DELETE' });

export function useDeleteConfig() {
  const tenantId = useTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteConfig,
    onSuccess: () => storeConfig(queryClient, tenantId, null),
  });
}
