import '../strings';
import { useEffect, useState } from 'react';
import { api } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import { useFormat } from '../../../core/useFormat';
import type { WidgetProps } from '../../../surfaces/command/widgets';
import { BASE, type LiveSummary } from '../api';

/** Perizinan on the LIVE Room wall: in and issued today, in progress, overdue (with the worst OPD). */
export default function IzinWall({ events, generation }: WidgetProps) {
  const { t } = useLang();
  const f = useFormat();
  const [s, setS] = useState<LiveSummary | null>(null);
  const newest = events.filter((e) => e.module === 'perizinan')[0]?.id ?? '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on a reconnect and on new events
  useEffect(() => {
    const id = window.setTimeout(
      () =>
        api<LiveSummary>(`${BASE}/live/summary`, { fresh: true })
          .then(setS)
          .catch(() => undefined),
      newest ? 1000 : 0,
    );
    return () => window.clearTimeout(id);
  }, [newest, generation]);
  const overdue = s?.overdueByOpd.reduce((n, o) => n + o.count, 0);
  const figures = [
    ['in', t('izin.wall.submittedToday'), s?.submittedToday],
    ['issued', t('izin.wall.issuedToday'), s?.issuedToday],
    ['progress', t('izin.wall.inProgress'), s?.inProgress],
    ['overdue', t('izin.wall.overdue'), overdue],
  ] as const;
  const worst = s?.overdueByOpd.filter((o) => o.count > 0).slice(0, 2) ?? [];
  return (
    <div data-testid="izin-wall">
      <div className="kpi-row">
        {figures.map(([key, label, n]) => (
          <div key={key} className={`kpi${key === 'overdue' && n ? ' kpi-alert' : ''}`} data-kpi={key}>
            <span className="kpi-value">{n === undefined ? '–' : f.number(n, 0)}</span>
            <span className="kpi-label">{label}</span>
          </div>
        ))}
      </div>
      {worst.length ? (
        <p className="kpi-label">
          {t('izin.wall.overdueAt')}: {worst.map((o) => `${o.opd} (${f.number(o.count, 0)})`).join(' · ')}
        </p>
      ) : null}
    </div>
  );
}
