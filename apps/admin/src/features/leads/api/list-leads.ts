import { TenantRoutes, type LeadListQuery, type LeadPage } from '@parley/shared-types';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { tenantKeys, useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';

export const listLeads = (query: LeadListQuery, signal?: AbortSignal) =>
  apiRequest<LeadPage>(TenantRoutes.leads, { query: { ...query }, signal });

/** While a lead on screen waits for the CRM, the list is re-read every few seconds. */
const PENDING_REFRESH_MS = 3000;

export const leadListQuery = (tenantId: string, query: LeadListQuery) =>
  queryOptions({
    queryKey: tenantKeys.leadList(tenantId, query),
    queryFn: ({ signal }) => listLeads(query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (q) =>
      q.state.data?.items.some((lead) => lead.sync_state === 'pending') ? PENDING_REFRESH_MS : false,
  });

export const useLeads = (query: LeadListQuery) => useQuery(leadListQuery(useTenantId(), query));
