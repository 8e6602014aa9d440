import { useLang } from '../../../core/i18n';
import { useFormat } from '../../../core/useFormat';
import type { WidgetProps } from '../../../surfaces/command/widgets';
import { formatMinutes, useLaksaWall } from './useLaksaWall';

/** Colour-blind-safe palette (Okabe–Ito), readable on the dark wall. */
const PALETTE = ['#56b4e9', '#e69f00', '#009e73', '#f0e442', '#cc79a7', '#d55e00', '#9aa5b1'];
const TOP = 6;

/**
 * 30-day trends: reports per day by category (stacked bars, the six largest categories and the
 * rest), daily median resolution time, and the heat of each kecamatan.
 */
export default function LaksaTrends({ events, generation }: WidgetProps) {
  const { pick, locale } = useLang();
  const format = useFormat();
  const { data } = useLaksaWall(events, generation);
  if (!data) return <p className="wall-note">{pick({ id: 'Memuat…', en: 'Loading…' })}</p>;
  const { days, byCategory, resolution, kecamatan } = data.trends;

  const ranked = [...byCategory].sort((a, b) => sum(b.daily) - sum(a.daily));
  const series = ranked.slice(0, TOP);
  const rest = ranked.slice(TOP);
  if (rest.length > 0)
    series.push({
      id: 'rest',
      name: { id: 'Lainnya', en: 'Other' },
      daily: days.map((_, i) => rest.reduce((n, c) => n + (c.daily[i] ?? 0), 0)),
    });
  const totals = days.map((_, i) => series.reduce((n, c) => n + (c.daily[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const W = 300;
  const H = 90;
  const bw = W / days.length;

  const medians = resolution.map((r) => r.medianMinutes);
  const maxMed = Math.max(1, ...medians.map((m) => m ?? 0));
  const points = medians
    .map((m, i) => (m === null ? null : `${(i + 0.5) * bw},${H - (H * m) / maxMed}`))
    .filter(Boolean)
    .join(' ');
  const lastMedian = [...medians].reverse().find((m) => m !== null) ?? null;
  const heatMax = Math.max(1, ...kecamatan.map((k) => k.reports));

  return (
    <div className="trends" data-testid="laksa-trends">
      <h4 className="trend-title">
        {pick({ id: 'Laporan per hari menurut kategori', en: 'Reports per day by category' })}
      </h4>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="trend-chart"
        role="img"
        aria-label={pick({
          id: `Laporan 30 hari: ${sum(totals)}, hari ini ${totals.at(-1) ?? 0}`,
          en: `Reports over 30 days: ${sum(totals)}, today ${totals.at(-1) ?? 0}`,
        })}
        preserveAspectRatio="none"
      >
        {days.map((d, i) => {
          let y = H;
          return (
            <g key={d}>
              {series.map((c, s) => {
                const h = (H * (c.daily[i] ?? 0)) / max;
                y -= h;
                return h > 0 ? (
                  <rect
                    key={c.id}
                    x={i * bw + 0.5}
                    y={y}
                    width={bw - 1}
                    height={h}
                    fill={PALETTE[s % PALETTE.length]}
                  />
                ) : null;
              })}
            </g>
          );
        })}
      </svg>
      <ul className="trend-legend">
        {series.map((c, s) => (
          <li key={c.id}>
            <i style={{ background: PALETTE[s % PALETTE.length] }} />
            {pick(c.name)} <b>{sum(c.daily).toLocaleString(locale)}</b>
          </li>
        ))}
      </ul>
      <h4 className="trend-title">
        {pick({ id: 'Median waktu penyelesaian per hari', en: 'Median resolution time per day' })}
        <span className="trend-now"> · {formatMinutes(lastMedian, format)}</span>
      </h4>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="trend-chart trend-line"
        aria-hidden="true"
        preserveAspectRatio="none"
      >
        <polyline
          points={points}
          fill="none"
          stroke="#f0e442"
          strokeWidth="2"
          vectorEffect="non-scaling-stroke"
        />
      </svg>
      <h4 className="trend-title">
        {pick({ id: 'Sebaran per kecamatan (30 hari)', en: 'By kecamatan (30 days)' })}
      </h4>
      <ul className="heat" data-testid="laksa-heat">
        {kecamatan.map((k) => (
          <li
            key={k.code}
            style={{ background: `rgb(230 90 40 / ${(0.08 + (0.34 * k.reports) / heatMax).toFixed(2)})` }}
            title={`${k.name}: ${k.reports}`}
          >
            <span>{k.name}</span>
            <b>{k.reports.toLocaleString(locale)}</b>
          </li>
        ))}
      </ul>
    </div>
  );
}

const sum = (xs: readonly number[]) => xs.reduce((n, x) => n + x, 0);
