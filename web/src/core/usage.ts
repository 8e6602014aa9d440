import { apiUrl } from './api';

/**
 * Tells the server a module page opened (usage analytics): module id and surface only, sent with
 * navigator.sendBeacon so it never delays the page. The server ignores the session cookie; the
 * count is anonymous. Failures are ignored: analytics must never get in a citizen's way.
 */
export function beaconOpen(module: string, surface: 'citizen' | 'staff'): void {
  try {
    const body = new Blob([JSON.stringify({ module, surface })], { type: 'application/json' });
    if (navigator.sendBeacon?.(apiUrl('/usage/open'), body)) return;
    void fetch(apiUrl('/usage/open'), { method: 'POST', body, keepalive: true, credentials: 'omit' }).catch(
      () => {},
    );
  } catch {
    /* no beacon, no count */
  }
}
