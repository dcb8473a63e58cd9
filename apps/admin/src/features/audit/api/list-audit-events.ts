import { AdminRoutes, type AuditPage, type AuditQuery } from '@parley/shared-types';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const auditKeys = {
  all: ['platform', 'audit-events'] as const,
  list: (query: AuditQuery) => [...auditKeys.all, query] as const,
};

export const auditEventsQuery = (query: AuditQuery) =>
  queryOptions({
    queryKey: auditKeys.list(query),
    queryFn: ({ signal }) => apiRequest<AuditPage>(AdminRoutes.auditEvents, { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });

export const useAuditEvents = (query: AuditQuery) => useQuery(auditEventsQuery(query));
