import { useState } from 'react';
import type { KpiView } from '../../../../../shared/modules/darurat';
import { callClassifications, classificationLabels } from '../../../../../shared/modules/darurat';
import { apiUrl } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Card, Field } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** KPIs of a period (region days): calls by classification; create/dispatch/response median and p90. */
export default function Kpi() {
  const { t, pick } = useLang();
  const format = useFormat();
  const secs = (s: number | null) => (s === null ? '–' : format.duration(s));
  const [from, setFrom] = useState(day(new Date(Date.now() - 29 * 86_400_000)));
  const [to, setTo] = useState(day(new Date()));
  const q = `?from=${from}&to=${to}`;
  const { data, error } = useApi<KpiView>(`/m/darurat/kpi${q}`);
  const row = (label: string, s: KpiView['responseTime']) => (
    <tr key={label}>
      <th scope="row">{label}</th>
      <td>{s.count}</td>
      <td>{secs(s.medianSec)}</td>
      <td>{secs(s.p90Sec)}</td>
    </tr>
  );
  const head = (
    <thead>
      <tr>
        <th scope="col" />
        <th scope="col">{t('darurat.kpi.count')}</th>
        <th scope="col">{t('darurat.kpi.median')}</th>
        <th scope="col">p90</th>
      </tr>
    </thead>
  );
  return (
    <div data-testid="darurat-kpi">
      <Card title={t('darurat.kpi.title')}>
        <div className="dr-period">
          <Field
            id="dr-from"
            type="date"
            label={t('darurat.kpi.from')}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
          <Field
            id="dr-to"
            type="date"
            label={t('darurat.kpi.to')}
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
          <a className="btn btn-secondary" href={apiUrl(`/m/darurat/kpi.csv${q}`)}>
            KPI CSV
          </a>
          <a className="btn btn-secondary" href={apiUrl(`/m/darurat/export/incidents.csv${q}`)}>
            {t('darurat.kpi.incidentsCsv')}
          </a>
          <a className="btn btn-secondary" href={apiUrl(`/m/darurat/export/incidents.json${q}`)}>
            JSON
          </a>
        </div>
        {error ? <Alert>{error}</Alert> : null}
      </Card>
      {data ? (
        <>
          <Card title={t('darurat.kpi.calls')}>
            <ul className="dr-kpi-calls" data-testid="kpi-calls">
              {callClassifications.map((c) => (
                <li key={c}>
                  <strong>{data.callsByClassification[c]}</strong> {pick(classificationLabels[c])}
                </li>
              ))}
            </ul>
          </Card>
          <Card title={t('darurat.kpi.times')}>
            <table className="table">
              {head}
              <tbody>
                {row(t('darurat.kpi.create'), data.timeToCreate)}
                {row(t('darurat.kpi.dispatch'), data.timeToDispatch)}
                {row(t('darurat.kpi.response'), data.responseTime)}
              </tbody>
            </table>
          </Card>
          <Card title={t('darurat.kpi.byType')}>
            <table className="table">
              {head}
              <tbody>{data.byType.map((x) => row(x.name, x.responseTime))}</tbody>
            </table>
          </Card>
          <Card title={t('darurat.kpi.byKecamatan')}>
            <table className="table">
              {head}
              <tbody>
                {data.byKecamatan.map((x) =>
                  row(x.kecamatan ?? t('darurat.kpi.unknownArea'), x.responseTime),
                )}
              </tbody>
            </table>
          </Card>
        </>
      ) : null}
    </div>
  );
}
