import type { WhatsAppOnboardRequest } from '@parley/shared-types';
import type { SessionInfo, SignupMessage } from './signup-messages';

/**
 * The code (from the FB.login callback) and the session info (from the `message` event) arrive
 * independently and in either order; the signup can go to the server only once both are here.
 */
export type PairingState =
  | { status: 'idle' }
  | { status: 'waiting'; code: string | null; session: SessionInfo | null }
  | { status: 'ready'; request: WhatsAppOnboardRequest }
  | { status: 'cancelled'; step: string | null; message: string | null }
  | { status: 'failed'; message: string };

export type PairingEvent =
  | { kind: 'start' }
  | { kind: 'login'; code: string | null }
  | { kind: 'message'; message: SignupMessage }
  | { kind: 'timeout' };

export const initialPairing: PairingState = { status: 'idle' };

/** How long one half may wait for the other: shorter than the code's 30 s life. */
export const PAIRING_TIMEOUT_MS = 20_000;

export function pairingReducer(state: PairingState, event: PairingEvent): PairingState {
  if (event.kind === 'start') return { status: 'waiting', code: null, session: null };
  if (state.status === 'cancelled' && event.kind === 'message' && event.message.kind === 'cancel') {
    // The login callback said "cancelled" first; the message says at which screen.
    return {
      status: 'cancelled',
      step: event.message.step ?? state.step,
      message: event.message.errorMessage,
    };
  }
  if (state.status !== 'waiting') return state;

  switch (event.kind) {
    case 'login':
      if (!event.code) return { status: 'cancelled', step: null, message: null };
      return settle({ ...state, code: event.code });
    case 'message': {
      const { message } = event;
      if (message.kind === 'cancel') {
        if (message.errorMessage) return { status: 'failed', message: message.errorMessage };
        return { status: 'cancelled', step: message.step, message: null };
      }
      if (message.kind === 'error') return { status: 'failed', message: message.errorMessage };
      return settle({ ...state, session: message.session });
    }
    case 'timeout':
      return {
        status: 'failed',
        message: state.code
          ? 'Facebook did not say which WhatsApp number you chose. Please try again.'
          : 'Facebook did not hand over the authorisation in time. Please try again.',
      };
  }
}

function settle(state: Extract<PairingState, { status: 'waiting' }>): PairingState {
  const { code, session } = state;
  if (session && !session.phone_number_id) {
    return {
      status: 'failed',
      message:
        'You finished without choosing a phone number. Add a number to your WhatsApp Business Account and connect again.',
    };
  }
  if (!code || !session?.phone_number_id) return state;
  const request: WhatsAppOnboardRequest = {
    code,
    waba_id: session.waba_id,
    phone_number_id: session.phone_number_id,
  };
  if (session.business_id) request.business_id = session.business_id;
  return { status: 'ready', request };
}

/** Meta's screen names, in words a tenant recognises. */
export function describeStep(step: string | null): string {
  if (!step) return 'before finishing';
  const words = step.toLowerCase().replace(/_/g, ' ');
  return `at the “${words}” step`;
}
