import { AdminRoutes, type TenantHealth } from '@parley/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { tenantKeys } from './keys';

/** The tenant's credential health: the overall status and each credential's last check. */
export const tenantHealthQuery = (tenantId: string) =>
  queryOptions({
    queryKey: tenantKeys.health(tenantId),
    queryFn: ({ signal }) => apiRequest<TenantHealth>(AdminRoutes.tenantHealth(tenantId), { signal }),
  });

export const useTenantHealth = (tenantId: string) => useQuery(tenantHealthQuery(tenantId));
