import { useEffect, useRef, useState } from 'react';
import type { LiveEventView } from '../../../../shared/live';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting';

/**
 * Subscribes to the SSE stream. EventSource reconnects by itself (sending Last-Event-ID); if the
 * browser gives up (CLOSED, e.g. after an HTTP error), we open a new one with back-off and pass
 * the last id we saw as `?lastEventId=`, so the server still replays what was missed.
 *
 * `generation` counts the times the stream (re)opened: views whose figures come from the API
 * reload when it changes, because a reconnect can miss what happened while it was down (and the
 * replay can, rarely, miss an event whose id committed out of order; docs/ARCHITECTURE.md).
 */
export function useLiveStream(
  url: string | null,
  onEvent: (ev: LiveEventView) => void,
): { status: StreamStatus; generation: number } {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [generation, setGeneration] = useState(0);
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    if (!url) return;
    let es: EventSource | null = null;
    let timer: number | undefined;
    let attempts = 0;
    let stopped = false;
    let lastId = '';

    const connect = () => {
      const resume = lastId ? `${url}${url.includes('?') ? '&' : '?'}lastEventId=${lastId}` : url;
      es = new EventSource(resume, { withCredentials: true });
      es.onopen = () => {
        attempts = 0;
        setStatus('open');
        setGeneration((g) => g + 1);
      };
      es.onmessage = (msg: MessageEvent<string>) => {
        try {
          const ev = JSON.parse(msg.data) as LiveEventView;
          if (ev && typeof ev.id === 'string' && ev.summary) {
            lastId = ev.id;
            handler.current(ev);
          }
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

  return { status, generation };
}
