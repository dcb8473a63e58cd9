import { AdminRoutes, type CreateTenantUserRequest, type TenantUser } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { tenantKeys } from './keys';

export const createTenantUser = (tenantId: string, body: CreateTenantUserRequest) =>
  apiRequest<TenantUser>(AdminRoutes.tenantUsers(tenantId), { method: 'POST', body });

export function useCreateTenantUser(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTenantUserRequest) => createTenantUser(tenantId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantKeys.users(tenantId) }),
  });
}
