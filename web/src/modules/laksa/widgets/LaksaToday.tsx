import { useEffect, useRef, useState } from 'react';
import type { LiveSummary } from '../../../../../shared/modules/laksa';
import { api } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import type { WidgetProps } from '../../../surfaces/command/widgets';

const figures: { key: keyof LiveSummary; label: { id: string; en: string }; alert?: boolean }[] = [
  { key: 'createdToday', label: { id: 'Laporan hari ini', en: 'Reports today' } },
  { key: 'awaitingVerification', label: { id: 'Menunggu verifikasi', en: 'Awaiting verification' } },
  { key: 'open', label: { id: 'Sedang ditangani', en: 'Open' } },
  { key: 'resolvedToday', label: { id: 'Selesai hari ini', en: 'Resolved today' } },
  { key: 'overdue', label: { id: 'Melewati SLA', en: 'Past SLA' }, alert: true },
];

/**
 * LAKSA on the wall: today's figures, reloaded from the API whenever a LAKSA event arrives (and
 * after a reconnect, as the feed's events change), plus the latest LAKSA events from the feed.
 */
export default function LaksaToday({ events }: WidgetProps) {
  const { pick } = useLang();
  const [summary, setSummary] = useState<LiveSummary | null>(null);
  const [failed, setFailed] = useState(false);
  const laksaEvents = events.filter((e) => e.module === 'laksa');
  const newest = laksaEvents[0]?.id ?? '';
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    // Many events in a burst (bulk disposition) cost one reload.
    timer.current = setTimeout(
      () =>
        api<LiveSummary>('/m/laksa/live/summary')
          .then((s) => {
            setSummary(s);
            setFailed(false);
          })
          .catch(() => setFailed(true)),
      newest ? 1000 : 0,
    );
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [newest]);

  return (
    <div data-testid="laksa-live">
      <div className="kpi-row">
        {figures.map((f) => (
          <div key={f.key} className="kpi" data-testid={`laksa-live-${f.key}`}>
            <span
              className="kpi-value"
              style={f.alert && (summary?.[f.key] ?? 0) > 0 ? { color: '#f87171' } : undefined}
            >
              {summary ? summary[f.key] : '–'}
            </span>
            <span className="kpi-label">{pick(f.label)}</span>
          </div>
        ))}
      </div>
      {failed ? (
        <p role="status">{pick({ id: 'Angka belum dapat dimuat.', en: 'Figures could not be loaded.' })}</p>
      ) : null}
      <ul
        className="laksa-live-feed"
        aria-label={pick({ id: 'Kejadian LAKSA terbaru', en: 'Latest LAKSA events' })}
      >
        {laksaEvents.slice(0, 6).map((e) => (
          <li key={e.id} data-testid="laksa-live-event">
            {pick(e.summary)}
          </li>
        ))}
      </ul>
    </div>
  );
}
