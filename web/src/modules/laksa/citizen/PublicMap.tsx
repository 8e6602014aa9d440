import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { formatDate } from '../../../core/format';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useRegionTimeZone } from '../../../core/region';
import { Alert, Button, SelectField, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { typeLabel } from '../labels';
import { type PublicConfig, type PublicPage, type PublicStats, paths } from './api';
import { BackToLaksa } from './common';
import { StatusBadge } from './StatusBadge';

const ReportsMap = lazy(() => import('./maps').then((m) => ({ default: m.ReportsMap })));

const PAGE_SIZE = 200;
const LIST_STEP = 20;
type Group = 'byCategory' | 'byOpd' | 'byKecamatan';

function Stats() {
  const { t } = useLang();
  const format = useFormat();
  const { data, error } = useApi<PublicStats>(paths.stats);
  const [group, setGroup] = useState<Group>('byCategory');
  if (error && !data) return <Alert kind="warning">{error}</Alert>;
  if (!data) return <Spinner label={t('common.loading')} />;
  const rows = data[group] ?? [];
  const groupName = t(`laksaCitizen.stats.${group}`);
  return (
    <section className="card" aria-labelledby="laksa-stats-title" data-testid="laksa-stats">
      <h2 id="laksa-stats-title" className="card-title">
        {t('laksaCitizen.stats.title')}
      </h2>
      <dl className="laksa-kpis">
        <div>
          <dt>{t('laksaCitizen.stats.total')}</dt>
          <dd>{format.number(data.total)}</dd>
        </div>
        <div>
          <dt>{t('laksaCitizen.stats.open')}</dt>
          <dd>{format.number(data.open)}</dd>
        </div>
        <div>
          <dt>{t('laksaCitizen.stats.resolved')}</dt>
          <dd>{format.number(data.resolved)}</dd>
        </div>
        <div>
          <dt>{t('laksaCitizen.stats.rating')}</dt>
          <dd>{data.averageRating === null ? '—' : format.number(data.averageRating)}</dd>
        </div>
      </dl>
      <SelectField
        id="laksa-stats-group"
        label={t('laksaCitizen.stats.groupBy')}
        value={group}
        onChange={(e) => setGroup(e.target.value as Group)}
        data-testid="laksa-stats-group"
      >
        <option value="byCategory">{t('laksaCitizen.stats.byCategory')}</option>
        <option value="byOpd">{t('laksaCitizen.stats.byOpd')}</option>
        <option value="byKecamatan">{t('laksaCitizen.stats.byKecamatan')}</option>
      </SelectField>
      {rows.length === 0 ? (
        <p className="muted">{t('laksaCitizen.stats.empty')}</p>
      ) : (
        <table className="table laksa-stats-table" data-testid="laksa-stats-table">
          <caption className="sr-only">
            {t('laksaCitizen.stats.title')} · {groupName}
          </caption>
          <thead>
            <tr>
              <th scope="col">{groupName}</th>
              <th scope="col">{t('laksaCitizen.stats.total')}</th>
              <th scope="col">{t('laksaCitizen.stats.open')}</th>
              <th scope="col">{t('laksaCitizen.stats.resolved')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.name}</th>
                <td>{row.total}</td>
                <td>{row.open}</td>
                <td>{row.resolved}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export default function PublicMap() {
  const { t, lang, locale } = useLang();
  const tz = useRegionTimeZone();
  const [, navigate] = useLocation();
  const config = useApi<PublicConfig>(paths.config);
  const [bbox, setBbox] = useState<string | null>(null);
  const [query, setQuery] = useState<string | null>(null);
  const [shown, setShown] = useState(LIST_STEP);
  const timer = useRef<number | undefined>(undefined);

  // Map moves are debounced; without a map (it failed to load) the whole region is listed.
  const configFailed = !!config.error && !config.data;
  useEffect(() => {
    if (!bbox && !configFailed) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(
      () => {
        const q = new URLSearchParams({ page: '1', pageSize: String(PAGE_SIZE) });
        if (bbox) q.set('bbox', bbox);
        setQuery(`${paths.publicReports}?${q}`);
        setShown(LIST_STEP);
      },
      bbox ? 400 : 0,
    );
    return () => window.clearTimeout(timer.current);
  }, [bbox, configFailed]);
  const { data, error, loading, reload } = useApi<PublicPage>(query);
  const items = data?.items ?? [];

  return (
    <div className="laksa" data-testid="laksa-public-map">
      <BackToLaksa />
      <h1 className="laksa-title">{t('laksaCitizen.home.map')}</h1>
      <p className="muted">{t('laksaCitizen.publicMap.intro')}</p>
      <div className="laksa-map-layout">
        <div>
          {config.data ? (
            <Suspense
              fallback={
                <div className="laksa-map laksa-map-tall laksa-map-loading">{t('common.loading')}</div>
              }
            >
              <ReportsMap
                bounds={config.data.bounds}
                items={items}
                label={t('laksaCitizen.publicMap.mapLabel')}
                onMove={setBbox}
                onSelect={(ticket) => navigate(`/tiket/${encodeURIComponent(ticket)}`)}
              />
            </Suspense>
          ) : config.error ? (
            <Alert kind="warning">{config.error}</Alert>
          ) : (
            <Spinner label={t('common.loading')} />
          )}
          <section aria-labelledby="laksa-public-list-title" className="laksa-public-list">
            <h2 id="laksa-public-list-title" className="laksa-subtitle">
              {t('laksaCitizen.publicMap.listTitle')}
            </h2>
            <p className="muted small" aria-live="polite" data-testid="laksa-public-total">
              {data ? t('laksaCitizen.publicMap.count', { count: data.total }) : ''}
            </p>
            {loading && !data ? <Spinner label={t('common.loading')} /> : null}
            {error ? (
              <Alert>
                {error}{' '}
                <Button small variant="secondary" onClick={reload}>
                  {t('common.retry')}
                </Button>
              </Alert>
            ) : null}
            {data && items.length === 0 ? <p className="muted">{t('laksaCitizen.publicMap.empty')}</p> : null}
            <ul className="laksa-list" data-testid="laksa-public-list">
              {items.slice(0, shown).map((r) => (
                <li key={r.ticket}>
                  <Link
                    href={`/tiket/${encodeURIComponent(r.ticket)}`}
                    className="laksa-item laksa-item-link"
                    data-testid="laksa-public-item"
                    data-ticket={r.ticket}
                  >
                    <span className="laksa-item-head">
                      <span className="mono laksa-item-ticket">{r.ticket}</span>
                      <StatusBadge status={r.status} />
                    </span>
                    <span className="laksa-item-title">
                      {r.categoryName} · {typeLabel(r.type, lang)}
                    </span>
                    <span className="laksa-excerpt">{r.description}</span>
                    <span className="muted small">
                      {[r.kecamatanName, formatDate(r.createdAt, locale, tz)].filter(Boolean).join(' · ')}
                      {r.supportCount > 0
                        ? ` · ${t('laksaCitizen.publicMap.supports', { count: r.supportCount })}`
                        : ''}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
            {items.length > shown ? (
              <Button
                variant="secondary"
                block
                onClick={() => setShown((n) => n + LIST_STEP)}
                data-testid="laksa-public-more"
              >
                {t('laksaCitizen.publicMap.more')}
              </Button>
            ) : null}
          </section>
        </div>
        <Stats />
      </div>
    </div>
  );
}
