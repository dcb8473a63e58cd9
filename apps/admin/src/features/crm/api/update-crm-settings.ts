import { TenantRoutes, type CrmStatus, type UpdateCrmSettingsRequest } from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { tenantKeys, useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';

export const updateCrmSettings = (body: UpdateCrmSettingsRequest) =>
  apiRequest<CrmStatus>(TenantRoutes.crm, { method: 'PATCH', body });

export function useUpdateCrmSettings() {
  const tenantId = useTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCrmSettings,
    onSuccess: async (status) => {
      queryClient.setQueryData(tenantKeys.crm(tenantId), status);
      await queryClient.invalidateQueries({ queryKey: tenantKeys.audit(tenantId) });
    },
  });
}
