import {
  TenantRoutes,
  type PlaygroundMessageRequest,
  type PlaygroundMessageResponse,
} from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { tenantKeys, useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';

/** Conversations and leads change with every playground message: they are re-read after it. */
function useInvalidateActivity() {
  const tenantId = useTenantId();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: tenantKeys.conversations(tenantId) }),
      queryClient.invalidateQueries({ queryKey: tenantKeys.leads(tenantId) }),
    ]);
}

export function useSendPlaygroundMessage() {
  const invalidate = useInvalidateActivity();
  return useMutation({
    mutationFn: (body: PlaygroundMessageRequest) =>
      apiRequest<PlaygroundMessageResponse>(TenantRoutes.playgroundMessages, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

/** Forgets the simulated number's conversation, so the bot greets it as new. */
export function useResetPlayground() {
  const invalidate = useInvalidateActivity();
  return useMutation({
    mutationFn: (from: string) =>
      apiRequest<void>(TenantRoutes.playgroundMessages, { method: 'DELETE', query: { from } }),
    onSuccess: invalidate,
  });
}
