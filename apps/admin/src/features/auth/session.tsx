import type { AuthUser, LoginResponse } from '@parley/shared-types';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { tokenExpiresAt } from '../../lib/jwt';
import {
  isSessionStorageEvent,
  readStored,
  readStoredSession,
  type Session,
  storeSession,
  UNAUTHORIZED_EVENT,
} from '../../lib/session-storage';

export type LogoutReason = 'signed-out' | 'expired';

interface SessionContextValue {
  session: Session | null;
  /** Why the last session ended, for the login page to explain. */
  endedBecause: LogoutReason | null;
  signIn: (response: LoginResponse) => void;
  signOut: (reason?: LogoutReason) => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Keeps the session across reloads and ends it when the token expires or the API says 401. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(readStoredSession);
  const [endedBecause, setEndedBecause] = useState<LogoutReason | null>(() =>
    readStored() && !readStoredSession() ? 'expired' : null,
  );

  const signOut = useCallback(
    (reason: LogoutReason = 'signed-out') => {
      storeSession(null);
      setSession(null);
      setEndedBecause(reason);
      queryClient.clear();
    },
    [queryClient],
  );

  const signIn = useCallback((response: LoginResponse) => {
    const expiresAt = tokenExpiresAt(response.access_token) ?? Date.now() + response.expires_in * 1000;
    const next = { token: response.access_token, user: response.user, expiresAt };
    storeSession(next);
    setEndedBecause(null);
    setSession(next);
  }, []);

  useEffect(() => {
    const onUnauthorized = () => signOut('expired');
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [signOut]);

  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(() => signOut('expired'), Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [session, signOut]);

  // Another tab signing in or out changes this tab too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (isSessionStorageEvent(event)) setSession(readStoredSession());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const value = useMemo(
    () => ({ session, endedBecause, signIn, signOut }),
    [session, endedBecause, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession must be used inside SessionProvider');
  return context;
}

/** The signed-in user; only for components rendered behind RequireAuth. */
export function useCurrentUser(): AuthUser {
  const { session } = useSession();
  if (!session) throw new Error('useCurrentUser needs a session');
  return session.user;
}
