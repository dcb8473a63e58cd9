import { TenantRoutes, type WhatsAppConfig } from '@parley/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../lib/api-client';
import { tenantKeys, useTenantId } from './keys';

/** The tenant's WhatsApp configuration with secrets masked; null when there is none yet (404). */
export async function getWhatsAppConfig(signal?: AbortSignal): Promise<WhatsAppConfig | null> {
  try {
    return await apiRequest<WhatsAppConfig>(TenantRoutes.config, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export const whatsAppConfigQuery = (tenantId: string) =>
  queryOptions({
    queryKey: tenantKeys.whatsappConfig(tenantId),
    queryFn: ({ signal }) => getWhatsAppConfig(signal),
  });

export const useWhatsAppConfig = () => useQuery(whatsAppConfigQuery(useTenantId()));
