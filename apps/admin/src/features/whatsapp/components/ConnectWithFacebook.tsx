import type { OnboardConfig, WhatsAppOnboardRequest, WhatsAppOnboardResponse } from '@parley/shared-types';
import { useEffect, useRef } from 'react';
import { Button } from '../../../components/Button';
import { useOnboardSteps } from '../api/get-onboard-steps';
import { onboardingFailureOf, useOnboardWhatsApp } from '../api/onboard-whatsapp';
import { STEP_ADVICE, stepsToShow } from '../lib/onboarding-steps';
import { describeStep } from '../lib/signup-pairing';
import { useEmbeddedSignup } from '../lib/use-embedded-signup';
import { OnboardingStepList } from './OnboardingStepList';

/** Steps whose failure a retry cannot fix: the code is spent, or the grant lacks the account. */
const NEEDS_NEW_AUTHORISATION = new Set<string>(['exchange_code', 'debug_token']);

/**
 * Meta's Embedded Signup: the tenant picks or creates their WhatsApp account in Facebook's
 * window; Parley then finishes the connection on the server, step by step, shown live.
 */
export function ConnectWithFacebook({ config }: { config: OnboardConfig }) {
  const { sdk, pairing, launch, usable } = useEmbeddedSignup(config);
  const onboard = useOnboardWhatsApp();
  const sent = useRef<WhatsAppOnboardRequest | null>(null);
  const steps = useOnboardSteps(onboard.isPending);
  const { mutate } = onboard;

  useEffect(() => {
    if (pairing.status !== 'ready' || sent.current === pairing.request) return;
    sent.current = pairing.request;
    mutate(pairing.request);
  }, [pairing, mutate]);

  const connect = () => {
    onboard.reset();
    sent.current = null;
    launch();
  };
  const retry = () => sent.current && mutate(sent.current);

  if (!usable) {
    return (
      <p className="notice notice-warning" role="note">
        Connecting through Facebook is not available until the items marked above are fixed by your platform
        admin. You can connect your number by hand below.
      </p>
    );
  }

  const failure = onboardingFailureOf(onboard.error);
  const waitingForFacebook = pairing.status === 'waiting';
  return (
    <div className="connect-facebook">
      {!onboard.isPending && !onboard.isSuccess && (
        <div className="connect-actions">
          <Button
            onClick={connect}
            loading={sdk.status === 'loading' || waitingForFacebook}
            disabled={sdk.status !== 'ready'}
          >
            {onboard.isError || pairing.status === 'cancelled' || pairing.status === 'failed'
              ? 'Connect again with Facebook'
              : 'Connect WhatsApp'}
          </Button>
          {onboard.isError && !(failure && NEEDS_NEW_AUTHORISATION.has(failure.failed_step)) && (
            <Button variant="secondary" onClick={retry}>
              Retry the failed step
            </Button>
          )}
        </div>
      )}
      {sdk.status === 'failed' && (
        <p className="form-error" role="alert">
          {sdk.message}
        </p>
      )}
      {waitingForFacebook && (
        <p className="muted" role="status">
          Finish the steps in Facebook&apos;s window. This page continues on its own.
        </p>
      )}
      {pairing.status === 'cancelled' && (
        <p className="notice notice-info" role="status">
          You left Facebook&apos;s window {describeStep(pairing.step)}. Nothing was connected.
        </p>
      )}
      {pairing.status === 'failed' && (
        <p className="form-error" role="alert">
          {pairing.message}
        </p>
      )}
      {(onboard.isPending || onboard.isError || onboard.isSuccess) && (
        <OnboardingStepList steps={stepsToShow(onboard.data?.steps ?? failure?.steps ?? steps.data)} />
      )}
      {onboard.isError && (
        <div className="form-error" role="alert">
          {failure ? (
            <>
              <p>{STEP_ADVICE[failure.failed_step]}</p>
              {/* Meta's words already stand under the failed step in the list; else the API's message. */}
              {!failure.steps.some((s) => s.step === failure.failed_step && s.error) && (
                <p className="muted">{failure.message}</p>
              )}
            </>
          ) : (
            <p>{onboard.error.message}</p>
          )}
        </div>
      )}
      {onboard.isSuccess && <Connected result={onboard.data} />}
    </div>
  );
}

function Connected({ result }: { result: WhatsAppOnboardResponse }) {
  return (
    <p className="notice notice-success" role="status">
      Connected: {result.display_phone_number ?? result.phone_number_id}
      {result.verified_name && <> ({result.verified_name})</>}. The bot now answers this number.
    </p>
  );
}
