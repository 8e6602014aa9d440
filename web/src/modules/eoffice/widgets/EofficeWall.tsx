import '../strings';
import { useEffect, useState } from 'react';
import { api } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import { useFormat } from '../../../core/useFormat';
import type { WidgetProps } from '../../../surfaces/command/widgets';
import { BASE, type Summary } from '../api';

/** eOffice on the LIVE Room wall: letters in and signed today, open and overdue dispositions (with the worst OPDs). */
export default function EofficeWall({ events, generation }: WidgetProps) {
  const { t } = useLang();
  const f = useFormat();
  const [s, setS] = useState<Summary | null>(null);
  const newest = events.filter((e) => e.module === 'eoffice')[0]?.id ?? '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on a reconnect and on new events
  useEffect(() => {
    const id = window.setTimeout(
      () =>
        api<Summary>(`${BASE}/summary`, { fresh: true })
          .then(setS)
          .catch(() => undefined),
      newest ? 1000 : 0,
    );
    return () => window.clearTimeout(id);
  }, [newest, generation]);
  // Three figures fit a strip card; what was signed today and the pace go in the line under them.
  const figures = [
    ['in', t('eoffice.wall.inToday'), s?.lettersInToday],
    ['open', t('eoffice.wall.open'), s?.dispositionsOpen],
    ['overdue', t('eoffice.wall.overdue'), s?.dispositionsOverdue],
  ] as const;
  const worst = s?.overdueByOpd.filter((o) => o.count > 0).slice(0, 2) ?? [];
  return (
    <div data-testid="eo-wall">
      <div className="kpi-row">
        {figures.map(([key, label, n]) => (
          <div key={key} className={`kpi${key === 'overdue' && n ? ' kpi-alert' : ''}`} data-kpi={key}>
            <span className="kpi-value">{n === undefined ? '–' : f.number(n, 0)}</span>
            <span className="kpi-label">{label}</span>
          </div>
        ))}
      </div>
      {s ? (
        <p className="kpi-label" data-kpi="signed">
          {t('eoffice.wall.signedToday', { count: s.signedToday })}
          {s.avgFinishHours !== null
            ? ` · ${t('eoffice.wall.avgFinish', { duration: f.duration(s.avgFinishHours * 3600) })}`
            : ''}
        </p>
      ) : null}
      {worst.length ? (
        <p className="kpi-label">
          {t('eoffice.wall.overdueAt')}:{' '}
          {worst.map((o) => `${o.opdName} (${f.number(o.count, 0)})`).join(' · ')}
        </p>
      ) : null}
    </div>
  );
}
