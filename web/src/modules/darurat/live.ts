import { useEffect, useRef, useState } from 'react';
import type { LiveEventView } from '../../../../shared/live';
import { apiUrl } from '../../core/api';
import type { Format } from '../../core/format';

/**
 * The 112 stream (`/api/m/darurat/stream`, filtered per audience by the server). EventSource
 * reconnects by itself with Last-Event-ID; `onEvent` also runs once on every (re)connect so the
 * screen reloads what it shows instead of trusting the feed alone.
 */
export function useDaruratStream(query: string | null, onEvent: (e: LiveEventView | null) => void): boolean {
  const [open, setOpen] = useState(false);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (query === null) return;
    const es = new EventSource(apiUrl(`/m/darurat/stream${query}`), { withCredentials: true });
    es.onopen = () => {
      setOpen(true);
      handler.current(null);
    };
    es.onmessage = (msg: MessageEvent<string>) => {
      try {
        handler.current(JSON.parse(msg.data) as LiveEventView);
      } catch {
        /* ignore malformed messages */
      }
    };
    es.onerror = () => setOpen(false);
    return () => es.close();
  }, [query]);
  return open;
}

/** "12:03:45" in the viewer's locale. */
export function clock(iso: string | null, locale: string): string {
  return iso
    ? new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : '–';
}

/** "45 dtk", "3,1 mnt" between two instants (core/format.ts, per language). */
export function span(from: string | null, to: string | null, format: Pick<Format, 'duration'>): string {
  if (!from || !to) return '–';
  return format.duration(Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000)));
}
