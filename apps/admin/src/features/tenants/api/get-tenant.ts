import { AdminRoutes, type TenantResponse } from '@parley/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { tenantKeys } from './keys';

export const tenantQuery = (id: string) =>
  queryOptions({
    queryKey: tenantKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<TenantResponse>(AdminRoutes.tenant(id), { signal }),
  });

export const useTenant = (id: string) => useQuery(tenantQuery(id));
