import { TenantRoutes, type AuditPage, type AuditQuery } from '@parley/shared-types';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { tenantKeys, useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';

export type TenantAuditQuery = Omit<AuditQuery, 'tenant_id'>;

export const listAuditEvents = (query: TenantAuditQuery, signal?: AbortSignal) =>
  apiRequest<AuditPage>(TenantRoutes.auditEvents, { query: { ...query }, signal });

export const auditListQuery = (tenantId: string, query: TenantAuditQuery) =>
  queryOptions({
    queryKey: tenantKeys.auditList(tenantId, query),
    queryFn: ({ signal }) => listAuditEvents(query, signal),
    placeholderData: keepPreviousData,
  });

/** The tenant's own audit events, newest first (the server scopes them to the token's tenant). */
export const useAuditEvents = (query: TenantAuditQuery) => useQuery(auditListQuery(useTenantId(), query));
