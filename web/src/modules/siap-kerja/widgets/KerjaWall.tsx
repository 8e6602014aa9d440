import '../strings';
import { useEffect, useState } from 'react';
import { api } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import { useFormat } from '../../../core/useFormat';
import type { WidgetProps } from '../../../surfaces/command/widgets';
import { BASE } from '../api';

type Summary = {
  openVacancies: number;
  openPositions: number;
  applicationsToday: number;
  ak1IssuedToday: number;
  placementsMonth: number;
  waiting: number;
};

/** Siap Kerja on the LIVE Room wall: a few counts, reloaded on its events and after a reconnect. */
export default function KerjaWall({ events, generation }: WidgetProps) {
  const { t } = useLang();
  const f = useFormat();
  const [s, setS] = useState<Summary | null>(null);
  const mine = events.filter((e) => e.module === 'siap-kerja');
  const newest = mine[0]?.id ?? '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on a reconnect and on new events
  useEffect(() => {
    const id = window.setTimeout(
      () =>
        api<Summary>(`${BASE}/live/summary`, { fresh: true })
          .then(setS)
          .catch(() => undefined),
      newest ? 1000 : 0,
    );
    return () => window.clearTimeout(id);
  }, [newest, generation]);
  // Three counts in one row, like the other side widgets: the wall's right column is shared by every
  // module's summary and the live feed, which must keep most of the height.
  const figures = [
    ['open', t('siapKerja.wall.openVacancies'), s?.openVacancies],
    ['today', t('siapKerja.wall.applicationsToday'), s?.applicationsToday],
    ['waiting', t('siapKerja.wall.waiting'), s?.waiting],
  ] as const;
  return (
    <div className="kpi-row" data-testid="sk-wall">
      {figures.map(([key, label, n]) => (
        <div key={key} className="kpi">
          <span className="kpi-value">{n === undefined ? '–' : f.number(n, 0)}</span>
          <span className="kpi-label">{label}</span>
        </div>
      ))}
    </div>
  );
}
