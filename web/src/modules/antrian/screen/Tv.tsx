import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LiveEventView } from '../../../../../shared/live';
import { api, errorMessage } from '../../../core/api';
import { useDebounced, useNow } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useFormat } from '../../../core/useFormat';
import { BASE, type CallEventData, type CallView, type DisplayView } from '../api';
import { useUnitStream } from '../live';
import { createAnnouncer, soundReady, soundRemembered, tryResume, unlockSound } from '../speech';

const CALL_EVENTS = new Set(['antrian.ticket.called', 'antrian.ticket.recalled']);

/** Keeps the TV's screen on where the browser allows it. */
function useWakeLock() {
  useEffect(() => {
    let lock: { release: () => Promise<void> } | null = null;
    const nav = navigator as Navigator & {
      wakeLock?: { request: (t: 'screen') => Promise<{ release: () => Promise<void> }> };
    };
    const take = () => {
      if (document.visibilityState === 'visible')
        nav.wakeLock
          ?.request('screen')
          .then((l) => {
            lock = l;
          })
          .catch(() => undefined);
    };
    take();
    document.addEventListener('visibilitychange', take);
    return () => {
      document.removeEventListener('visibilitychange', take);
      void lock?.release().catch(() => undefined);
    };
  }, []);
}

/**
 * `/layar/antrian/tv/<unit>`: the unit's waiting-room display at 1920×1080. The call is shown the
 * moment it arrives on the stream, chimed and spoken ("Nomor antrean A dua belas, silakan ke loket
 * tiga"), one call after another; the snapshot (last calls, people waiting) is reloaded on the
 * other events and after every reconnect.
 */
export function Tv({ unit }: { unit: string }) {
  const { t } = useLang();
  const f = useFormat();
  const now = useNow(1000);
  const [snap, setSnap] = useState<DisplayView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<CallView | null>(null);
  const [flash, setFlash] = useState(0);
  const [sound, setSound] = useState<'ask' | 'locked' | 'on'>(() => (soundRemembered() ? 'locked' : 'ask'));
  const announcer = useRef<ReturnType<typeof createAnnouncer> | null>(null);
  announcer.current ??= createAnnouncer();
  useWakeLock();

  const load = useCallback(() => {
    api<DisplayView>(`${BASE}/units/${encodeURIComponent(unit)}/display`, { fresh: true })
      .then((d) => {
        setSnap(d);
        setError(null);
        const newest = d.calls[0];
        if (newest) setCurrent((c) => (!c || Date.parse(newest.at) > Date.parse(c.at) ? newest : c));
      })
      .catch((err) => setError(errorMessage(err)));
  }, [unit]);
  useEffect(load, [load]);
  const reload = useDebounced(load, 1200);

  const onEvent = (e: LiveEventView) => {
    if (CALL_EVENTS.has(e.type)) {
      const d = e.data as unknown as CallEventData;
      const call: CallView = {
        ticketId: e.subject ?? e.id,
        number: d.number,
        counter: d.counter,
        counterNumber: d.counterNumber,
        service: d.service,
        at: d.calledAt ?? e.at,
        priority: Boolean(d.priority),
      };
      setCurrent(call);
      setFlash((n) => n + 1);
      setSnap((s) =>
        s ? { ...s, calls: [call, ...s.calls.filter((c) => c.number !== call.number)].slice(0, 8) } : s,
      );
      announcer.current?.say({ number: d.number, counterNumber: d.counterNumber });
    }
    reload();
  };
  const stream = useUnitStream(unit, onEvent, load);

  // A remembered TV tries to make sound at once; where the browser still blocks it, any touch unlocks.
  useEffect(() => {
    if (sound !== 'locked') return;
    tryResume();
    const check = window.setTimeout(() => {
      if (soundReady()) setSound('on');
    }, 500);
    const unlock = () => {
      void unlockSound().then((ok) => ok && setSound('on'));
    };
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.clearTimeout(check);
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, [sound]);
  useEffect(() => {
    if (sound === 'on') announcer.current?.preload();
  }, [sound]);

  const recent = useMemo(
    () => (snap?.calls ?? []).filter((c) => !current || c.number !== current.number).slice(0, 6),
    [snap, current],
  );
  const time = f.time(now).slice(0, 5);

  return (
    <main className="antrian-tv" id="main" data-testid="antrian-tv">
      <header className="antrian-tv-head">
        <h1>{snap?.unit.name ?? t('antrian.tv.title')}</h1>
        <div className="antrian-tv-clock">
          <span className="antrian-tv-time">{time}</span>
          <span>{f.date(now)}</span>
        </div>
      </header>
      <section className="antrian-tv-now" aria-labelledby="tv-now-title">
        <h2 id="tv-now-title">{t('antrian.tv.nowCalling')}</h2>
        {/* The live region stays; its content is re-keyed per call so the flash runs again. */}
        <div
          className="antrian-tv-call"
          data-testid="antrian-current"
          aria-live="assertive"
          aria-atomic="true"
        >
          {current ? (
            <div key={flash} className={`antrian-tv-call-inner${flash ? ' antrian-tv-flash' : ''}`}>
              <span className="antrian-tv-number">{current.number}</span>
              <span className="antrian-tv-arrow" aria-hidden="true">
                →
              </span>
              <span className="antrian-tv-counter">{current.counter}</span>
              <span className="antrian-tv-service">
                {current.service}
                {current.priority ? ` · ${t('antrian.priority')}` : ''}
              </span>
            </div>
          ) : (
            <span className="antrian-tv-none">{t('antrian.tv.noCalls')}</span>
          )}
        </div>
      </section>
      <section className="antrian-tv-recent" aria-labelledby="tv-recent-title">
        <h2 id="tv-recent-title">{t('antrian.tv.lastCalls')}</h2>
        <ol>
          {recent.map((c) => (
            <li key={`${c.ticketId}-${c.at}`}>
              <span className="antrian-tv-recent-number">{c.number}</span>
              <span>{c.counter}</span>
            </li>
          ))}
        </ol>
      </section>
      <section className="antrian-tv-waiting" aria-labelledby="tv-waiting-title">
        <h2 id="tv-waiting-title">{t('antrian.tv.waiting')}</h2>
        <ul>
          {snap?.waiting.map((w) => (
            <li key={w.prefix}>
              <span className="antrian-tv-prefix">{w.prefix}</span>
              <span className="antrian-tv-wname">{w.service}</span>
              <span className="antrian-tv-count">{f.number(w.count, 0)}</span>
            </li>
          ))}
        </ul>
      </section>
      {stream === 'reconnecting' || error ? (
        <p className="antrian-tv-badge" role="status">
          {error && stream !== 'reconnecting' ? error : t('antrian.tv.reconnecting')}
        </p>
      ) : null}
      {sound === 'ask' ? (
        <button
          type="button"
          className="antrian-tv-sound"
          data-testid="antrian-sound"
          onClick={() => void unlockSound().then((ok) => setSound(ok ? 'on' : 'locked'))}
        >
          {t('antrian.tv.enableSound')}
        </button>
      ) : sound === 'locked' ? (
        <p className="antrian-tv-badge antrian-tv-badge-left" role="status">
          {t('antrian.tv.tapForSound')}
        </p>
      ) : null}
    </main>
  );
}
