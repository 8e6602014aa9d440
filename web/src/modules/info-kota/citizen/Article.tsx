import '../strings';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Button, Icon, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { BASE, type PublicArticleView } from '../api';

/** Puts the article's NewsArticle JSON-LD and title in the document while the page is open. */
function useArticleHead(a: PublicArticleView | null) {
  useEffect(() => {
    if (!a) return;
    const previous = document.title;
    document.title = a.og.title;
    const script = document.createElement('script');
    script.type = 'application/ld+json';
    // JSON.stringify of server data; "<" escaped so no text can close the script element.
    script.textContent = JSON.stringify(a.jsonLd).replace(/</g, '\\u003c');
    document.head.appendChild(script);
    return () => {
      document.title = previous;
      script.remove();
    };
  }, [a]);
}

function Share({ a }: { a: PublicArticleView }) {
  const { t } = useLang();
  const [copied, setCopied] = useState(false);
  const canShare = typeof navigator.share === 'function';
  return (
    <fieldset className="ik-share ik-group">
      <legend className="sr-only">{t('infoKota.article.share')}</legend>
      {canShare ? (
        <Button
          small
          variant="secondary"
          onClick={() => navigator.share({ title: a.title, url: a.url }).catch(() => undefined)}
        >
          {t('infoKota.article.share')}
        </Button>
      ) : null}
      <a
        className="ik-share-link"
        href={`https://wa.me/?text=${encodeURIComponent(`${a.title} ${a.url}`)}`}
        target="_blank"
        rel="noopener noreferrer"
      >
        {t('infoKota.article.shareWhatsapp')}
      </a>
      <Button
        small
        variant="ghost"
        onClick={() =>
          navigator.clipboard
            ?.writeText(a.url)
            .then(() => setCopied(true))
            .catch(() => undefined)
        }
      >
        {copied ? t('infoKota.article.copied') : t('infoKota.article.copyLink')}
      </Button>
    </fieldset>
  );
}

/** `/layanan/info-kota/berita/<slug>`: one article, light on a slow network (cached JSON, lazy images). */
export default function Article({ slug }: { slug: string }) {
  const { t } = useLang();
  const format = useFormat();
  const {
    data: a,
    error,
    errorStatus,
    loading,
    reload,
  } = useApi<PublicArticleView>(`${BASE}/public/articles/${encodeURIComponent(slug)}`);
  useArticleHead(a);

  return (
    <article className="ik-article" data-testid="ik-article">
      <Link href="/" className="back-link">
        <Icon name="back" size={18} />
        {t('infoKota.article.back')}
      </Link>
      {loading && !a ? <Spinner label={t('common.loading')} /> : null}
      {error && !a ? (
        errorStatus === 404 || errorStatus === 400 ? (
          <p data-testid="ik-article-missing">{t('infoKota.article.notFound')}</p>
        ) : (
          <Alert>
            {error}{' '}
            <Button small variant="secondary" onClick={reload}>
              {t('common.retry')}
            </Button>
          </Alert>
        )
      ) : null}
      {a ? (
        <>
          <p className="ik-card-meta">
            <Link href={`/?kategori=${a.category}`}>{t(`infoKota.category.${a.category}`)}</Link>
            {a.opdName ? ` · ${a.opdName}` : ''}
          </p>
          <h1 className="ik-article-title">{a.title}</h1>
          <p className="ik-article-date">
            <time dateTime={a.publishedAt}>
              {t('infoKota.article.published', { date: format.dateTime(a.publishedAt) })}
            </time>
          </p>
          {a.coverUrl ? (
            <figure className="ik-cover">
              <img src={a.coverUrl} alt={a.coverCaption ?? ''} />
              {a.coverCaption ? <figcaption>{a.coverCaption}</figcaption> : null}
            </figure>
          ) : null}
          {a.summary ? <p className="ik-lead">{a.summary}</p> : null}
          <div
            className="ik-body"
            data-testid="ik-article-body"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server against an allow-list (api/modules/info-kota/sanitize.ts) before it was stored
            dangerouslySetInnerHTML={{ __html: a.bodyHtml }}
          />
          {a.tags.length ? (
            <p className="ik-tags">
              <span className="sr-only">{t('infoKota.article.tags')}: </span>
              {a.tags.map((x) => (
                <span key={x} className="ik-tag">
                  #{x}
                </span>
              ))}
            </p>
          ) : null}
          <Share a={a} />
        </>
      ) : null}
    </article>
  );
}
