import { useEffect, useMemo, useRef, useState } from 'react';
import { type ReportStatus, statusLabels } from '../../../../../shared/modules/laksa';
import type { KpiWindow, LaksaKpi, LaksaOpdDetail } from '../../../../../shared/modules/laksa-live';
import { api } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import { cx, Icon } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import type { WidgetProps } from '../../../surfaces/command/widgets';
import { formatMinutes, useLaksaWall } from './useLaksaWall';

type Label = { id: string; en: string };
type SortKey = 'name' | keyof Omit<LaksaKpi, 'ratings'>;

const windows: { key: KpiWindow; label: Label }[] = [
  { key: 'today', label: { id: 'Hari ini', en: 'Today' } },
  { key: 'd7', label: { id: '7 hari', en: '7 days' } },
  { key: 'd30', label: { id: '30 hari', en: '30 days' } },
];

const columns: { key: SortKey; label: Label; title: Label }[] = [
  { key: 'name', label: { id: 'OPD', en: 'Agency' }, title: { id: 'Perangkat daerah', en: 'Agency' } },
  {
    key: 'received',
    label: { id: 'Masuk', en: 'In' },
    title: { id: 'Laporan didisposisikan', en: 'Reports assigned' },
  },
  {
    key: 'resolved',
    label: { id: 'Selesai', en: 'Done' },
    title: { id: 'Laporan diselesaikan', en: 'Reports resolved' },
  },
  {
    key: 'medianResponseMinutes',
    label: { id: 'Respons', en: 'Response' },
    title: {
      id: 'Median waktu respons pertama sejak disposisi',
      en: 'Median time to first response since assignment',
    },
  },
  {
    key: 'medianResolutionMinutes',
    label: { id: 'Tuntas', en: 'Resolution' },
    title: {
      id: 'Median waktu sejak laporan masuk sampai selesai',
      en: 'Median time from filing to resolution',
    },
  },
  {
    key: 'slaCompliancePct',
    label: { id: 'SLA', en: 'SLA' },
    title: { id: 'Selesai dalam batas hari kerja (%)', en: 'Resolved within the working-day deadline (%)' },
  },
  {
    key: 'averageRating',
    label: { id: 'Rating', en: 'Rating' },
    title: { id: 'Rata-rata penilaian warga', en: 'Average citizen rating' },
  },
];

/** Lower is better for durations; higher for everything else. Nulls always sort last. */
const ascendingFirst = (k: SortKey) =>
  k === 'name' || k === 'medianResponseMinutes' || k === 'medianResolutionMinutes';

function Cell({ k, kpi }: { k: Exclude<SortKey, 'name'>; kpi: LaksaKpi }) {
  const format = useFormat();
  const v = kpi[k];
  if (k === 'medianResponseMinutes' || k === 'medianResolutionMinutes')
    return <>{formatMinutes(v, format)}</>;
  if (v === null) return <>–</>;
  if (k === 'slaCompliancePct')
    return (
      <span className={cx('sla', v >= 80 ? 'good' : v >= 50 ? 'fair' : 'poor')}>{format.percent(v)}</span>
    );
  if (k === 'averageRating') return <>{format.number(v)}★</>;
  return <>{format.number(v)}</>;
}

