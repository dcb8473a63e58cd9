import { TenantRoutes, type TenantResponse } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';
import type { UpdateSettingsRequest } from './conversation-settings';
import { tenantKeys, useTenantId } from './keys';

export const updateSettings = (body: UpdateSettingsRequest) =>
  apiRequest<TenantResponse>(TenantRoutes.settings, { method: 'PATCH', body });

/** Saves part of the settings; the answer replaces the cached settings; CRM status and audit are re-read. */
export function useUpdateSettings() {
  const tenantId = useTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSettings,
    onSuccess: async (settings) => {
      queryClient.setQueryData(tenantKeys.settings(tenantId), settings);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: tenantKeys.crm(tenantId) }),
        queryClient.invalidateQueries({ queryKey: tenantKeys.audit(tenantId) }),
      ]);
    },
  });
}
