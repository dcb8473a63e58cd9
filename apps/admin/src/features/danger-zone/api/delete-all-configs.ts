import { AdminRoutes } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const deleteAllConfigs = (confirmation: string) =>
  apiRequest<{ deleted: number }>(AdminRoutes.configsDeleteAll, {
    method: 'DELETE',
    query: { confirmation },
  });

/** Afterwards every cached view of configs and tenants is out of date. */
export function useDeleteAllConfigs() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAllConfigs,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['platform', 'configs'] }),
        queryClient.invalidateQueries({ queryKey: ['platform', 'tenants'] }),
      ]),
  });
}
