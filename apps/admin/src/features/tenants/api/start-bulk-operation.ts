import { AdminRoutes, type BulkOperation, type StartBulkOperationRequest } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { bulkKeys } from './keys';

export const startBulkOperation = (body: StartBulkOperationRequest) =>
  apiRequest<BulkOperation>(AdminRoutes.tenantsBulk, { method: 'POST', body });

export function useStartBulkOperation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startBulkOperation,
    onSuccess: (operation) => queryClient.setQueryData(bulkKeys.detail(operation.id), operation),
  });
}
