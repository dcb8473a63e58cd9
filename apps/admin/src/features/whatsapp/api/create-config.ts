import { TenantRoutes, type WhatsAppConfig, type WhatsAppConfigWrite } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';
import { storeConfig } from './config-cache';

export type CreateConfigRequest = WhatsAppConfigWrite & { phone_number_id: string; access_token: string };

export const createConfig = (body: CreateConfigRequest) =>
  apiRequest<WhatsAppConfig>(TenantRoutes.config, { method: 'POST', body });

export function useCreateConfig() {
  const tenantId = useTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createConfig,
    onSuccess: (config) => storeConfig(queryClient, tenantId, config),
  });
}
