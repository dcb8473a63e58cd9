import { AdminRoutes } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { tenantKeys } from './keys';

export const deleteTenantWhatsAppConfig = (tenantId: string) =>
  apiRequest<void>(AdminRoutes.configsDeleteTenant(tenantId), { method: 'DELETE' });

export function useDeleteTenantWhatsAppConfig(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteTenantWhatsAppConfig(tenantId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantKeys.detail(tenantId) }),
  });
}
