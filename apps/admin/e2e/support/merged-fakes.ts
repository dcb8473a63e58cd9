import { GeminiFake, GraphFake, type MetaApp } from '@parley/fakes';

export interface SignupNumber {
  waba_id: string;
  business_id: string;
  phone_number_id: string;
  display_phone_number: string;
}

/** The Meta Graph fake (messages and Embedded Signup's routes) with the platform's Meta app registered, and the Gemini fake. */
export async function startMetaAndGemini(): Promise<{ meta: GraphFake; app: MetaApp; gemini: GeminiFake }> {
  const meta = await new GraphFake().start();
  const app = meta.onboarding.createApp('Parley');
  const gemini = await new GeminiFake().start();
  return { meta, app, gemini };
}

/**
 * The customer finishing the popup on Meta's side: a WABA with one number and a code for `app`
 * that the Graph fake exchanges for a business token seeing it (what the session-info message carries).
 */
export function signupOnMeta(meta: GraphFake, app: MetaApp): SignupNumber & { code: string } {
  const { waba, phone } = meta.onboarding.createWaba({ verifiedName: 'Acme Dental' });
  return {
    code: meta.onboarding.signup(app, waba),
    waba_id: waba.id,
    business_id: waba.businessId,
    phone_number_id: phone.id,
    display_phone_number: phone.displayPhoneNumber,
  };
}
