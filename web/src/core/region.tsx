import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { RegionPublicView } from '../../../shared/region';
import { ApiError, api } from './api';
import { basePath, lastBasePath, rememberBasePath } from './base';
import { inkOn, readableOn } from './color';

export type Region = RegionPublicView;
export type RegionModule = Region['modules'][number];

interface RegionState {
  region: Region | null;
  error: ApiError | null;
  loading: boolean;
  /** Reload from the server, bypassing the HTTP cache (after an admin change). */
  reload: () => Promise<void>;
  setRegion: (r: Region) => void;
}

const RegionContext = createContext<RegionState | null>(null);

export const timeZoneIana: Record<Region['timeZone'], string> = {
  WIB: 'Asia/Jakarta',
  WITA: 'Asia/Makassar',
  WIT: 'Asia/Jayapura',
};

// Ink colours are checked against the darkest light surface and the lightest dark surface we use.
const LIGHT_BG = '#eef1f5';
const DARK_BG = '#1b2740';

/** CSS variables derived from the branding; every text colour is checked for contrast. */
export function brandingVars(primary: string, accent: string): Record<string, string> {
  return {
    '--brand': primary,
    '--on-brand': readableOn(primary),
    '--brand-ink': inkOn(primary, LIGHT_BG),
    '--brand-ink-dark': inkOn(primary, DARK_BG),
    '--accent': accent,
    '--on-accent': readableOn(accent),
    '--accent-ink': inkOn(accent, LIGHT_BG),
    '--accent-ink-dark': inkOn(accent, DARK_BG),
  };
}

function applyBranding(region: Region) {
  const root = document.documentElement;
  for (const [k, v] of Object.entries(
    brandingVars(region.branding.primaryColor, region.branding.accentColor),
  )) {
    root.style.setProperty(k, v);
  }
  document.title = region.branding.displayName;
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', region.branding.primaryColor);
}

export function RegionProvider({ children }: { children: ReactNode }) {
  const [region, setRegionState] = useState<Region | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);

  const setRegion = useCallback((r: Region) => {
    setRegionState(r);
    applyBranding(r);
  }, []);

  const load = useCallback(
    async (fresh: boolean) => {
      setLoading(true);
      try {
        const r = await api<Region>('/region', { fresh });
        setRegion(r);
        setError(null);
        rememberBasePath();
      } catch (err) {
        const e = err instanceof ApiError ? err : new ApiError(0, { code: 'INTERNAL', message: String(err) });
        // An installed PWA starts at `/`; on a single-domain deployment go back to the region it came from.
        const last = lastBasePath();
        if (e.code === 'REGION_NOT_FOUND' && !basePath && last) {
          window.location.replace(`${last}/`);
          return;
        }
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [setRegion],
  );

  const reload = useCallback(() => load(true), [load]);

  useEffect(() => {
    void load(false);
  }, [load]);

  const value = useMemo(
    () => ({ region, error, loading, reload, setRegion }),
    [region, error, loading, reload, setRegion],
  );
  return <RegionContext.Provider value={value}>{children}</RegionContext.Provider>;
}

export function useRegionState(): RegionState {
  const ctx = useContext(RegionContext);
  if (!ctx) throw new Error('useRegionState outside RegionProvider');
  return ctx;
}

/** The loaded region; only use below the gate that waits for it. */
export function useRegion(): Region {
  const { region } = useRegionState();
  if (!region) throw new Error('region not loaded');
  return region;
}

export function useRegionTimeZone(): string {
  return timeZoneIana[useRegion().timeZone];
}
