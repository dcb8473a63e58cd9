/**
 * What the engine keeps between messages in `conversations.state` (JSON). Read defensively:
 * the row may come from an older engine or be empty.
 */
export interface EngineState {
  /** The lead capture question the user is answering. */
  capture?: 'name' | 'email';
  /** The name given, kept until the email step ends. */
  pendingName?: { firstName: string; lastName: string | null; fullName: string };
  /** /enable_rag was sent without a URL: the next message is the URL. */
  awaitingRagUrl?: boolean;
  /** Contacts with no phone number (business-scoped id only): their details stay here, not in the CRM. */
  capturedEmail?: string | null;
}

export function readState(raw: Record<string, unknown> | null | undefined): EngineState {
  const state: EngineState = {};
  if (!raw || typeof raw !== 'object') return state;
  if (raw.capture === 'name' || raw.capture === 'email') state.capture = raw.capture;
  const name = raw.pendingName as EngineState['pendingName'] | undefined;
  if (name && typeof name.firstName === 'string') {
    state.pendingName = {
      firstName: name.firstName,
      lastName: typeof name.lastName === 'string' ? name.lastName : null,
      fullName: typeof name.fullName === 'string' ? name.fullName : name.firstName,
    };
  }
  if (raw.awaitingRagUrl === true) state.awaitingRagUrl = true;
  if (typeof raw.capturedEmail === 'string' || raw.capturedEmail === null)
    state.capturedEmail = raw.capturedEmail;
  return state;
}

/** Plain JSON without undefined fields. */
export function writeState(state: EngineState): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined));
}
