import { AdminRoutes } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { tenantKeys } from './keys';

export const deleteTenantUser = (tenantId: string, userId: string) =>
  apiRequest<void>(AdminRoutes.tenantUser(tenantId, userId), { method: 'DELETE' });

export function useDeleteTenantUser(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => deleteTenantUser(tenantId, userId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantKeys.users(tenantId) }),
  });
}
