import { TenantRoutes, type TenantResponse } from '@parley/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';
import { tenantKeys, useTenantId } from './keys';

export const getSettings = (signal?: AbortSignal) =>
  apiRequest<TenantResponse>(TenantRoutes.settings, { signal });

export const settingsQuery = (tenantId: string) =>
  queryOptions({
    queryKey: tenantKeys.settings(tenantId),
    queryFn: ({ signal }) => getSettings(signal),
  });

/** The tenant's own settings: branding, CRM choice (secrets masked), assistant. */
export const useSettings = () => useQuery(settingsQuery(useTenantId()));
