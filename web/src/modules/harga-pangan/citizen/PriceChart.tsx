import { useLang } from '../../../core/i18n';
import { dayLabel, rupiah } from '../format';

const W = 340;
const H = 160;
const PAD = { top: 12, right: 8, bottom: 20, left: 8 };

const DAY = 86_400_000;

/**
 * The price line as hand-written SVG (about 1 kB gzipped, no chart library): one series of at most
 * 365 points, a dashed HET line and the first/last dates. The x axis always spans the chosen
 * `days` up to the latest day, so 90 days of data on the 365-day chart fill its last quarter and
 * the caption says since when data exists. Loaded lazily by the commodity page.
 */
export default function PriceChart({
  points,
  het,
  days,
  today,
}: {
  points: [string, number][];
  het: number | null;
  days: number;
  /** The latest day with prices (the end of the axis); the last point when unknown. */
  today: string | null;
}) {
  const { t, locale } = useLang();
  if (points.length === 0) return <p className="muted">{t('hargaPangan.chartEmpty')}</p>;
  const values = points.map((p) => p[1]);
  const lo = Math.min(...values, het ?? Number.POSITIVE_INFINITY);
  const hi = Math.max(...values, het ?? Number.NEGATIVE_INFINITY);
  const span = hi - lo || hi * 0.1 || 1;
  const last = Math.max(
    Date.parse(today ?? points[points.length - 1]![0]),
    Date.parse(points[points.length - 1]![0]),
  );
  const first = last - (days - 1) * DAY;
  const startDay = new Date(first).toISOString().slice(0, 10);
  const partial = Date.parse(points[0]![0]) > first;
  const x = (d: string) =>
    PAD.left + (last === first ? 0.5 : (Date.parse(d) - first) / (last - first)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - lo + span * 0.05) / (span * 1.1)) * (H - PAD.top - PAD.bottom);
  const line = points.map(([d, v]) => `${x(d).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const latest = points[points.length - 1]!;
  const label = t('hargaPangan.chartLabel', {
    first: dayLabel(points[0]![0], locale),
    last: dayLabel(latest[0], locale),
    min: rupiah(Math.min(...values), locale),
    max: rupiah(Math.max(...values), locale),
    latest: rupiah(latest[1], locale),
  });
  return (
    <figure
      className="hp-chart"
      data-testid="hp-chart"
      data-points={points.length}
      data-first={points[0]![0]}
    >
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="none">
        {het !== null ? (
          <g className="hp-chart-het">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(het)} y2={y(het)} />
            <text x={W - PAD.right} y={y(het) - 3} textAnchor="end">
              HET
            </text>
          </g>
        ) : null}
        <polyline className="hp-chart-line" points={line} />
        <circle className="hp-chart-dot" cx={x(latest[0])} cy={y(latest[1])} r={3.5} />
        <text className="hp-chart-axis" x={PAD.left} y={H - 4}>
          {dayLabel(startDay, locale)}
        </text>
        <text className="hp-chart-axis" x={W - PAD.right} y={H - 4} textAnchor="end">
          {dayLabel(latest[0], locale)}
        </text>
      </svg>
      <figcaption className="muted">
        {rupiah(Math.min(...values), locale)} – {rupiah(Math.max(...values), locale)}
        {partial ? ` · ${t('hargaPangan.chartSince', { date: dayLabel(points[0]![0], locale) })}` : null}
      </figcaption>
    </figure>
  );
}
