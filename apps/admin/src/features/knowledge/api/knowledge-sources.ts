import {
  DEFAULT_PAGE_SIZE,
  TenantRoutes,
  type CreateKnowledgeSourceRequest,
  type KnowledgeSource,
  type KnowledgeSourcePage,
} from '@parley/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { tenantKeys, useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';
import { isIngesting } from '../lib/source-state';

// One file for the knowledge sources' list and its three writes: they share the list's cache entry.

export const listSources = (signal?: AbortSignal) =>
  apiRequest<KnowledgeSourcePage>(TenantRoutes.knowledgeSources, {
    signal,
    query: { page: 1, page_size: Math.max(DEFAULT_PAGE_SIZE, 100) },
  });

/** While a source ingests, its progress is re-read this often. */
const INGEST_REFRESH_MS = 1500;

export const sourcesQuery = (tenantId: string) =>
  queryOptions({
    queryKey: tenantKeys.knowledge(tenantId),
    queryFn: ({ signal }) => listSources(signal),
    refetchInterval: (query) => (query.state.data?.items.some(isIngesting) ? INGEST_REFRESH_MS : false),
  });

export const useKnowledgeSources = () => useQuery(sourcesQuery(useTenantId()));

function useInvalidateSources() {
  const tenantId = useTenantId();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: tenantKeys.knowledge(tenantId) }),
      queryClient.invalidateQueries({ queryKey: tenantKeys.audit(tenantId) }),
    ]);
}

export function useCreateSource() {
  const invalidate = useInvalidateSources();
  return useMutation({
    mutationFn: (body: CreateKnowledgeSourceRequest) =>
      apiRequest<KnowledgeSource>(TenantRoutes.knowledgeSources, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useRecrawlSource() {
  const invalidate = useInvalidateSources();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<KnowledgeSource>(TenantRoutes.knowledgeSourceRecrawl(id), { method: 'POST' }),
    onSuccess: invalidate,
  });
}

export function useDeleteSource() {
  const invalidate = useInvalidateSources();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(TenantRoutes.knowledgeSource(id), { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}
