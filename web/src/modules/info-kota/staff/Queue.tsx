import '../strings';
import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Button, Card } from '../../../core/ui';
import { DataTable, LoadState } from '../../../core/ui/admin';
import { useFormat } from '../../../core/useFormat';
import { type ArticleStatus, articleStatuses, BASE, type DeskArticleRow, type DeskMeView } from '../api';

type List = { items: DeskArticleRow[]; counts: Record<ArticleStatus, number> };

export function StatusBadge({ status }: { status: ArticleStatus }) {
  const { t } = useLang();
  return <span className={`ik-status ik-status-${status}`}>{t(`infoKota.status.${status}`)}</span>;
}

/**
 * The editorial queue by state. Editors start on "in review" (what waits for them); writers on
 * their drafts. Counts per state in the filter buttons.
 */
export function Queue({ desk }: { desk: DeskMeView }) {
  const { t } = useLang();
  const format = useFormat();
  const [status, setStatus] = useState<ArticleStatus | null>(desk.editor ? 'review' : null);
  const [query, setQuery] = useState('');
  const [q, setQ] = useState('');
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (q) params.set('q', q);
  const list = useApi<List>(`${BASE}/desk/articles?${params}`);
  const counts = list.data?.counts;
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : null;

  function search(e: FormEvent) {
    e.preventDefault();
    setQ(query.trim());
  }

  return (
    <Card
      title={t('infoKota.staff.tabQueue')}
      actions={
        <form className="ik-search" onSubmit={search}>
          <label htmlFor="ik-desk-q" className="sr-only">
            {t('infoKota.staff.search')}
          </label>
          <input
            id="ik-desk-q"
            type="search"
            value={query}
            placeholder={t('infoKota.staff.search')}
            onChange={(e) => setQuery(e.target.value)}
          />
          <Button type="submit" variant="secondary" small>
            {t('infoKota.feed.searchButton')}
          </Button>
        </form>
      }
    >
      <fieldset className="ik-desk-filter ik-group">
        <legend className="sr-only">{t('infoKota.staff.colStatus')}</legend>
        {[null, ...articleStatuses].map((s) => (
          <button
            key={s ?? 'all'}
            type="button"
            className="ik-chip"
            aria-pressed={status === s}
            onClick={() => setStatus(s)}
            data-testid={`ik-queue-${s ?? 'all'}`}
          >
            {s ? t(`infoKota.status.${s}`) : t('infoKota.staff.all')}
            {counts ? ` (${s ? counts[s] : total})` : ''}
          </button>
        ))}
      </fieldset>
      <LoadState
        state={{ data: list.data?.items ?? null, error: list.error, loading: list.loading }}
        empty={t('infoKota.staff.empty')}
      />
      <DataTable
        rowTestId="ik-queue-row"
        rows={list.data?.items ?? []}
        rowKey={(a) => a.id}
        caption={t('infoKota.staff.tabQueue')}
        columns={[
          {
            header: t('infoKota.staff.colTitle'),
            cell: (a) => (
              <>
                <Link href={`/berita/${a.id}`} className="ik-row-title">
                  {a.title}
                </Link>
                <br />
                <span className="muted">
                  {t(`infoKota.category.${a.category}`)} · {t('infoKota.editor.by', { name: a.authorName })}
                </span>
                {a.reviewNote ? (
                  <>
                    <br />
                    <span className="muted">{t('infoKota.staff.returnedNote', { note: a.reviewNote })}</span>
                  </>
                ) : null}
              </>
            ),
          },
          { header: t('infoKota.staff.colOpd'), cell: (a) => a.opdName ?? '—', className: 'ik-nowrap' },
          {
            header: t('infoKota.staff.colStatus'),
            cell: (a) => <StatusBadge status={a.status} />,
            className: 'ik-nowrap',
          },
          {
            header: t('infoKota.staff.colWhen'),
            cell: (a) =>
              a.publishAt
                ? format.dateTime(a.publishAt)
                : a.publishedAt
                  ? format.dateTime(a.publishedAt)
                  : '—',
          },
          { header: t('infoKota.staff.colUpdated'), cell: (a) => format.dateTime(a.updatedAt) },
        ]}
      />
    </Card>
  );
}
