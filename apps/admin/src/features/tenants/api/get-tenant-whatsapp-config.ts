import { AdminRoutes, type WhatsAppConfig } from '@parley/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { tenantKeys } from './keys';

/** The tenant's WhatsApp config, secrets masked; a 404 means the tenant has none yet. */
export const tenantWhatsAppQuery = (tenantId: string) =>
  queryOptions({
    queryKey: tenantKeys.whatsapp(tenantId),
    queryFn: ({ signal }) =>
      apiRequest<WhatsAppConfig>(AdminRoutes.tenantWhatsAppConfig(tenantId), { signal }),
  });

export const useTenantWhatsApp = (tenantId: string) => useQuery(tenantWhatsAppQuery(tenantId));
