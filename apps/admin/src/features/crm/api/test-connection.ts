import { TenantRoutes, type CrmTestResult } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { tenantKeys, useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';

export const testConnection = () => apiRequest<CrmTestResult>(TenantRoutes.crmTest, { method: 'POST' });

/** Runs the CRM's connection test with the saved settings; its outcome becomes the connection's health. */
export function useTestConnection() {
  const tenantId = useTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: testConnection,
    onSettled: () => queryClient.invalidateQueries({ queryKey: tenantKeys.crm(tenantId) }),
  });
}
