import { useEffect, useRef, useState } from 'react';
import type { WallSummary } from '../../../../../shared/modules/darurat';
import { api } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import type { WidgetProps } from '../../../surfaces/command/widgets';
import '../darurat.css';

/**
 * "112 aktif" on the wall: open incidents by priority and units available, reloaded when a 112
 * event arrives (and after a reconnect), plus the latest 112 events from the shared feed.
 */
export default function Darurat112({ events }: WidgetProps) {
  const { pick } = useLang();
  const [s, setS] = useState<WallSummary | null>(null);
  const [failed, setFailed] = useState(false);
  const mine = events.filter((e) => e.module === 'darurat');
  const newest = mine[0]?.id ?? '';
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(
      () =>
        api<WallSummary>('/m/darurat/wall/summary')
          .then((x) => {
            setS(x);
            setFailed(false);
          })
          .catch(() => setFailed(true)),
      newest ? 500 : 0,
    );
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [newest]);
  const figures: [string, number | undefined, { id: string; en: string }, boolean?][] = [
    ['p1', s?.open.P1, { id: 'Aktif P1', en: 'Open P1' }, true],
    ['p2', s?.open.P2, { id: 'Aktif P2', en: 'Open P2' }],
    ['p3', s?.open.P3, { id: 'Aktif P3', en: 'Open P3' }],
    ['units', s?.unitsAvailable, { id: 'Unit tersedia', en: 'Units available' }],
    ['today', s?.today, { id: '112 hari ini', en: '112 today' }],
  ];
  return (
    <div data-testid="darurat-live">
      <div className="kpi-row">
        {figures.map(([key, value, label, alert]) => (
          <div key={key} className="kpi" data-testid={`darurat-live-${key}`}>
            <span className="kpi-value" style={alert && (value ?? 0) > 0 ? { color: '#f87171' } : undefined}>
              {value ?? '–'}
            </span>
            <span className="kpi-label">{pick(label)}</span>
          </div>
        ))}
      </div>
      {failed ? (
        <p role="status">{pick({ id: 'Angka belum dapat dimuat.', en: 'Figures could not be loaded.' })}</p>
      ) : null}
      <ul className="dr-live-feed" aria-label={pick({ id: 'Kejadian 112 terbaru', en: 'Latest 112 events' })}>
        {mine.slice(0, 4).map((e) => (
          // Inside the 112 panel the summary's leading "112 " says nothing new.
          <li key={e.id}>{pick(e.summary).replace(/^112 (?!\d)/, '')}</li>
        ))}
      </ul>
    </div>
  );
}
