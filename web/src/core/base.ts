/**
 * A region is found by host name or by a path prefix `/r/<slug>` (single-domain deployments).
 * The prefix, when present, is the base of every API call and of the client router.
 */
export function computeBasePath(pathname: string): string {
  const m = /^\/r\/[a-z0-9-]+(?=\/|$)/.exec(pathname);
  return m ? m[0] : '';
}

export const basePath = computeBasePath(window.location.pathname);

/** Absolute URL path (including the region prefix) for a path inside the app, e.g. `/live`. */
export function appPath(path: string): string {
  return `${basePath}${path}`;
}

const LAST_BASE_KEY = 'simpul.lastBase';

/** Remember the prefix so an installed PWA started at `/` finds its region again. */
export function rememberBasePath(): void {
  try {
    if (basePath) localStorage.setItem(LAST_BASE_KEY, basePath);
  } catch {
    /* storage may be unavailable (private mode) */
  }
}

export function lastBasePath(): string | null {
  try {
    const v = localStorage.getItem(LAST_BASE_KEY);
    return v && computeBasePath(v) === v ? v : null;
  } catch {
    return null;
  }
}
