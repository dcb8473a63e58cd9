import { AdminRoutes, type TenantListQuery, type TenantPage } from '@parley/shared-types';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { tenantKeys } from './keys';

export const listTenants = (query: TenantListQuery, signal?: AbortSignal) =>
  apiRequest<TenantPage>(AdminRoutes.tenants, { query: { ...query }, signal });

export const tenantListQuery = (query: TenantListQuery) =>
  queryOptions({
    queryKey: tenantKeys.list(query),
    queryFn: ({ signal }) => listTenants(query, signal),
    // Paging and filtering keep the last page on screen until the next one is there.
    placeholderData: keepPreviousData,
  });

export const useTenantList = (query: TenantListQuery) => useQuery(tenantListQuery(query));
