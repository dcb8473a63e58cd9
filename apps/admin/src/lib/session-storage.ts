import type { AuthUser } from '@parley/shared-types';

const STORAGE_KEY = 'parley.session';

export interface Session {
  token: string;
  user: AuthUser;
  expiresAt: number;
}

export function readStored(): Session | null {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
  } catch {
    return null;
  }
}

/** The stored session if it has not expired yet. */
export function readStoredSession(): Session | null {
  const stored = readStored();
  return stored && stored.expiresAt > Date.now() ? stored : null;
}

export function storeSession(session: Session | null): void {
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
}

export const isSessionStorageEvent = (event: StorageEvent) => event.key === STORAGE_KEY;

/** Fired by the API client when the server refuses the stored token. */
export const UNAUTHORIZED_EVENT = 'parley:unauthorized';
