import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { MeView } from '../../../shared/auth';
import { ApiError, api, setAuthLostHandler, setCsrfToken } from './api';
import { basePath } from './base';

export type Me = MeView;

interface SessionState {
  me: Me | null;
  loading: boolean;
  /**
   * `me` is the last known session, restored from this device because the server could not be
   * reached: it has no CSRF token (`csrfToken` is ''), so writes wait until `refresh()` succeeds.
   */
  offline: boolean;
  setMe: (me: Me | null) => void;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
  can: (permission: string) => boolean;
}

const SessionContext = createContext<SessionState | null>(null);

/** The last `me` of this region (account, roles, permissions), never its CSRF token. */
const CACHE_KEY = `simpul.me:${basePath || '/'}`;
/** While offline, how often to try the server again (besides the `online` event and tab focus). */
const RETRY_MS = 30_000;

function saveCachedMe(me: Me | null): void {
  try {
    if (!me) {
      localStorage.removeItem(CACHE_KEY);
      return;
    }
    const { csrfToken: _secret, ...rest } = me;
    localStorage.setItem(CACHE_KEY, JSON.stringify(rest));
  } catch {
    /* storage may be unavailable (private mode) */
  }
}

function loadCachedMe(): Me | null {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Me> | null;
    const user = v?.user;
    if (
      !user ||
      typeof user.id !== 'string' ||
      typeof user.name !== 'string' ||
      !Array.isArray(user.roles) ||
      !Array.isArray(v.permissions)
    ) {
      return null;
    }
    return { user, permissions: v.permissions, csrfToken: '' };
  } catch {
    return null;
  }
}

/** The server was not reached (no connection, or a gateway answering for an API that is down). */
function unreachable(err: unknown): boolean {
  return err instanceof ApiError && (err.code === 'NETWORK' || [502, 503, 504].includes(err.status));
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [offline, setOffline] = useState(false);
  const meRef = useRef<Me | null>(null);
  meRef.current = me;

  /** A session the server just answered with (or none): remembered on this device for offline starts. */
  const setMe = useCallback((next: Me | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    saveCachedMe(next);
    setOffline(false);
    setMeState(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      // 200 whether signed in or not: an anonymous start logs no 401 in the console.
      setMe((await api<{ me: Me | null }>('/auth/session')).me);
    } catch (err) {
      if (unreachable(err)) {
        // Offline is not signed out: keep the session we know (this tab's, else this device's),
        // without a CSRF token until the server answers again.
        const current = meRef.current;
        const known = current
          ? current.csrfToken
            ? { ...current, csrfToken: '' }
            : current
          : loadCachedMe();
        setCsrfToken(null);
        setOffline(known !== null);
        setMeState(known);
      } else if (!(err instanceof ApiError) || err.status === 401) {
        setMe(null);
      }
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

  // Back online (or back to the tab, or every so often): ask the server again.
  useEffect(() => {
    if (!offline) return;
    const retry = () => {
      if (navigator.onLine) void refresh();
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') retry();
    };
    window.addEventListener('online', retry);
    document.addEventListener('visibilitychange', onVisible);
    const timer = window.setInterval(retry, RETRY_MS);
    return () => {
      window.removeEventListener('online', retry);
      document.removeEventListener('visibilitychange', onVisible);
      window.clearInterval(timer);
    };
  }, [offline, refresh]);

  const value = useMemo<SessionState>(
    () => ({
      me,
      loading,
      offline,
      setMe,
      refresh,
      logout,
      can: (permission: string) => !!me?.permissions.includes(permission),
    }),
    [me, loading, offline, setMe, refresh, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
