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
  const { t, pick } = useLang();
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
  const rows = s
    ? ([
        [t('siapKerja.wall.openVacancies'), s.openVacancies],
        [t('siapKerja.wall.openPositions'), s.openPositions],
        [t('siapKerja.wall.applicationsToday'), s.applicationsToday],
        [t('siapKerja.wall.ak1Today'), s.ak1IssuedToday],
        [t('siapKerja.wall.placementsMonth'), s.placementsMonth],
        [t('siapKerja.wall.waiting'), s.waiting],
      ] as const)
    : [];
  return (
    <div data-testid="sk-wall">
      <dl className="sk-wall">
        {rows.map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{f.number(n, 0)}</dd>
          </div>
        ))}
      </dl>
      <ul>
        {mine.slice(0, 4).map((e) => (
          <li key={e.id}>{pick(e.summary)}</li>
        ))}
      </ul>
    </div>
  );
}
