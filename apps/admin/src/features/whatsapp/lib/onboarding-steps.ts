import { ONBOARDING_STEPS, type OnboardingStep, type OnboardingStepName } from '@parley/shared-types';

/** What each server step does, in the tenant's words. */
export const STEP_LABELS: Record<OnboardingStepName, string> = {
  exchange_code: 'Exchanging the authorisation from Facebook',
  debug_token: 'Checking the permissions you granted',
  subscribe_app: 'Subscribing Parley to your messages',
  register_number: 'Registering the phone number',
  number_details: "Reading the number's details",
  store: 'Saving the connection',
};

/** Why a failed step matters and what to do, before Meta's own message. */
export const STEP_ADVICE: Record<OnboardingStepName, string> = {
  exchange_code:
    "Facebook's authorisation could not be used (it is valid for 30 seconds and only once). Connect again.",
  debug_token:
    'The permissions granted do not cover this WhatsApp account. Connect again and allow access to the account and number you choose.',
  subscribe_app: 'Parley could not subscribe to the messages of this WhatsApp account. Retry in a minute.',
  register_number:
    'The number could not be registered with WhatsApp. If it has two-step verification, turn it off in WhatsApp Manager, then retry.',
  number_details: "The number's details could not be read from Meta. Retry in a minute.",
  store: 'The connection could not be saved. Retry; if it keeps failing, contact your platform admin.',
};

/** The steps to show: the server's, in the server's order, or all pending before it has answered. */
export function stepsToShow(steps: OnboardingStep[] | undefined): OnboardingStep[] {
  const byName = new Map((steps ?? []).map((s) => [s.step, s]));
  return ONBOARDING_STEPS.map(
    (step) => byName.get(step) ?? { step, status: 'pending', error: null, finished_at: null },
  );
}
