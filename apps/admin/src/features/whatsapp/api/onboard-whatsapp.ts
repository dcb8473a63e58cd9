import {
  TenantRoutes,
  type OnboardingFailure,
  type WhatsAppOnboardRequest,
  type WhatsAppOnboardResponse,
} from '@parley/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { tenantKeys, useTenantId } from '../../../api/tenant/keys';
import { ApiError, apiRequest } from '../../../lib/api-client';

export const onboardWhatsApp = (body: WhatsAppOnboardRequest) =>
  apiRequest<WhatsAppOnboardResponse>(TenantRoutes.onboardWhatsApp, { method: 'POST', body });

/** The failed step and the steps so far, when the API answered with an onboarding failure. */
export function onboardingFailureOf(error: unknown): OnboardingFailure | null {
  if (!(error instanceof ApiError)) return null;
  const body = error.body as Partial<OnboardingFailure> | null;
  return body && Array.isArray(body.steps) && typeof body.failed_step === 'string'
    ? (body as OnboardingFailure)
    : null;
}

/** Hands the paired code and ids to the server; on success everything about the tenant's number is re-read. */
export function useOnboardWhatsApp() {
  const tenantId = useTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: onboardWhatsApp,
    onSettled: () => queryClient.invalidateQueries({ queryKey: tenantKeys.all(tenantId) }),
  });
}
