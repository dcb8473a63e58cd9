import type { OnboardConfig } from '@parley/shared-types';
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { embeddedSignupOptions, loadFacebookSdk, type FacebookSdk } from './facebook-sdk';
import { readSignupMessage, trustedOrigins } from './signup-messages';
import { initialPairing, PAIRING_TIMEOUT_MS, pairingReducer } from './signup-pairing';

export type SdkState =
  { status: 'loading' } | { status: 'ready'; sdk: FacebookSdk } | { status: 'failed'; message: string };

/**
 * Embedded Signup in the browser: loads and initialises the SDK, opens Meta's popup from a click,
 * listens for the session info from trusted origins only, and pairs it with the code.
 */
export function useEmbeddedSignup(config: OnboardConfig) {
  const [sdk, setSdk] = useState<SdkState>({ status: 'loading' });
  const [pairing, dispatch] = useReducer(pairingReducer, initialPairing);
  const trusted = useMemo(() => trustedOrigins(config.sdk_url), [config.sdk_url]);
  const usable = config.ready && !!config.app_id && !!config.config_id;

  useEffect(() => {
    if (!usable) return;
    let live = true;
    loadFacebookSdk(config.sdk_url).then(
      (fb) => {
        fb.init({
          appId: config.app_id!,
          version: config.graph_api_version,
          autoLogAppEvents: true,
          xfbml: true,
        });
        if (live) setSdk({ status: 'ready', sdk: fb });
      },
      (error: Error) => live && setSdk({ status: 'failed', message: error.message }),
    );
    return () => {
      live = false;
    };
  }, [usable, config.sdk_url, config.app_id, config.graph_api_version]);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      const message = readSignupMessage(event.origin, event.data, trusted);
      if (message) dispatch({ kind: 'message', message });
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [trusted]);

  // Once one half is here the other must follow soon: the code lives only 30 seconds.
  const halfArrived = pairing.status === 'waiting' && (pairing.code !== null || pairing.session !== null);
  useEffect(() => {
    if (!halfArrived) return;
    const timer = setTimeout(() => dispatch({ kind: 'timeout' }), PAIRING_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [halfArrived]);

  /** Must run inside the click handler: browsers block popups opened later. */
  const launch = useCallback(() => {
    if (sdk.status !== 'ready' || !config.config_id) return;
    dispatch({ kind: 'start' });
    sdk.sdk.login(
      (response) => dispatch({ kind: 'login', code: response.authResponse?.code ?? null }),
      embeddedSignupOptions(config.config_id),
    );
  }, [sdk, config.config_id]);

  return { sdk, pairing, launch, usable };
}
