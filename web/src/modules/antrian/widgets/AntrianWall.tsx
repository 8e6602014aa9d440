import '../strings';
import { useEffect, useState } from 'react';
import { api } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import { useFormat } from '../../../core/useFormat';
import type { WidgetProps } from '../../../surfaces/command/widgets';
import { BASE, type LiveUnitRow } from '../api';

/** Antrian on the LIVE Room wall: people waiting now per unit and the longest wait. */
export default function AntrianWall({ events, generation }: WidgetProps) {
  const { t } = useLang();
  const f = useFormat();
  const [rows, setRows] = useState<LiveUnitRow[] | null>(null);
  const newest = events.filter((e) => e.module === 'antrian')[0]?.id ?? '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on a reconnect and on new events
  useEffect(() => {
    const id = window.setTimeout(
      () =>
        api<LiveUnitRow[]>(`${BASE}/live`, { fresh: true })
          .then(setRows)
          .catch(() => undefined),
      newest ? 1500 : 0,
    );
    return () => window.clearTimeout(id);
  }, [newest, generation]);
  const total = rows?.reduce((n, r) => n + r.waiting, 0);
  const served = rows?.reduce((n, r) => n + r.servedToday, 0);
  const top = (rows ?? []).filter((r) => r.waiting > 0).slice(0, 3);
  return (
    <div data-testid="antrian-wall">
      <div className="kpi-row">
        <div className="kpi" data-kpi="waiting">
          <span className="kpi-value">{total === undefined ? '–' : f.number(total, 0)}</span>
          <span className="kpi-label">{t('antrian.wall.waiting')}</span>
        </div>
        <div className="kpi" data-kpi="served">
          <span className="kpi-value">{served === undefined ? '–' : f.number(served, 0)}</span>
          <span className="kpi-label">{t('antrian.wall.served')}</span>
        </div>
      </div>
      {top.length ? (
        <ul className="kpi-label antrian-wall-list">
          {top.map((r) => (
            <li
              key={r.unit}
              className={
                r.longestWaitMinutes !== null && r.longestWaitMinutes >= 60 ? 'kpi-alert' : undefined
              }
            >
              {r.unit}: {f.number(r.waiting, 0)}
              {r.longestWaitMinutes === null
                ? ''
                : ` · ${t('antrian.wall.longest', { time: f.minutes(r.longestWaitMinutes) })}`}
            </li>
          ))}
        </ul>
      ) : rows ? (
        <p className="kpi-label">{t('antrian.wall.none')}</p>
      ) : null}
    </div>
  );
}
