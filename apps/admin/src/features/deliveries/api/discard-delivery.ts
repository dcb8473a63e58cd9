import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { DELIVERY_ROUTES, type DeliveryKind } from '../lib/kinds';
import { deliveryKeys } from './keys';

/** Deletes the stored webhook or job for good. */
export function useDiscardDelivery(kind: DeliveryKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(DELIVERY_ROUTES[kind].item(id), { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveryKeys.kind(kind) }),
  });
}
