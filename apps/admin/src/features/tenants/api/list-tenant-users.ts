import { AdminRoutes, type TenantUser } from '@parley/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { tenantKeys } from './keys';

export const tenantUsersQuery = (tenantId: string) =>
  queryOptions({
    queryKey: tenantKeys.users(tenantId),
    queryFn: ({ signal }) => apiRequest<TenantUser[]>(AdminRoutes.tenantUsers(tenantId), { signal }),
  });

export const useTenantUsers = (tenantId: string) => useQuery(tenantUsersQuery(tenantId));
