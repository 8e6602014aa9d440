import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { apiUrl } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Badge, Icon, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { BASE, type DatasetView, serverUrl, type TableView } from '../api';
import { BarChart } from './BarChart';

type Resource = DatasetView['resources'][number];

/** The dataset's schema.org JSON-LD in the page head (search engines read it after script runs). */
function useJsonLd(doc: unknown) {
  useEffect(() => {
    if (!doc) return;
    const el = document.createElement('script');
    el.type = 'application/ld+json';
    el.dataset.testid = 'dp-jsonld';
    el.textContent = JSON.stringify(doc);
    document.head.appendChild(el);
    return () => el.remove();
  }, [doc]);
}

function Preview({ resource }: { resource: Resource }) {
  const { t, pick } = useLang();
  const f = useFormat();
  const { data, error } = useApi<TableView>(`${BASE}/resources/${resource.id}/preview?limit=50`);
  if (error) return <Alert>{error}</Alert>;
  if (!data) return <Spinner label={t('dataPeta.loading')} />;
  const numeric = data.fields.filter((x) => x.type === 'int' || x.type === 'numeric');
  const text = data.fields.filter((x) => x.type === 'text' || x.type === 'date');
  const valueField = numeric[numeric.length - 1];
  const labelField = text[0];
  return (
    <div className="dp-preview">
      {valueField && labelField ? (
        <BarChart
          title={t('dataPeta.chartOf', { value: pick(valueField.label), label: pick(labelField.label) })}
          label={pick(labelField.label)}
          value={pick(valueField.label)}
          rows={data.records.map((r) => ({
            label: String(r[labelField.name] ?? ''),
            value: Number(r[valueField.name] ?? 0),
          }))}
        />
      ) : null}
      <p className="muted">{t('dataPeta.previewRows', { shown: data.records.length, total: data.total })}</p>
      <div className="dp-table-wrap">
        <table className="dp-table" data-testid="dp-preview">
          <thead>
            <tr>
              {data.fields.map((x) => (
                <th key={x.name} scope="col">
                  {pick(x.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.records.map((r, i) => (
              <tr key={String(r._id ?? i)}>
                {data.fields.map((x) => {
                  const v = r[x.name];
                  return (
                    <td key={x.name} className={typeof v === 'number' ? 'num' : undefined}>
                      {typeof v === 'number'
                        ? f.number(v, 2)
                        : v === null || v === undefined
                          ? ''
                          : String(v)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Snippet({ label, code }: { label: string; code: string }) {
  const { t } = useLang();
  const [copied, setCopied] = useState(false);
  return (
    <div className="dp-snippet">
      <p className="dp-snippet-label">{label}</p>
      <pre>
        <code>{code}</code>
      </pre>
      <button
        type="button"
        className="btn btn-secondary"
        onClick={() => {
          void navigator.clipboard?.writeText(code).then(() => setCopied(true));
        }}
      >
        {copied ? t('dataPeta.copied') : t('dataPeta.copy')}
      </button>
    </div>
  );
}

function ResourceCard({ resource, datasetName }: { resource: Resource; datasetName: string }) {
  const { t } = useLang();
  const file = (ext: string) => apiUrl(`${BASE}/resources/${resource.id}.${ext}`);
  return (
    <li className="card dp-resource" data-testid="dp-resource">
      <p className="dp-resource-name">
        <Badge>{resource.format.toUpperCase()}</Badge> {resource.name}
      </p>
      {resource.kind === 'table' ? (
        <>
          <p className="dp-downloads">
            {(['csv', 'xlsx', 'json'] as const).map((ext) => (
              <a
                key={ext}
                className="btn btn-secondary"
                href={file(ext)}
                download={`${datasetName}.${ext}`}
                data-testid={`dp-download-${ext}`}
              >
                <Icon name="file" size={16} /> {t('dataPeta.download')} {ext.toUpperCase()}
              </a>
            ))}
          </p>
          <Preview resource={resource} />
          <details className="dp-api">
            <summary>{t('dataPeta.apiSnippets')}</summary>
            <Snippet
              label={t('dataPeta.apiCkan')}
              code={`curl '${serverUrl(`/api/3/action/datastore_search?resource_id=${resource.id}&limit=5`)}'`}
            />
            <Snippet
              label="Python (ckanapi)"
              code={`from ckanapi import RemoteCKAN\nckan = RemoteCKAN('${serverUrl('')}')\nckan.action.datastore_search(resource_id='${resource.id}', limit=5)`}
            />
          </details>
        </>
      ) : null}
      {resource.kind === 'layer' && resource.collectionId ? (
        <>
          <p className="dp-downloads">
            <a
              className="btn btn-secondary"
              href={file('geojson')}
              download={`${datasetName}.geojson`}
              data-testid="dp-download-geojson"
            >
              <Icon name="file" size={16} /> {t('dataPeta.download')} GeoJSON
            </a>
            <Link className="btn btn-secondary" href={`/peta?layer=${resource.collectionId}`}>
              <Icon name="map" size={16} /> {t('dataPeta.openMap')}
            </Link>
          </p>
          <details className="dp-api">
            <summary>{t('dataPeta.apiSnippets')}</summary>
            <Snippet
              label={t('dataPeta.apiOgc')}
              code={`curl '${serverUrl(`/ogc/collections/${resource.collectionId}/items?limit=10`)}'`}
            />
            <Snippet
              label="QGIS / GDAL"
              code={`ogrinfo OAPIF:${serverUrl('/ogc/')} ${resource.collectionId}`}
            />
          </details>
        </>
      ) : null}
      {resource.kind === 'link' ? (
        <p>
          <a className="btn btn-secondary" href={resource.url} rel="noopener noreferrer" target="_blank">
            {t('dataPeta.openLink')}
          </a>
        </p>
      ) : null}
    </li>
  );
}

/** One dataset: metadata, each resource with downloads, preview table and chart, API snippets. */
export function DatasetPage({ name }: { name: string }) {
  const { t, locale } = useLang();
  const { data, error, errorStatus } = useApi<{ dataset: DatasetView; jsonLd: unknown }>(
    `${BASE}/datasets/${encodeURIComponent(name)}`,
  );
  useJsonLd(data?.jsonLd);
  useEffect(() => {
    if (data) document.title = data.dataset.title;
  }, [data]);
  if (errorStatus === 404) return <Alert>{t('dataPeta.notFound')}</Alert>;
  if (error) return <Alert>{error}</Alert>;
  if (!data) return <Spinner label={t('dataPeta.loading')} />;
  const d = data.dataset;
  const day = (s: string) =>
    new Date(s.length === 10 ? `${s}T00:00:00Z` : `${s.replace(/Z?$/, 'Z')}`).toLocaleDateString(locale, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  return (
    <article className="dp narrow" data-testid="dp-dataset">
      <p>
        <Link href="/" className="dp-link">
          <Icon name="back" size={16} /> {t('dataPeta.back')}
        </Link>
      </p>
      <h1>{d.title}</h1>
      {d.notes.split('\n\n').map((p) => (
        <p key={p}>{p}</p>
      ))}
      <dl className="dp-meta">
        <dt>{t('dataPeta.publisher')}</dt>
        <dd>{d.organisation.title}</dd>
        <dt>{t('dataPeta.licence')}</dt>
        <dd>{d.license.url ? <a href={d.license.url}>{d.license.name}</a> : d.license.name}</dd>
        <dt>{t('dataPeta.frequency')}</dt>
        <dd>{t(`dataPeta.freq_${d.frequency}`)}</dd>
        <dt>{t('dataPeta.modified')}</dt>
        <dd>{day(d.modifiedAt)}</dd>
        {d.temporalStart || d.temporalEnd || d.spatial ? (
          <>
            <dt>{t('dataPeta.coverage')}</dt>
            <dd>
              {[
                d.spatial,
                [d.temporalStart && day(d.temporalStart), d.temporalEnd && day(d.temporalEnd)]
                  .filter(Boolean)
                  .join(' – '),
              ]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </>
        ) : null}
        {d.contactName || d.contactEmail ? (
          <>
            <dt>{t('dataPeta.contact')}</dt>
            <dd>
              {d.contactName}{' '}
              {d.contactEmail ? <a href={`mailto:${d.contactEmail}`}>{d.contactEmail}</a> : null}
            </dd>
          </>
        ) : null}
      </dl>
      <p className="dp-badges">
        {d.tags.map((tag) => (
          <Link key={tag} href={`/?tags=${encodeURIComponent(tag)}`} className="badge">
            {tag}
          </Link>
        ))}
      </p>
      <h2>{t('dataPeta.resources')}</h2>
      <ul className="dp-list">
        {d.resources.map((r) => (
          <ResourceCard key={r.id} resource={r} datasetName={d.name} />
        ))}
      </ul>
      <p className="muted">
        <a href={serverUrl(`/api/3/action/package_show?id=${d.name}`)}>CKAN</a> ·{' '}
        <a href={serverUrl('/catalog.ttl')}>{t('dataPeta.apiDcat')}</a>
      </p>
    </article>
  );
}
