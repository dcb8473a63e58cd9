import { AdminRoutes, type TenantResponse, type UpdateTenantRequest } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { tenantKeys } from './keys';

export const updateTenant = (id: string, body: UpdateTenantRequest) =>
  apiRequest<TenantResponse>(AdminRoutes.tenant(id), { method: 'PATCH', body });

export function useUpdateTenant(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateTenantRequest) => updateTenant(id, body),
    onSuccess: (tenant) => {
      queryClient.setQueryData(tenantKeys.detail(id), tenant);
      return queryClient.invalidateQueries({ queryKey: tenantKeys.lists() });
    },
  });
}
