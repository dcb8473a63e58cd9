import { AdminRoutes } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { tenantKeys } from './keys';

export const deleteTenant = (id: string) => apiRequest<void>(AdminRoutes.tenant(id), { method: 'DELETE' });

export function useDeleteTenant(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteTenant(id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: tenantKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: tenantKeys.lists() });
    },
  });
}
