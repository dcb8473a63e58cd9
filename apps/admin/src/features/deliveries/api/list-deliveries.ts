import type { Page } from '@parley/shared-types';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { isMissingRoute } from '../../../lib/missing-route';
import { DELIVERY_ROUTES, type DeliveryKind } from '../lib/kinds';
import { deliveryKeys } from './keys';

export const deliveriesQuery = <T>(kind: DeliveryKind, page: { page: number; page_size: number }) =>
  queryOptions({
    queryKey: deliveryKeys.list(kind, page),
    queryFn: ({ signal }) => apiRequest<Page<T>>(DELIVERY_ROUTES[kind].list, { query: page, signal }),
    placeholderData: keepPreviousData,
    retry: (count, error) => !isMissingRoute(error) && count < 2,
  });

/** A page of unrouted webhooks or dead letters, newest first. */
export const useDeliveries = <T>(kind: DeliveryKind, page: { page: number; page_size: number }) =>
  useQuery(deliveriesQuery<T>(kind, page));
