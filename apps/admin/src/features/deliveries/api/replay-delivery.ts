import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { DELIVERY_ROUTES, type DeliveryKind } from '../lib/kinds';
import { deliveryKeys } from './keys';

/** Hands the webhook or job back to the pipeline; the list changes afterwards. */
export function useReplayDelivery(kind: DeliveryKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<unknown>(DELIVERY_ROUTES[kind].replay(id), { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveryKeys.kind(kind) }),
  });
}
