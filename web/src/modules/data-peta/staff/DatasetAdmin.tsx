import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import {
  datasetFrequencies,
  datasetUpdateInput,
  licences,
  type UploadProblem,
  type Visibility,
} from '../../../../../shared/modules/data-peta';
import { api, apiUrl, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { currentLang, useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import {
  Alert,
  Badge,
  Button,
  Card,
  Field,
  SelectField,
  Spinner,
  TextAreaField,
  useToast,
} from '../../../core/ui';
import { ConfirmButton } from '../../../core/ui/admin';
import { Form, FormActions } from '../../../core/ui/form';
import { BASE, type DatasetView, type TableView } from '../api';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type OpdItem = { id: string; name: string; active: boolean };

class UploadError extends Error {
  constructor(
    message: string,
    readonly problems: UploadProblem[],
  ) {
    super(message);
  }
}

/** Sends a file's bytes as the body (the API reads CSV, XLSX or GeoJSON raw); row problems come back in details. */
async function uploadFile(path: string, file: File, csrf: string): Promise<{ rows: number }> {
  const type = /\.xlsx$/i.test(file.name)
    ? XLSX
    : /json$/i.test(file.name)
      ? 'application/geo+json'
      : 'text/csv';
  const res = await fetch(apiUrl(`${path}?fileName=${encodeURIComponent(file.name)}`), {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': type, 'x-csrf-token': csrf, 'accept-language': currentLang() },
    body: file,
  });
  const body = await res.json().catch(() => null);
  if (res.status === 201) return body;
  const err = body?.error;
  throw new UploadError(err?.messages?.[currentLang()] ?? `HTTP ${res.status}`, err?.details?.problems ?? []);
}

function Upload({
  datasetId,
  kind,
  onDone,
}: {
  datasetId: string;
  kind: 'tables' | 'layers';
  onDone: () => void;
}) {
  const { t, pick } = useLang();
  const { me } = useSession();
  const toast = useToast();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UploadError | null>(null);
  return (
    <Card title={kind === 'tables' ? t('dataPeta.uploadTable') : t('dataPeta.uploadLayer')}>
      <form
        className="dp-staff-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!file || !me?.csrfToken) return;
          setBusy(true);
          setError(null);
          try {
            const r = await uploadFile(`${BASE}/staff/datasets/${datasetId}/${kind}`, file, me.csrfToken);
            toast(t(kind === 'tables' ? 'dataPeta.uploaded' : 'dataPeta.uploadedLayer', { count: r.rows }));
            setFile(null);
            onDone();
          } catch (err) {
            setError(err instanceof UploadError ? err : new UploadError(errorMessage(err), []));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label className="field">
          <span>{t('dataPeta.chooseFile')}</span>
          <input
            type="file"
            accept={kind === 'tables' ? '.csv,.xlsx,text/csv' : '.geojson,.json,application/geo+json'}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid={`dp-file-${kind}`}
          />
        </label>
        {error ? (
          <Alert data-testid="dp-upload-error">
            <p>{error.problems.length ? t('dataPeta.uploadProblems') : error.message}</p>
            {error.problems.length ? (
              <ul className="dp-problems">
                {error.problems.map((p) => (
                  <li key={`${p.row}:${p.column}:${p.message.en}`}>
                    {p.row === 0 ? t('dataPeta.problemHeader') : t('dataPeta.problemRow', { row: p.row })}
                    {p.column ? ` (${p.column})` : ''}: {pick(p.message)}
                  </li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
        <div className="row">
          <Button type="submit" busy={busy} disabled={!file} data-testid={`dp-upload-${kind}`}>
            {t('dataPeta.upload')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function Metadata({ d, onSaved }: { d: DatasetView; onSaved: (v: DatasetView) => void }) {
  const { t } = useLang();
  const toast = useToast();
  const opds = useApi<OpdItem[]>('/admin/opd').data ?? [];
  const [draft, setDraft] = useState({
    title: d.title,
    notes: d.notes,
    opdId: d.source === 'data-peta' && d.organisation.id !== opds[0]?.id ? d.organisation.id : '',
    tags: d.tags.join(', '),
    licenseId: d.license.id,
    frequency: d.frequency,
    temporalStart: d.temporalStart ?? '',
    temporalEnd: d.temporalEnd ?? '',
    spatial: d.spatial ?? '',
    contactName: d.contactName ?? '',
    contactEmail: d.contactEmail ?? '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof draft) => ({
    value: draft[k],
    onChange: (e: { target: { value: string } }) => setDraft((x) => ({ ...x, [k]: e.target.value })),
  });
  const opdIds = new Set(opds.map((o) => o.id));
  async function submit() {
    const parsed = datasetUpdateInput.safeParse({
      title: draft.title,
      notes: draft.notes,
      opdId: opdIds.has(draft.opdId) ? draft.opdId : null,
      tags: draft.tags
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
      licenseId: draft.licenseId,
      frequency: draft.frequency,
      temporalStart: draft.temporalStart || null,
      temporalEnd: draft.temporalEnd || null,
      spatial: draft.spatial || null,
      contactName: draft.contactName || null,
      contactEmail: draft.contactEmail || null,
    });
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; '));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await api<DatasetView>(`${BASE}/staff/datasets/${d.id}`, { method: 'PATCH', body: parsed.data }),
      );
      toast(t('dataPeta.saved'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={d.name}>
      <Form onSubmit={submit} error={error} className="dp-staff-form two">
        <Field label={t('dataPeta.title')} {...set('title')} data-testid="dp-title" />
        <SelectField
          label={t('dataPeta.organisation')}
          {...set('opdId')}
          options={[
            { value: '', label: t('dataPeta.organisationRegion') },
            ...opds.filter((o) => o.active).map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
        <TextAreaField label={t('dataPeta.notes')} {...set('notes')} rows={3} data-testid="dp-notes" />
        <Field label={t('dataPeta.tags')} {...set('tags')} data-testid="dp-tags" />
        <SelectField
          label={t('dataPeta.licenceLabel')}
          {...set('licenseId')}
          options={licences.map((l) => ({ value: l.id, label: l.name }))}
        />
        <SelectField
          label={t('dataPeta.frequencyLabel')}
          {...set('frequency')}
          options={datasetFrequencies.map((f) => ({ value: f, label: t(`dataPeta.freq_${f}`) }))}
        />
        <Field type="date" label={t('dataPeta.temporalStart')} {...set('temporalStart')} />
        <Field type="date" label={t('dataPeta.temporalEnd')} {...set('temporalEnd')} />
        <Field label={t('dataPeta.spatial')} {...set('spatial')} />
        <Field label={t('dataPeta.contactName')} {...set('contactName')} />
        <Field type="email" label={t('dataPeta.contactEmail')} {...set('contactEmail')} />
        <FormActions label={t('dataPeta.save')} busy={busy} testId="dp-save" />
      </Form>
    </Card>
  );
}

function StaffPreview({ id }: { id: string }) {
  const { t, pick } = useLang();
  const { data } = useApi<TableView>(`${BASE}/staff/resources/${id}/preview?limit=5`);
  if (!data) return <Spinner label={t('dataPeta.loading')} />;
  return (
    <div className="dp-table-wrap">
      <table className="dp-table">
        <thead>
          <tr>
            {data.fields.map((f) => (
              <th key={f.name} scope="col">
                {pick(f.label)} <span className="muted">({f.type})</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.records.map((r, i) => (
            <tr key={String(r._id ?? i)}>
              {data.fields.map((f) => (
                <td key={f.name}>{r[f.name] === null ? '' : String(r[f.name])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One agency dataset: status, metadata, uploads and links, its resources. */
export function DatasetAdmin({ id }: { id: string }) {
  const { t } = useLang();
  const toast = useToast();
  const [, navigate] = useLocation();
  const { data, setData, error, reload } = useApi<DatasetView>(`${BASE}/staff/datasets/${id}`);
  const [link, setLink] = useState({ name: '', url: '' });
  if (error) return <Alert>{error}</Alert>;
  if (!data) return <Spinner label={t('dataPeta.loading')} />;
  const d = data;
  const visibility = async (v: Visibility) => {
    try {
      setData(
        await api<DatasetView>(`${BASE}/staff/datasets/${d.id}/visibility`, {
          method: 'POST',
          body: { visibility: v },
        }),
      );
      toast(v === 'public' ? t('dataPeta.published') : t('dataPeta.visibilityChanged'));
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  };
  return (
    <div className="dp-admin" data-testid="dp-admin">
      <p>
        <Link href="/" className="dp-link">
          ← {t('dataPeta.datasets')}
        </Link>
      </p>
      <div className="dp-staff-row">
        <h2>{d.title}</h2>
        <Badge tone={d.visibility === 'public' ? 'ok' : d.visibility === 'private' ? 'off' : 'neutral'}>
          <span data-testid="dp-visibility">{t(`dataPeta.vis_${d.visibility}`)}</span>
        </Badge>
      </div>
      <div className="dp-staff-row">
        {d.visibility !== 'public' ? (
          <Button onClick={() => visibility('public')} data-testid="dp-publish">
            {t('dataPeta.publish')}
          </Button>
        ) : (
          <a
            className="btn btn-secondary"
            href={`${window.location.pathname.replace(/\/staf\/.*$/, '')}/layanan/data-peta/dataset/${d.name}`}
          >
            {t('dataPeta.openPublic')}
          </a>
        )}
        {d.visibility !== 'draft' ? (
          <Button variant="secondary" onClick={() => visibility('draft')}>
            {t('dataPeta.unpublish')}
          </Button>
        ) : null}
        {d.visibility !== 'private' ? (
          <Button variant="secondary" onClick={() => visibility('private')} data-testid="dp-private">
            {t('dataPeta.makePrivate')}
          </Button>
        ) : null}
        <ConfirmButton
          confirm={t('dataPeta.deleteConfirm')}
          onConfirm={async () => {
            await api(`${BASE}/staff/datasets/${d.id}`, { method: 'DELETE' });
            toast(t('dataPeta.deleted'));
            navigate('/');
          }}
        >
          {t('dataPeta.delete')}
        </ConfirmButton>
      </div>
      <Card title={t('dataPeta.resources')}>
        <ul className="dp-list" data-testid="dp-staff-resources">
          {d.resources.map((r) => (
            <li key={r.id}>
              <div className="dp-staff-row">
                <Badge>{r.format}</Badge> <strong>{r.name}</strong>
                {r.kind !== 'link' ? (
                  <span className="muted">{t('dataPeta.rows', { count: r.rowCount })}</span>
                ) : null}
                <ConfirmButton
                  confirm={t('dataPeta.removeResourceConfirm')}
                  subject={r.name}
                  onConfirm={async () =>
                    setData(
                      await api<DatasetView>(`${BASE}/staff/datasets/${d.id}/resources/${r.id}`, {
                        method: 'DELETE',
                      }),
                    )
                  }
                >
                  {t('dataPeta.removeResource')}
                </ConfirmButton>
              </div>
              {r.kind === 'table' ? <StaffPreview id={r.id} /> : null}
            </li>
          ))}
        </ul>
      </Card>
      <div className="split">
        <Upload datasetId={d.id} kind="tables" onDone={reload} />
        <Upload datasetId={d.id} kind="layers" onDone={reload} />
      </div>
      <Card title={t('dataPeta.addLink')}>
        <form
          className="dp-staff-form two"
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              setData(
                await api<DatasetView>(`${BASE}/staff/datasets/${d.id}/links`, {
                  method: 'POST',
                  body: link,
                }),
              );
              setLink({ name: '', url: '' });
              toast(t('dataPeta.linkAdded'));
            } catch (err) {
              toast(errorMessage(err), 'error');
            }
          }}
        >
          <Field
            label={t('dataPeta.linkName')}
            value={link.name}
            onChange={(e) => setLink({ ...link, name: e.target.value })}
          />
          <Field
            label={t('dataPeta.linkUrl')}
            type="url"
            value={link.url}
            onChange={(e) => setLink({ ...link, url: e.target.value })}
          />
          <div className="row">
            <Button type="submit" variant="secondary">
              {t('dataPeta.addLink')}
            </Button>
          </div>
        </form>
      </Card>
      <Metadata key={d.id} d={d} onSaved={setData} />
    </div>
  );
}
