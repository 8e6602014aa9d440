import { useState } from 'react';
import { Link } from 'wouter';
import { educationLevels, jobTypes } from '../../../../../shared/modules/siap-kerja';
import { apiUrl } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Button, Icon, Spinner } from '../../../core/ui';
import { BASE, type SeekerView, type VacancyPage } from '../api';
import { educationLabels, jobTypeLabels } from '../labels';
import { useKecamatan, VacancyItem } from './common';

/** Vacancy list: "Cocok untukmu" (ranked by the database) for a seeker with a profile, else newest; filters. */
export function Home({ title }: { title: string }) {
  const { t, pick } = useLang();
  const { me } = useSession();
  const profile = useApi<SeekerView>(me ? `${BASE}/me/profile` : null);
  const hasProfile = !!profile.data;
  const [tab, setTab] = useState<'cocok' | 'terbaru' | null>(null);
  const sort = tab ?? (hasProfile ? 'cocok' : 'terbaru');
  const [filters, setFilters] = useState({
    q: '',
    kecamatan: '',
    education: '',
    type: '',
    disabilityFriendly: false,
  });
  const [applied, setApplied] = useState(filters);
  const [limit, setLimit] = useState(20);
  const kecamatan = useKecamatan();
  const qs = new URLSearchParams({ sort, limit: String(limit) });
  if (applied.q) qs.set('q', applied.q);
  if (applied.kecamatan) qs.set('kecamatan', applied.kecamatan);
  if (applied.education) qs.set('education', applied.education);
  if (applied.type) qs.set('type', applied.type);
  if (applied.disabilityFriendly) qs.set('disabilityFriendly', 'true');
  const list = useApi<VacancyPage>(`${BASE}/vacancies?${qs}`);
  return (
    <div className="sk narrow" data-testid="sk-home">
      <h1>{title}</h1>
      <nav className="sk-menu" aria-label={title}>
        <Link href="/profil" className="sk-menu-item" data-testid="sk-link-profile">
          <Icon name="user" size={20} /> {t('siapKerja.menu.profile')}
        </Link>
        <Link href="/ak1" className="sk-menu-item" data-testid="sk-link-ak1">
          <Icon name="file" size={20} /> {t('siapKerja.menu.ak1')}
        </Link>
        <Link href="/lamaran" className="sk-menu-item" data-testid="sk-link-applications">
          <Icon name="list" size={20} /> {t('siapKerja.menu.applications')}
        </Link>
        <Link href="/perusahaan" className="sk-menu-item" data-testid="sk-link-employer">
          <Icon name="building" size={20} /> {t('siapKerja.menu.employer')}
        </Link>
      </nav>
      {me && profile.errorStatus === 404 ? (
        <Alert kind="info">
          {t('siapKerja.noProfileHint')} <Link href="/profil">{t('siapKerja.fillProfile')}</Link>
        </Alert>
      ) : null}
      <div className="sk-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={sort === 'cocok'}
          className={`sk-tab${sort === 'cocok' ? ' active' : ''}`}
          disabled={!hasProfile}
          onClick={() => setTab('cocok')}
          data-testid="sk-tab-match"
        >
          {t('siapKerja.forYou')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={sort === 'terbaru'}
          className={`sk-tab${sort === 'terbaru' ? ' active' : ''}`}
          onClick={() => setTab('terbaru')}
          data-testid="sk-tab-newest"
        >
          {t('siapKerja.newest')}
        </button>
      </div>
      <form
        className="sk-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(filters);
        }}
      >
        <label className="sk-search">
          <span className="sr-only">{t('siapKerja.search')}</span>
          <input
            type="search"
            value={filters.q}
            placeholder={t('siapKerja.searchPlaceholder')}
            onChange={(e) => setFilters({ ...filters, q: e.target.value })}
            data-testid="sk-search"
          />
        </label>
        <details>
          <summary>{t('siapKerja.moreFilters')}</summary>
          <label className="sk-filter-field">
            {t('siapKerja.field.kecamatan')}
            <select
              value={filters.kecamatan}
              onChange={(e) => setFilters({ ...filters, kecamatan: e.target.value })}
            >
              <option value="">{t('siapKerja.all')}</option>
              {kecamatan.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.name}
                </option>
              ))}
            </select>
          </label>
          <label className="sk-filter-field">
            {t('siapKerja.field.education')}
            <select
              value={filters.education}
              onChange={(e) => setFilters({ ...filters, education: e.target.value })}
            >
              <option value="">{t('siapKerja.all')}</option>
              {educationLevels.map((l) => (
                <option key={l} value={l}>
                  {pick(educationLabels[l])}
                </option>
              ))}
            </select>
          </label>
          <label className="sk-filter-field">
            {t('siapKerja.field.type')}
            <select value={filters.type} onChange={(e) => setFilters({ ...filters, type: e.target.value })}>
              <option value="">{t('siapKerja.all')}</option>
              {jobTypes.map((l) => (
                <option key={l} value={l}>
                  {pick(jobTypeLabels[l])}
                </option>
              ))}
            </select>
          </label>
          <label className="sk-check">
            <input
              type="checkbox"
              checked={filters.disabilityFriendly}
              onChange={(e) => setFilters({ ...filters, disabilityFriendly: e.target.checked })}
            />
            {t('siapKerja.disabilityFriendly')}
          </label>
        </details>
        <Button type="submit" variant="secondary">
          {t('siapKerja.searchButton')}
        </Button>
      </form>
      {list.loading && !list.data ? <Spinner label={t('siapKerja.loading')} /> : null}
      {list.error ? <Alert>{list.error}</Alert> : null}
      {list.data ? (
        <p className="muted" data-testid="sk-total">
          {t('siapKerja.found', { count: list.data.total })}
        </p>
      ) : null}
      <ul className="sk-list" data-testid="sk-vacancies">
        {list.data?.items.map((v) => (
          <VacancyItem key={v.id} v={v} />
        ))}
      </ul>
      {list.data && list.data.total > list.data.items.length ? (
        <Button variant="secondary" block onClick={() => setLimit((n) => Math.min(100, n + 20))}>
          {t('siapKerja.showMore')}
        </Button>
      ) : null}
      <p className="sk-feeds">
        <a href={apiUrl(`${BASE}/feed.rss`)}>RSS</a> · <a href={apiUrl(`${BASE}/feed.atom`)}>Atom</a> ·{' '}
        <a href={apiUrl(`${BASE}/open-data/stats.csv`)} download>
          {t('siapKerja.openData')}
        </a>
      </p>
    </div>
  );
}
