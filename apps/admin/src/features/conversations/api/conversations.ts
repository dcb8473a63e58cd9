import {
  TenantRoutes,
  type ConversationListQuery,
  type ConversationMessagePage,
  type ConversationPage,
} from '@parley/shared-types';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { tenantKeys, useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';

/** New messages and delivery receipts arrive on their own: lists are re-read this often. */
const LIVE_REFRESH_MS = 5000;

export const listConversations = (query: ConversationListQuery, signal?: AbortSignal) =>
  apiRequest<ConversationPage>(TenantRoutes.conversations, { signal, query: { ...query } });

export const conversationsQuery = (tenantId: string, query: ConversationListQuery) =>
  queryOptions({
    queryKey: tenantKeys.conversationList(tenantId, query),
    queryFn: ({ signal }) => listConversations(query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_REFRESH_MS,
  });

export const useConversations = (query: ConversationListQuery) =>
  useQuery(conversationsQuery(useTenantId(), query));

/** The latest messages of a conversation (the API's newest page). */
export const listMessages = (conversationId: string, signal?: AbortSignal) =>
  apiRequest<ConversationMessagePage>(TenantRoutes.conversationMessages(conversationId), {
    signal,
    query: { page: 1, page_size: 100 },
  });

export const messagesQuery = (tenantId: string, conversationId: string) =>
  queryOptions({
    queryKey: tenantKeys.conversationMessages(tenantId, conversationId),
    queryFn: ({ signal }) => listMessages(conversationId, signal),
    refetchInterval: LIVE_REFRESH_MS,
  });

export const useConversationMessages = (conversationId: string) =>
  useQuery(messagesQuery(useTenantId(), conversationId));
