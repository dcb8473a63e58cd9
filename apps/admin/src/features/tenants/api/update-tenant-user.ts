import { AdminRoutes, type TenantUser, type UpdateTenantUserRequest } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { tenantKeys } from './keys';

export const updateTenantUser = (tenantId: string, userId: string, body: UpdateTenantUserRequest) =>
  apiRequest<TenantUser>(AdminRoutes.tenantUser(tenantId, userId), { method: 'PATCH', body });

/** Disable/enable, reset the password or change the email of one tenant admin. */
export function useUpdateTenantUser(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: UpdateTenantUserRequest }) =>
      updateTenantUser(tenantId, userId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantKeys.users(tenantId) }),
  });
}
