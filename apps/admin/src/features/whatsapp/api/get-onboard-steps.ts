import { TenantRoutes, type OnboardingStep } from '@parley/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { tenantKeys, useTenantId } from '../../../api/tenant/keys';
import { apiRequest } from '../../../lib/api-client';

export const getOnboardSteps = (signal?: AbortSignal) =>
  apiRequest<OnboardingStep[]>(TenantRoutes.onboardSteps, { signal });

/** Often enough that a step lasting a second is seen running. */
const LIVE_REFRESH_MS = 600;

export const onboardStepsQuery = (tenantId: string, live: boolean) =>
  queryOptions({
    queryKey: tenantKeys.onboardSteps(tenantId),
    queryFn: ({ signal }) => getOnboardSteps(signal),
    refetchInterval: live ? LIVE_REFRESH_MS : false,
    enabled: live,
  });

/** The latest attempt's steps, re-read while the server works through them. */
export const useOnboardSteps = (live: boolean) => useQuery(onboardStepsQuery(useTenantId(), live));
