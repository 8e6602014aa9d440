import { useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Badge, Icon, Spinner } from '../../../core/ui';
import { BASE, type SearchView, serverUrl } from '../api';

const FACETS = [
  { key: 'groups', label: 'dataPeta.facetGroups' },
  { key: 'organization', label: 'dataPeta.facetOrganization' },
  { key: 'tags', label: 'dataPeta.facetTags' },
  { key: 'res_format', label: 'dataPeta.facetFormat' },
] as const;

/** The catalogue: search box, facets (CKAN's), results; the state lives in the address (shareable). */
export function Portal({ title }: { title: string }) {
  const { t } = useLang();
  const search = useSearch();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const [q, setQ] = useState(params.get('q') ?? '');
  const query = new URLSearchParams();
  for (const k of ['q', 'tags', 'organization', 'groups', 'res_format']) {
    const v = params.get(k);
    if (v) query.set(k, v);
  }
  const { data, error, loading } = useApi<SearchView>(`${BASE}/datasets?${query}`);

  const go = (next: URLSearchParams) => navigate(`/${next.size ? `?${next}` : ''}`);
  const setParam = (k: string, v: string | null) => {
    const next = new URLSearchParams(query);
    if (v) next.set(k, v);
    else next.delete(k);
    go(next);
  };
  const filtered = FACETS.some((f) => params.get(f.key));

  return (
    <div className="dp narrow" data-testid="dp-portal">
      <h1>{title}</h1>
      <p className="muted">{t('dataPeta.intro')}</p>
      <p className="dp-links">
        <Link href="/peta" className="dp-link" data-testid="dp-map-link">
          <Icon name="map" size={18} /> {t('dataPeta.mapLink')}
        </Link>
        <a className="dp-link" href={serverUrl('/api/3/action/package_search')}>
          <Icon name="globe" size={18} /> {t('dataPeta.apiLink')}
        </a>
      </p>
      <form
        className="dp-search"
        aria-label={t('dataPeta.searchLabel')}
        onSubmit={(e) => {
          e.preventDefault();
          setParam('q', q.trim() || null);
        }}
      >
        <label htmlFor="dp-q" className="sr-only">
          {t('dataPeta.searchLabel')}
        </label>
        <input
          id="dp-q"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('dataPeta.searchPlaceholder')}
          data-testid="dp-search"
        />
        <button type="submit" className="btn btn-primary" data-testid="dp-search-go">
          {t('dataPeta.search')}
        </button>
      </form>
      {error ? <Alert>{error}</Alert> : null}
      {loading && !data ? <Spinner label={t('dataPeta.loading')} /> : null}
      {data ? (
        <div className="dp-body">
          <aside className="dp-facets" aria-label={t('dataPeta.facetTags')}>
            {filtered ? (
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() =>
                  go(params.get('q') ? new URLSearchParams({ q: params.get('q')! }) : new URLSearchParams())
                }
              >
                {t('dataPeta.clearFilters')}
              </button>
            ) : null}
            {FACETS.map((f) => {
              const items = data.facets[f.key]?.items ?? [];
              if (items.length === 0) return null;
              const active = params.get(f.key);
              return (
                <details key={f.key} open={f.key === 'groups' || !!active} className="dp-facet">
                  <summary>{t(f.label)}</summary>
                  <ul>
                    {[...items]
                      .sort((a, b) => b.count - a.count)
                      .slice(0, 12)
                      .map((i) => (
                        <li key={i.name}>
                          <button
                            type="button"
                            className={`dp-facet-item${active === i.name ? ' active' : ''}`}
                            aria-pressed={active === i.name}
                            aria-label={t('dataPeta.filterBy', { value: i.display_name })}
                            onClick={() => setParam(f.key, active === i.name ? null : i.name)}
                          >
                            <span>{i.display_name}</span> <span className="muted">{i.count}</span>
                          </button>
                        </li>
                      ))}
                  </ul>
                </details>
              );
            })}
          </aside>
          <section className="dp-results" aria-live="polite">
            <p className="muted" data-testid="dp-count">
              {t('dataPeta.results', { count: data.count })}
            </p>
            {data.results.length === 0 ? <p>{t('dataPeta.noResults')}</p> : null}
            <ul className="dp-list">
              {data.results.map((d) => (
                <li key={d.id} className="card dp-item" data-testid="dp-result">
                  <Link href={`/dataset/${d.name}`} className="dp-item-title">
                    {d.title}
                  </Link>
                  <p className="muted dp-item-org">{d.organisation.title}</p>
                  <p className="dp-item-notes">{d.notes.split('\n')[0]}</p>
                  <p className="dp-badges">
                    {[...new Set(d.resources.map((r) => r.format.toUpperCase()))].map((f) => (
                      <Badge key={f}>{f}</Badge>
                    ))}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        </div>
      ) : null}
    </div>
  );
}
