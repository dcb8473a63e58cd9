import { TenantRoutes, type WhatsAppConfig, type WhatsAppConfigWrite } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';
import { storeConfig } from './config-cache';

export const updateConfig = (body: WhatsAppConfigWrite) =>
  apiRequest<WhatsAppConfig>(TenantRoutes.config, { method: 'PUT', body });

export function useUpdateConfig() {
  const tenantId = useTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateConfig,
    onSuccess: (config) => storeConfig(queryClient, tenantId, config),
  });
}
