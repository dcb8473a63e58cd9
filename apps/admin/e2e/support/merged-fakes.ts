import * as fakes from '@parley/fakes';
import type { FakeServer } from '@parley/fakes';

/**
 * The fakes other branches of round 2 add (Meta Graph with onboarding, Gemini), looked up by name
 * so this file compiles before they are merged. `missing` names what is not there yet; the
 * journey is skipped until it is empty. Adapt the names and the code issuing below at merge.
 */
const registry = fakes as unknown as Record<string, unknown>;
type FakeClass = new () => FakeServer;

const META_CLASS = 'MetaGraphFake';
const GEMINI_CLASS = 'GeminiFake';

export const missingFakes: string[] = [META_CLASS, GEMINI_CLASS].filter(
  (name) => typeof registry[name] !== 'function',
);

export async function startMergedFakes(): Promise<{ meta: FakeServer; gemini: FakeServer }> {
  const meta = await new (registry[META_CLASS] as FakeClass)().start();
  const gemini = await new (registry[GEMINI_CLASS] as FakeClass)().start();
  return { meta, gemini };
}

interface CodeIssuer {
  issueCode?: (grant: Record<string, unknown>) => string | { code: string };
}

/**
 * A code the Meta fake will exchange for a business token that can see this WABA and number
 * (onboarding-routes.ts' MetaOnboardingState). Tries the state object on the fake, then its
 * control route.
 */
export async function issueSignupCode(
  meta: FakeServer,
  grant: { waba_id: string; phone_number_id: string; display_phone_number: string; verified_name: string },
): Promise<string> {
  const holder = meta as unknown as { onboarding?: CodeIssuer; state?: CodeIssuer } & CodeIssuer;
  const issuer = [holder.onboarding, holder.state, holder].find((s) => typeof s?.issueCode === 'function');
  if (issuer?.issueCode) {
    const issued = issuer.issueCode(grant);
    return typeof issued === 'string' ? issued : issued.code;
  }
  const res = await fetch(`${meta.url}/__fake/onboarding/codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(grant),
  });
  if (!res.ok)
    throw new Error(`Cannot issue a signup code on the Meta fake (${res.status}); adapt issueSignupCode`);
  return ((await res.json()) as { code: string }).code;
}