/** The OPD league table: today / 7 / 30 days, sortable by any column; a click opens the OPD. */
export default function LaksaLeague({ events, generation }: WidgetProps) {
  const { pick } = useLang();
  const { data } = useLaksaWall(events, generation);
  const [win, setWin] = useState<KpiWindow>('d30');
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'resolved', asc: false });
  const [open, setOpen] = useState<string | null>(null);

  const rows = useMemo(() => {
    const list = [...(data?.league ?? [])];
    const val = (r: (typeof list)[number]) => (sort.key === 'name' ? r.opd.shortName : r[win][sort.key]);
    return list.sort((a, b) => {
      const x = val(a);
      const y = val(b);
      if (x === null) return y === null ? 0 : 1;
      if (y === null) return -1;
      const c = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
      return sort.asc ? c : -c;
    });
  }, [data, win, sort]);

  return (
    <div className="league" data-testid="laksa-league">
      <fieldset className="segmented">
        <legend className="sr-only">{pick({ id: 'Periode', en: 'Period' })}</legend>
        {windows.map((w) => (
          <button
            key={w.key}
            type="button"
            aria-pressed={win === w.key}
            onClick={() => setWin(w.key)}
            data-testid={`league-window-${w.key}`}
          >
            {pick(w.label)}
          </button>
        ))}
      </fieldset>
      <div className="league-scroll">
        <table className="league-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={sort.key === c.key ? (sort.asc ? 'ascending' : 'descending') : undefined}
                >
                  <button
                    type="button"
                    title={pick(c.title)}
                    onClick={() =>
                      setSort((s) => ({ key: c.key, asc: s.key === c.key ? !s.asc : ascendingFirst(c.key) }))
                    }
                    data-testid={`league-sort-${c.key}`}
                  >
                    {pick(c.label)}
                    {sort.key === c.key ? (sort.asc ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data ? (
              <tr className="league-region">
                <th scope="row">{pick({ id: 'Seluruh daerah', en: 'Whole region' })}</th>
                {columns.slice(1).map((c) => (
                  <td key={c.key}>
                    <Cell k={c.key as Exclude<SortKey, 'name'>} kpi={data.region[win]} />
                  </td>
                ))}
              </tr>
            ) : null}
            {rows.map((r) => (
              <tr key={r.opd.id} data-testid="league-row" data-opd={r.opd.shortName}>
                <th scope="row">
                  <button
                    type="button"
                    className="link-btn"
                    onClick={() => setOpen(r.opd.id)}
                    title={r.opd.name}
                  >
                    {r.opd.shortName}
                  </button>
                </th>
                {columns.slice(1).map((c) => (
                  <td key={c.key}>
                    <Cell k={c.key as Exclude<SortKey, 'name'>} kpi={r[win]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {open ? <OpdDetail id={open} generation={generation} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

function OpdDetail({ id, generation, onClose }: { id: string; generation: number; onClose: () => void }) {
  const { pick } = useLang();
  const format = useFormat();
  const [d, setD] = useState<LaksaOpdDetail | null>(null);
  const closeBtn = useRef<HTMLButtonElement>(null);
  useEffect(() => closeBtn.current?.focus(), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger (a reconnect)
  useEffect(() => {
    api<LaksaOpdDetail>(`/m/laksa/live/opd/${id}`)
      .then(setD)
      .catch(() => setD(null));
  }, [id, generation]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  const max = Math.max(1, ...(d?.daily.map((x) => Math.max(x.received, x.resolved)) ?? [1]));
  return (
    <div className="wall-dialog-backdrop">
      <div
        className="wall-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="opd-detail-title"
        data-testid="opd-detail"
      >
        <header className="wall-dialog-head">
          <h3 id="opd-detail-title">{d ? d.opd.name : '…'}</h3>
          <button type="button" className="header-btn" onClick={onClose} ref={closeBtn}>
            <Icon name="close" size={20} /> {pick({ id: 'Tutup', en: 'Close' })}
          </button>
        </header>
        {d ? (
          <>
            <dl className="opd-figures">
              {windows.map((w) => (
                <div key={w.key}>
                  <dt>{pick(w.label)}</dt>
                  <dd>
                    {d.windows[w.key].received} {pick({ id: 'masuk', en: 'in' })} ·{' '}
                    {d.windows[w.key].resolved} {pick({ id: 'selesai', en: 'done' })} · SLA{' '}
                    {d.windows[w.key].slaCompliancePct === null
                      ? '–'
                      : `${d.windows[w.key].slaCompliancePct}%`}{' '}
                    · {formatMinutes(d.windows[w.key].medianResolutionMinutes, format)}
                  </dd>
                </div>
              ))}
            </dl>
            <p className="wall-note">
              {pick({ id: 'Masuk dan selesai per hari, 30 hari', en: 'In and done per day, 30 days' })}
            </p>
            <div className="opd-bars" aria-hidden="true">
              {d.daily.map((x, i) => (
                <span key={d.days[i]} title={`${d.days[i]}: ${x.received} / ${x.resolved}`}>
                  <i className="in" style={{ height: `${(100 * x.received) / max}%` }} />
                  <i className="done" style={{ height: `${(100 * x.resolved) / max}%` }} />
                </span>
              ))}
            </div>
            <p className="wall-note">
              {pick({ id: 'Terbuka sekarang: ', en: 'Open now: ' })}
              {d.openByStatus.length === 0
                ? '0'
                : d.openByStatus
                    .map((s) => `${pick(statusLabels[s.status as ReportStatus])} ${s.count}`)
                    .join(' · ')}
            </p>
          </>
        ) : (
          <p className="wall-note">{pick({ id: 'Memuat…', en: 'Loading…' })}</p>
        )}
      </div>
    </div>
  );
}
