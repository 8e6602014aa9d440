import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api, apiUrl, errorMessage } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import { Alert, Button, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { type ArticleCard, type ArticleCategory, articleCategories, BASE, type FeedView } from '../api';

/** One article in a list: cover (when there is one), category, title, summary, date. */
export function ArticleItem({
  a,
  headingLevel = 2,
  base = '',
}: {
  a: ArticleCard;
  headingLevel?: 2 | 3;
  /** Path of the module from where the list is drawn ('' inside the module's pages). */
  base?: string;
}) {
  const { t } = useLang();
  const format = useFormat();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li className="ik-card" data-testid="ik-article-card">
      <Link href={`${base}/berita/${a.slug}`} className="ik-card-link">
        {a.coverUrl ? (
          <img className="ik-card-cover" src={a.coverUrl} alt="" loading="lazy" width={96} height={72} />
        ) : null}
        <span className="ik-card-text">
          <span className="ik-card-meta">
            {t(`infoKota.category.${a.category}`)}
            {a.opdName ? ` · ${a.opdName}` : ''}
          </span>
          <H className="ik-card-title">{a.title}</H>
          <span className="ik-card-summary">{a.summary}</span>
          <time className="ik-card-date" dateTime={a.publishedAt}>
            {format.dateTime(a.publishedAt)}
          </time>
        </span>
      </Link>
    </li>
  );
}

export function Feed() {
  const { t } = useLang();
  const [query, setQuery] = useState('');
  const [q, setQ] = useState('');
  // An article's category link opens the feed filtered (`?kategori=…`).
  const [category, setCategory] = useState<ArticleCategory | null>(() => {
    const wanted = new URLSearchParams(window.location.search).get('kategori');
    return articleCategories.find((c) => c === wanted) ?? null;
  });
  const [page, setPage] = useState(1);
  const [items, setItems] = useState<ArticleCard[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    const params = new URLSearchParams({ page: String(page), limit: '10' });
    if (q) params.set('q', q);
    if (category) params.set('category', category);
    setLoading(true);
    api<FeedView>(`${BASE}/public/articles?${params}`, { signal: ctrl.signal })
      .then((f) => {
        setItems((prev) => (page === 1 ? f.items : [...prev, ...f.items]));
        setHasMore(f.hasMore);
        setError(null);
      })
      .catch((err) => {
        if (!ctrl.signal.aborted) setError(errorMessage(err));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [q, category, page]);

  function search(e: FormEvent) {
    e.preventDefault();
    setPage(1);
    setQ(query.trim());
  }
  function pick(c: ArticleCategory | null) {
    setPage(1);
    setCategory(c);
  }

  return (
    <div className="ik-feed">
      <form className="ik-search" onSubmit={search}>
        <label htmlFor="ik-q" className="sr-only">
          {t('infoKota.feed.search')}
        </label>
        <input
          id="ik-q"
          type="search"
          value={query}
          placeholder={t('infoKota.feed.search')}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="ik-search"
        />
        <Button type="submit" variant="secondary">
          {t('infoKota.feed.searchButton')}
        </Button>
      </form>
      <fieldset className="ik-chips ik-group">
        <legend className="sr-only">{t('infoKota.feed.categories')}</legend>
        {[null, ...articleCategories].map((c) => (
          <button
            key={c ?? 'all'}
            type="button"
            className="ik-chip"
            aria-pressed={category === c}
            onClick={() => pick(c)}
            data-testid={`ik-cat-${c ?? 'all'}`}
          >
            {c ? t(`infoKota.category.${c}`) : t('infoKota.feed.allCategories')}
          </button>
        ))}
      </fieldset>
      {error ? <Alert>{error}</Alert> : null}
      <ul className="ik-list" data-testid="ik-feed" aria-busy={loading}>
        {items.map((a) => (
          <ArticleItem key={a.slug} a={a} />
        ))}
      </ul>
      {loading ? <Spinner label={t('common.loading')} /> : null}
      {!loading && !error && items.length === 0 ? (
        <p className="muted">{q ? t('infoKota.feed.emptySearch', { q }) : t('infoKota.feed.empty')}</p>
      ) : null}
      {hasMore && !loading ? (
        <Button variant="secondary" onClick={() => setPage((p) => p + 1)} data-testid="ik-more">
          {t('infoKota.feed.more')}
        </Button>
      ) : null}
      <p className="ik-feeds muted">
        {t('infoKota.feed.feeds')}:{' '}
        <a href={apiUrl(`${BASE}/public/feed.rss${category ? `?category=${category}` : ''}`)}>
          {t('infoKota.feed.rss')}
        </a>{' '}
        ·{' '}
        <a href={apiUrl(`${BASE}/public/feed.atom${category ? `?category=${category}` : ''}`)}>
          {t('infoKota.feed.atom')}
        </a>
      </p>
    </div>
  );
}
