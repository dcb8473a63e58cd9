import { AdminRoutes, type BulkOperation } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { bulkKeys } from './keys';

export const cancelBulkOperation = (id: string) =>
  apiRequest<BulkOperation>(AdminRoutes.bulkOperationCancel(id), { method: 'POST' });

export function useCancelBulkOperation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => cancelBulkOperation(id),
    onSuccess: (operation) => {
      queryClient.setQueryData(bulkKeys.detail(id), operation);
      return queryClient.invalidateQueries({ queryKey: bulkKeys.detail(id) });
    },
  });
}
