import { useState } from 'react';
import { apiUrl } from '../../../core/api';
import { todayIn } from '../../../core/format';
import { useApi } from '../../../core/hooks';
import { t as tr, useLang } from '../../../core/i18n';
import { useRegionTimeZone } from '../../../core/region';
import { Alert, Field, SelectField, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { BASE, type KpiRow, type UnitView } from '../api';

/** The SKM category of an IKM (Permenpan RB 14/2017): A ≥ 88,31 … D. */
export function ikmCategory(ikm: number): { grade: 'A' | 'B' | 'C' | 'D'; label: string } {
  if (ikm >= 88.31) return { grade: 'A', label: tr('antrian.report.gradeA') };
  if (ikm >= 76.61) return { grade: 'B', label: tr('antrian.report.gradeB') };
  if (ikm >= 65) return { grade: 'C', label: tr('antrian.report.gradeC') };
  return { grade: 'D', label: tr('antrian.report.gradeD') };
}

type By = 'service' | 'counter' | 'hour';

/** Leadership's figures per unit and service, counter or hour, with the CSV and the JKN task ids. */
/** The figure columns, in order (their headings are `antrian.report.<key>`). */
const NUMBER_COLUMNS = ['tickets', 'served', 'noShows', 'avgWait', 'avgService', 'within', 'ikm'] as const;

export function Reports() {
  const { t } = useLang();
  const f = useFormat();
  const tz = useRegionTimeZone();
  const today = todayIn(tz);
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [unit, setUnit] = useState('');
  const [by, setBy] = useState<By>('service');
  const [taskDay, setTaskDay] = useState(today);
  const units = useApi<UnitView[]>(`${BASE}/units`);
  const query = new URLSearchParams({ from, to, by, ...(unit ? { unit } : {}) }).toString();
  const valid = from && to && from <= to;
  const rows = useApi<KpiRow[]>(valid ? `${BASE}/reports?${query}` : null);
  const chosen = units.data?.find((u) => u.code === unit);
  const group = (r: KpiRow) =>
    by === 'service'
      ? r.service
      : by === 'counter'
        ? r.counter
        : r.hour === null
          ? '–'
          : `${String(r.hour).padStart(2, '0')}:00`;
  const mins = (n: number | null) => (n === null ? '–' : f.minutes(Math.round(n * 10) / 10));
  return (
    <div className="antrian-report" data-testid="antrian-reports">
      <form className="antrian-report-filters" onSubmit={(e) => e.preventDefault()}>
        <Field
          type="date"
          label={t('antrian.report.from')}
          value={from}
          max={to}
          onChange={(e) => setFrom(e.target.value)}
        />
        <Field
          type="date"
          label={t('antrian.report.to')}
          value={to}
          min={from}
          onChange={(e) => setTo(e.target.value)}
        />
        <SelectField
          label={t('antrian.unit')}
          value={unit}
          onChange={(e) => setUnit(e.target.value)}
          options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
        >
          <option value="">{t('antrian.report.allUnits')}</option>
        </SelectField>
        <SelectField
          label={t('antrian.report.by')}
          value={by}
          onChange={(e) => setBy(e.target.value as By)}
          options={[
            { value: 'service', label: t('antrian.report.byService') },
            { value: 'counter', label: t('antrian.report.byCounter') },
            { value: 'hour', label: t('antrian.report.byHour') },
          ]}
        />
        <a
          className="btn btn-secondary"
          href={apiUrl(`${BASE}/reports.csv?${query}`)}
          download
          data-testid="antrian-report-csv"
        >
          {t('antrian.report.csv')}
        </a>
      </form>
      {!valid ? <Alert>{t('antrian.report.badRange')}</Alert> : null}
      {rows.loading && !rows.data ? <Spinner label={t('antrian.loading')} /> : null}
      {rows.error ? <Alert>{rows.error}</Alert> : null}
      {rows.data ? (
        <div className="table-wrap">
          <table className="table antrian-report-table" data-testid="antrian-report-table">
            <thead>
              <tr>
                <th scope="col">{t('antrian.unit')}</th>
                <th scope="col">
                  {by === 'service'
                    ? t('antrian.report.byService')
                    : by === 'counter'
                      ? t('antrian.report.byCounter')
                      : t('antrian.report.byHour')}
                </th>
                {NUMBER_COLUMNS.map((key) => (
                  <th key={key} scope="col" className="num">
                    {t(`antrian.report.${key}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.data.length === 0 ? (
                <tr>
                  <td colSpan={9} className="muted">
                    {t('antrian.report.empty')}
                  </td>
                </tr>
              ) : null}
              {rows.data.map((r) => {
                const cat = r.ikm === null ? null : ikmCategory(r.ikm);
                return (
                  <tr key={`${r.unit}-${r.service}-${r.counter}-${r.hour}`}>
                    <td>{r.unit}</td>
                    <td className={by === 'hour' ? 'antrian-nowrap' : undefined}>{group(r)}</td>
                    <td className="num">{f.number(r.tickets, 0)}</td>
                    <td className="num">{f.number(r.served, 0)}</td>
                    <td className="num">{f.number(r.noShows, 0)}</td>
                    <td className="num">{mins(r.avgWaitMinutes)}</td>
                    <td className="num">
                      {mins(r.avgServiceMinutes)}
                      {r.standardMinutes ? (
                        <span className="muted antrian-block antrian-small">
                          {t('antrian.report.standard', { time: f.minutes(r.standardMinutes) })}
                        </span>
                      ) : null}
                    </td>
                    <td className="num">
                      {r.withinStandard === null ? '–' : f.percent(r.withinStandard * 100)}
                    </td>
                    <td className="num">
                      {r.ikm === null || !cat ? (
                        '–'
                      ) : (
                        <>
                          {f.number(r.ikm, 2)}{' '}
                          <span className={`antrian-grade antrian-grade-${cat.grade}`} title={cat.label}>
                            {cat.grade}
                          </span>
                          <span className="muted antrian-block antrian-small">
                            {cat.label} · {t('antrian.report.ratings', { count: r.ratings })}
                          </span>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="muted antrian-small">{t('antrian.report.ikmNote')}</p>
      {chosen?.kind === 'health' ? (
        <div className="antrian-report-filters" data-testid="antrian-taskids">
          <Field
            type="date"
            label={t('antrian.report.taskDay')}
            value={taskDay}
            max={today}
            onChange={(e) => setTaskDay(e.target.value)}
          />
          <a
            className="btn btn-secondary"
            href={apiUrl(`${BASE}/reports/task-ids?unit=${encodeURIComponent(chosen.code)}&date=${taskDay}`)}
            download={`taskid-${chosen.code}-${taskDay}.json`}
          >
            {t('antrian.report.taskIds')}
          </a>
        </div>
      ) : null}
    </div>
  );
}
