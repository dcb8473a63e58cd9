import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { DELIVERY_ROUTES, type DeliveryKind } from '../lib/kinds';
import { deliveryKeys } from './keys';

/** One unrouted webhook or dead letter with its payload (secrets masked by the API). */
export const deliveryQuery = <T>(kind: DeliveryKind, id: string) =>
  queryOptions({
    queryKey: deliveryKeys.detail(kind, id),
    queryFn: ({ signal }) => apiRequest<T>(DELIVERY_ROUTES[kind].item(id), { signal }),
  });

export const useDelivery = <T>(kind: DeliveryKind, id: string | null) =>
  useQuery({ ...deliveryQuery<T>(kind, id ?? ''), enabled: id !== null });
