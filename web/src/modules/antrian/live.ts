import { useEffect, useRef, useState } from 'react';
import type { LiveEventView } from '../../../../shared/live';
import { apiUrl } from '../../core/api';
import { BASE } from './api';

export type StreamState = 'connecting' | 'open' | 'reconnecting';

/**
 * A unit's public stream (`/api/m/antrian/units/:code/stream`, anonymous SSE). EventSource
 * reconnects by itself; when the browser gives up (CLOSED after an HTTP error) a new one opens
 * with back-off and `?lastEventId=`. `onOpen` runs on every (re)connect: reload what the screen
 * shows, since a reconnect can miss what happened meanwhile.
 */
export function useUnitStream(
  unit: string | null,
  onEvent: (e: LiveEventView) => void,
  onOpen: () => void,
): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const handlers = useRef({ onEvent, onOpen });
  handlers.current = { onEvent, onOpen };
  useEffect(() => {
    if (!unit) return;
    const url = apiUrl(`${BASE}/units/${encodeURIComponent(unit)}/stream`);
    let es: EventSource | null = null;
    let timer: number | undefined;
    let attempts = 0;
    let stopped = false;
    let lastId = '';
    const connect = () => {
      es = new EventSource(lastId ? `${url}?lastEventId=${lastId}` : url);
      es.onopen = () => {
        attempts = 0;
        setState('open');
        handlers.current.onOpen();
      };
      es.onmessage = (msg: MessageEvent<string>) => {
        try {
          const ev = JSON.parse(msg.data) as LiveEventView;
          if (ev && typeof ev.type === 'string') {
            if (ev.id) lastId = ev.id;
            handlers.current.onEvent(ev);
          }
        } catch {
          /* ignore malformed messages */
        }
      };
      es.onerror = () => {
        if (stopped) return;
        setState('reconnecting');
        if (es?.readyState === EventSource.CLOSED) {
          es.close();
          attempts += 1;
          timer = window.setTimeout(connect, Math.min(30_000, 1000 * 2 ** attempts));
        }
      };
    };
    setState('connecting');
    connect();
    return () => {
      stopped = true;
      es?.close();
      window.clearTimeout(timer);
    };
  }, [unit]);
  return state;
}
