import { apiUrl } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { BASE, type StatsView } from '../api';
import { educationLabels } from '../labels';

function Bars({
  title,
  rows,
  label,
}: {
  title: string;
  rows: { key: string; count: number }[];
  label?: (k: string) => string;
}) {
  const f = useFormat();
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <section className="sk-bars">
      <h3>{title}</h3>
      <ul>
        {rows.map((r) => (
          <li key={r.key}>
            <span className="sk-bar-label">{label ? label(r.key) : r.key}</span>
            <span className="sk-bar" style={{ width: `${(r.count / max) * 100}%` }} aria-hidden="true" />
            <span className="sk-bar-value">{f.number(r.count, 0)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The labour-market picture (aggregates only), with CSV/XLSX exports and the national report shape. */
export function Stats() {
  const { t, pick } = useLang();
  const f = useFormat();
  const { data } = useApi<StatsView>(`${BASE}/staff/stats`);
  if (!data) return <Spinner label={t('siapKerja.loading')} />;
  const edu = (k: string) =>
    k in educationLabels ? pick(educationLabels[k as keyof typeof educationLabels]) : k;
  const tiles = [
    [t('siapKerja.stats.seekers'), data.seekers],
    [t('siapKerja.stats.activeAk1'), data.activeAk1],
    [t('siapKerja.stats.openVacancies'), data.openVacancies],
    [t('siapKerja.stats.openPositions'), data.openPositions],
    [t('siapKerja.stats.employers'), data.verifiedEmployers],
    [t('siapKerja.stats.placements'), data.placements],
  ] as const;
  return (
    <div data-testid="sk-stats">
      <div className="sk-tiles">
        {tiles.map(([label, n]) => (
          <div key={label} className="sk-tile">
            <span className="sk-tile-value">{f.number(n, 0)}</span>
            <span>{label}</span>
          </div>
        ))}
        <div className="sk-tile">
          <span className="sk-tile-value">
            {data.medianDaysToFill === null ? '–' : f.number(data.medianDaysToFill)}
          </span>
          <span>{t('siapKerja.stats.daysToFill')}</span>
        </div>
      </div>
      <p className="sk-actions">
        <a className="btn btn-secondary" href={apiUrl(`${BASE}/staff/stats.csv?dialect=excel-id`)} download>
          CSV
        </a>
        <a className="btn btn-secondary" href={apiUrl(`${BASE}/staff/stats.xlsx`)} download>
          XLSX
        </a>
        <a className="btn btn-secondary" href={apiUrl(`${BASE}/staff/export/vacancies.xlsx`)} download>
          {t('siapKerja.stats.nationalExport')}
        </a>
      </p>
      <div className="sk-bars-grid">
        <Bars title={t('siapKerja.stats.byEducation')} rows={data.seekersByEducation} label={edu} />
        <Bars title={t('siapKerja.stats.byAge')} rows={data.seekersByAge} />
        <Bars
          title={t('siapKerja.stats.bySex')}
          rows={data.seekersBySex}
          label={(k) => (k === 'L' ? t('siapKerja.male') : t('siapKerja.female'))}
        />
        <Bars title={t('siapKerja.stats.byKecamatan')} rows={data.seekersByKecamatan} />
        <Bars title={t('siapKerja.stats.vacanciesBySector')} rows={data.vacanciesBySector} />
        <Bars
          title={t('siapKerja.stats.vacanciesByEducation')}
          rows={data.vacanciesByEducation}
          label={edu}
        />
      </div>
      <h3>{t('siapKerja.stats.trend')}</h3>
      <table className="sk-table">
        <thead>
          <tr>
            <th>{t('siapKerja.stats.month')}</th>
            <th>{t('siapKerja.stats.newSeekers')}</th>
            <th>{t('siapKerja.stats.newVacancies')}</th>
            <th>{t('siapKerja.stats.placements')}</th>
          </tr>
        </thead>
        <tbody>
          {data.trend.map((m) => (
            <tr key={m.month}>
              <td>{m.month}</td>
              <td>{f.number(m.seekers, 0)}</td>
              <td>{f.number(m.vacancies, 0)}</td>
              <td>{f.number(m.placements, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
