import { TenantRoutes, type OnboardConfig } from '@parley/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { tenantKeys, useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';

export const getOnboardConfig = (signal?: AbortSignal) =>
  apiRequest<OnboardConfig>(TenantRoutes.onboardConfig, { signal });

export const onboardConfigQuery = (tenantId: string) =>
  queryOptions({
    queryKey: tenantKeys.onboardConfig(tenantId),
    queryFn: ({ signal }) => getOnboardConfig(signal),
  });

/** What Embedded Signup needs (app id, configuration id, SDK address), the preflight list and the current number. */
export const useOnboardConfig = () => useQuery(onboardConfigQuery(useTenantId()));
