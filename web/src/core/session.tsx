import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { MeView } from '../../../shared/auth';
import { ApiError, api, setAuthLostHandler, setCsrfToken } from './api';

export type Me = MeView;

interface SessionState {
  me: Me | null;
  loading: boolean;
  setMe: (me: Me | null) => void;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
  can: (permission: string) => boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const setMe = useCallback((next: Me | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setMeState(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      setMe(await api<Me>('/auth/me'));
    } catch (err) {
      // 401 = signed out; anything else (offline) also leaves us signed out for now.
      if (!(err instanceof ApiError) || err.status === 401 || err.status === 0) setMe(null);
    } finally {
      setLoading(false);
    }
  }, [setMe]);

  const logout = useCallback(async () => {
    try {
      await api<void>('/auth/logout', { method: 'POST' });
    } finally {
      setMe(null);
    }
  }, [setMe]);

  useEffect(() => {
    setAuthLostHandler(() => setMe(null));
    void refresh();
    return () => setAuthLostHandler(null);
  }, [refresh, setMe]);

  const value = useMemo<SessionState>(
    () => ({
      me,
      loading,
      setMe,
      refresh,
      logout,
      can: (permission: string) => !!me?.permissions.includes(permission),
    }),
    [me, loading, setMe, refresh, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
