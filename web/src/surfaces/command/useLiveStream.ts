import { useEffect, useRef, useState } from 'react';
import type { LiveEventView } from '../../../../shared/live';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting';

/**
 * Subscribes to the SSE stream. EventSource reconnects by itself (sending Last-Event-ID);
 * if the browser gives up (CLOSED, e.g. after an HTTP error), we open a new one with back-off.
 */
export function useLiveStream(url: string | null, onEvent: (ev: LiveEventView) => void): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    if (!url) return;
    let es: EventSource | null = null;
    let timer: number | undefined;
    let attempts = 0;
    let stopped = false;

    const connect = () => {
      es = new EventSource(url, { withCredentials: true });
      es.onopen = () => {
        attempts = 0;
        setStatus('open');
      };
      es.onmessage = (msg: MessageEvent<string>) => {
        try {
          const ev = JSON.parse(msg.data) as LiveEventView;
          if (ev && typeof ev.id === 'string' && ev.summary) handler.current(ev);
        } catch {
          /* ignore malformed messages */
        }
      };
      es.onerror = () => {
        if (stopped) return;
        setStatus('reconnecting');
        if (es && es.readyState === EventSource.CLOSED) {
          es.close();
          attempts += 1;
          timer = window.setTimeout(connect, Math.min(30_000, 1000 * 2 ** attempts));
        }
      };
    };

    setStatus('connecting');
    connect();
    return () => {
      stopped = true;
      es?.close();
      window.clearTimeout(timer);
    };
  }, [url]);

  return status;
}
