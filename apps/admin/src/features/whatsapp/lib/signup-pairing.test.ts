import { describe, expect, it } from 'vitest';
import { readSignupMessage, trustedOrigins, type SignupMessage } from './signup-messages';
import { initialPairing, pairingReducer, type PairingEvent, type PairingState } from './signup-pairing';

const FB = trustedOrigins('https://connect.facebook.net/en_US/sdk.js');
const finish = (data: Record<string, unknown>, event = 'FINISH') =>
  JSON.stringify({ type: 'WA_EMBEDDED_SIGNUP', event, data, version: 3 });
const SESSION = { phone_number_id: '106540352242922', waba_id: '102290129340398', business_id: '5550001' };

const run = (...events: PairingEvent[]): PairingState =>
  events.reduce(pairingReducer, pairingReducer(initialPairing, { kind: 'start' }));
const message = (data: string): PairingEvent => ({
  kind: 'message',
  message: readSignupMessage('https://www.facebook.com', data, FB) as SignupMessage,
});

describe('readSignupMessage', () => {
  it('accepts only Facebook origins for Meta SDK', () => {
    expect(FB).toEqual(['https://www.facebook.com', 'https://web.facebook.com']);
    expect(readSignupMessage('https://web.facebook.com', finish(SESSION), FB)?.kind).toBe('finish');
    expect(readSignupMessage('https://evil.example', finish(SESSION), FB)).toBeNull();
    expect(readSignupMessage('https://www.facebook.com.evil.example', finish(SESSION), FB)).toBeNull();
    expect(readSignupMessage('http://www.facebook.com', finish(SESSION), FB)).toBeNull();
  });

  it('trusts a local SDK origin (a fake) besides Facebook', () => {
    const trusted = trustedOrigins('http://127.0.0.1:4010/sdk.js?code=x');
    expect(trusted).toContain('http://127.0.0.1:4010');
    expect(readSignupMessage('http://127.0.0.1:4010', finish(SESSION), trusted)?.kind).toBe('finish');
    expect(readSignupMessage('http://127.0.0.1:4011', finish(SESSION), trusted)).toBeNull();
  });

  it('ignores non-JSON and unrelated messages', () => {
    expect(readSignupMessage('https://www.facebook.com', 'cb=f1234&xd_sig=abc', FB)).toBeNull();
    expect(readSignupMessage('https://www.facebook.com', JSON.stringify({ type: 'OTHER' }), FB)).toBeNull();
    expect(readSignupMessage('https://www.facebook.com', finish(SESSION, 'SOMETHING_NEW'), FB)).toBeNull();
  });

  it('reads every FINISH variant, CANCEL with its step and ERROR with its message', () => {
    for (const event of ['FINISH', 'FINISH_ONLY_WABA', 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING']) {
      const read = readSignupMessage('https://www.facebook.com', finish(SESSION, event), FB);
      expect(read).toEqual({
        kind: 'finish',
        session: {
          finish: event,
          waba_id: SESSION.waba_id,
          phone_number_id: SESSION.phone_number_id,
          business_id: '5550001',
        },
      });
    }
    expect(
      readSignupMessage(
        'https://www.facebook.com',
        finish({ current_step: 'PHONE_NUMBER_SETUP' }, 'CANCEL'),
        FB,
      ),
    ).toEqual({ kind: 'cancel', step: 'PHONE_NUMBER_SETUP', errorMessage: null });
    expect(
      readSignupMessage(
        'https://www.facebook.com',
        finish({ error_message: 'Number in use', error_code: 1 }, 'ERROR'),
        FB,
      ),
    ).toEqual({ kind: 'error', errorMessage: 'Number in use' });
  });

  it('accepts an already-parsed object too', () => {
    const data = { type: 'WA_EMBEDDED_SIGNUP', event: 'FINISH', data: SESSION };
    expect(readSignupMessage('https://www.facebook.com', data, FB)?.kind).toBe('finish');
  });
});

describe('pairingReducer', () => {
  const ready = {
    status: 'ready',
    request: {
      code: 'CODE-1',
      waba_id: SESSION.waba_id,
      phone_number_id: SESSION.phone_number_id,
      business_id: '5550001',
    },
  };

  it('pairs the code arriving first with the session info', () => {
    const waiting = run({ kind: 'login', code: 'CODE-1' });
    expect(waiting).toMatchObject({ status: 'waiting', code: 'CODE-1', session: null });
    expect(pairingReducer(waiting, message(finish(SESSION)))).toEqual(ready);
  });

  it('pairs the session info arriving first with the code', () => {
    expect(run(message(finish(SESSION)), { kind: 'login', code: 'CODE-1' })).toEqual(ready);
  });

  it('omits the business id when Meta sent none', () => {
    const state = run(message(finish({ ...SESSION, business_id: undefined })), { kind: 'login', code: 'C' });
    expect(state).toEqual({
      status: 'ready',
      request: { code: 'C', waba_id: SESSION.waba_id, phone_number_id: SESSION.phone_number_id },
    });
  });

  it('ends in cancelled with the step, whichever of callback and message comes first', () => {
    const cancel = message(finish({ current_step: 'PHONE_NUMBER_SETUP' }, 'CANCEL'));
    expect(run(cancel, { kind: 'login', code: null })).toEqual({
      status: 'cancelled',
      step: 'PHONE_NUMBER_SETUP',
      message: null,
    });
    expect(run({ kind: 'login', code: null }, cancel)).toEqual({
      status: 'cancelled',
      step: 'PHONE_NUMBER_SETUP',
      message: null,
    });
  });

  it("turns a reported error into a failure with Meta's words", () => {
    expect(run(message(finish({ error_message: 'Your business is not verified' }, 'ERROR')))).toEqual({
      status: 'failed',
      message: 'Your business is not verified',
    });
    expect(
      run(message(finish({ error_message: 'Try later', error_code: '2', current_step: 'X' }, 'CANCEL'))),
    ).toEqual({
      status: 'failed',
      message: 'Try later',
    });
  });

  it('refuses a finish without a phone number (only a WABA was shared)', () => {
    const state = run({ kind: 'login', code: 'C' }, message(finish({ waba_id: '1' }, 'FINISH_ONLY_WABA')));
    expect(state.status).toBe('failed');
  });

  it('times out when one half never comes, and ignores late events after settling', () => {
    const timedOut = run({ kind: 'login', code: 'C' }, { kind: 'timeout' });
    expect(timedOut).toMatchObject({ status: 'failed' });
    expect(pairingReducer(timedOut, message(finish(SESSION)))).toBe(timedOut);
    const done = run({ kind: 'login', code: 'CODE-1' }, message(finish(SESSION)));
    expect(pairingReducer(done, { kind: 'login', code: 'OTHER' })).toBe(done);
  });

  it('a second attempt starts clean', () => {
    const failed = run({ kind: 'timeout' });
    expect(pairingReducer(failed, { kind: 'start' })).toEqual({
      status: 'waiting',
      code: null,
      session: null,
    });
  });
});
