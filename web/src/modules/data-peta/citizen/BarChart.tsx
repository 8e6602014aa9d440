import { useFormat } from '../../../core/useFormat';

/**
 * A simple horizontal bar chart of one numeric column by one label column (SVG, no library): the
 * first screenful of a table, sorted as it comes. Enough to see a dataset's shape on a phone.
 */
export function BarChart({
  rows,
  label,
  value,
  title,
}: {
  rows: { label: string; value: number }[];
  label: string;
  value: string;
  title: string;
}) {
  const f = useFormat();
  const shown = rows.slice(0, 15);
  const max = Math.max(1, ...shown.map((r) => Math.abs(r.value)));
  const rowH = 26;
  return (
    <figure className="dp-chart" data-testid="dp-chart">
      <figcaption className="muted">{title}</figcaption>
      <svg
        viewBox={`0 0 320 ${shown.length * rowH}`}
        role="img"
        aria-label={`${value} / ${label}`}
        width="100%"
      >
        {shown.map((r, i) => {
          const key = `${i}:${r.label}`;
          const w = (Math.abs(r.value) / max) * 170;
          return (
            <g key={key} transform={`translate(0 ${i * rowH})`}>
              <text x={0} y={17} fontSize={12} className="dp-chart-label">
                {r.label.length > 18 ? `${r.label.slice(0, 17)}…` : r.label}
              </text>
              <rect x={110} y={5} width={Math.max(1, w)} height={16} rx={3} className="dp-chart-bar" />
              <text x={114 + w} y={17} fontSize={12}>
                {f.number(r.value, 2)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
