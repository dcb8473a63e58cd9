import { TenantRoutes, type WhatsAppConfig } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';
import { storeConfig } from './config-cache';

export const setConfigActive = (active: boolean) =>
  apiRequest<WhatsAppConfig>(active ? TenantRoutes.configActivate : TenantRoutes.configDeactivate, {
    method: 'POST',
  });

export function useSetConfigActive() {
  const tenantId = useTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setConfigActive,
    onSuccess: (config) => storeConfig(queryClient, tenantId, config),
  });
}
