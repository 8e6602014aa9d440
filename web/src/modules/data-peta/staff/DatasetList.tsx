import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { datasetInput } from '../../../../../shared/modules/data-peta';
import { api, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Badge, Card, Field, Spinner } from '../../../core/ui';
import { Form, FormActions } from '../../../core/ui/form';
import { BASE, type DatasetView, type UsageRow } from '../api';

const tone = { draft: 'neutral', public: 'ok', private: 'off' } as const;

function NewDataset() {
  const { t } = useLang();
  const [, navigate] = useLocation();
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit() {
    const parsed = datasetInput.safeParse({ name, title });
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; '));
      return;
    }
    setBusy(true);
    try {
      const created = await api<DatasetView>(`${BASE}/staff/datasets`, { method: 'POST', body: parsed.data });
      navigate(`/dataset/${created.id}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('dataPeta.newDataset')}>
      <Form onSubmit={submit} error={error} className="dp-staff-form">
        <Field
          label={t('dataPeta.title')}
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            if (!name || name === slugOf(title)) setName(slugOf(e.target.value));
          }}
          data-testid="dp-new-title"
          required
        />
        <Field
          label={t('dataPeta.name')}
          hint={t('dataPeta.nameHint')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="dp-new-name"
          required
        />
        <FormActions label={t('dataPeta.create')} busy={busy} testId="dp-create" />
      </Form>
    </Card>
  );
}

const slugOf = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);

function Usage() {
  const { t } = useLang();
  const { data } = useApi<UsageRow[]>(`${BASE}/staff/usage?days=30`);
  return (
    <Card title={t('dataPeta.usage')}>
      {!data ? <Spinner label={t('dataPeta.loading')} /> : null}
      {data && data.length === 0 ? <p className="muted">{t('dataPeta.noUsage')}</p> : null}
      {data && data.length > 0 ? (
        <div className="dp-table-wrap">
          <table className="dp-table" data-testid="dp-usage">
            <thead>
              <tr>
                <th scope="col">Dataset</th>
                <th scope="col">{t('dataPeta.usageViews')}</th>
                <th scope="col">{t('dataPeta.usageDownloads')}</th>
                <th scope="col">{t('dataPeta.usageApi')}</th>
              </tr>
            </thead>
            <tbody>
              {data.slice(0, 20).map((u) => (
                <tr key={u.name}>
                  <td>{u.name}</td>
                  <td className="num">{u.views}</td>
                  <td className="num">{u.downloads}</td>
                  <td className="num">{u.api}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Card>
  );
}

export function DatasetList() {
  const { t } = useLang();
  const { data, error } = useApi<DatasetView[]>(`${BASE}/staff/datasets`);
  return (
    <div className="split">
      <Card title={t('dataPeta.datasets')}>
        {error ? <Alert>{error}</Alert> : null}
        {!data && !error ? <Spinner label={t('dataPeta.loading')} /> : null}
        {data && data.length === 0 ? <p className="muted">{t('dataPeta.noDatasets')}</p> : null}
        <ul className="dp-list" data-testid="dp-staff-list">
          {data?.map((d) => (
            <li key={d.id} className="dp-staff-row">
              <Link href={`/dataset/${d.id}`} className="dp-item-title">
                {d.title}
              </Link>
              <Badge tone={tone[d.visibility]}>{t(`dataPeta.vis_${d.visibility}`)}</Badge>
              <span className="muted">
                {d.name} · {d.organisation.title} · {d.resources.length}
              </span>
            </li>
          ))}
        </ul>
      </Card>
      <div>
        <NewDataset />
        <Usage />
      </div>
    </div>
  );
}
