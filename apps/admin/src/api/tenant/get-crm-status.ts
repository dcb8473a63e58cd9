import { TenantRoutes, type CrmStatus } from '@parley/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';
import { tenantKeys, useTenantId } from './keys';

export const getCrmStatus = (signal?: AbortSignal) => apiRequest<CrmStatus>(TenantRoutes.crm, { signal });

export const crmStatusQuery = (tenantId: string) =>
  queryOptions({
    queryKey: tenantKeys.crm(tenantId),
    queryFn: ({ signal }) => getCrmStatus(signal),
  });

/** Which CRM is in use, its health and the leads by sync state. */
export const useCrmStatus = () => useQuery(crmStatusQuery(useTenantId()));
