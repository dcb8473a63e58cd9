import { TenantRoutes, type CrmStatus } from '@parley/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';
import { tenantKeys, useTenantId } from './keys';

export const getCrmStatus = (signal?: AbortSignal) => apiRequest<CrmStatus>(TenantRoutes.crm, { signal });

/** While leads wait for the CRM, their counts change on their own: re-read them every few seconds. */
const PENDING_REFRESH_MS = 5000;

export const crmStatusQuery = (tenantId: string) =>
  queryOptions({
    queryKey: tenantKeys.crm(tenantId),
    queryFn: ({ signal }) => getCrmStatus(signal),
    refetchInterval: (query) => (query.state.data?.leads.pending ? PENDING_REFRESH_MS : false),
  });

/** Which CRM is in use, its health and the leads by sync state. */
export const useCrmStatus = () => useQuery(crmStatusQuery(useTenantId()));
