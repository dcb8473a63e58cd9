import { AdminRoutes, type ConversationListQuery, type ConversationPage } from '@parley/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { isMissingRoute } from '../../../lib/missing-route';
import { tenantKeys } from './keys';

/** A page of the tenant's conversations, most recently active first. */
export const tenantConversationsQuery = (tenantId: string, query: ConversationListQuery) =>
  queryOptions({
    queryKey: tenantKeys.conversations(tenantId, query),
    queryFn: ({ signal }) =>
      apiRequest<ConversationPage>(AdminRoutes.tenantConversations(tenantId), {
        query: { ...query },
        signal,
      }),
    // A build without the route answers the same next time: do not retry it.
    retry: (count, error) => !isMissingRoute(error) && count < 2,
  });

export const useTenantConversations = (tenantId: string, query: ConversationListQuery) =>
  useQuery(tenantConversationsQuery(tenantId, query));
