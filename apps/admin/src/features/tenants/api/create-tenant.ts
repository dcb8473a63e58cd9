import { AdminRoutes, type CreateTenantRequest, type TenantResponse } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { tenantKeys } from './keys';

export const createTenant = (body: CreateTenantRequest) =>
  apiRequest<TenantResponse>(AdminRoutes.tenants, { method: 'POST', body });

export function useCreateTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTenant,
    onSuccess: (tenant) => {
      queryClient.setQueryData(tenantKeys.detail(tenant.id), tenant);
      return queryClient.invalidateQueries({ queryKey: tenantKeys.lists() });
    },
  });
}
