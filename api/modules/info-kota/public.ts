import { and, desc, eq, gte, ilike, or, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { TimeZoneName } from '../../../shared/indonesia';
import {
  type ArticleCard,
  type ArticleCategory,
  categoryLabels,
  type FeedView,
  type feedQuery,
  type PublicArticleView,
  type WallView,
} from '../../../shared/modules/info-kota';
import type { Tx } from '../../core/db/client';
import { opd } from '../../core/db/schema';
import { AppError, notFound } from '../../core/errors';
import type { PageMeta } from '../../core/modules/types';
import { announcementsInForce } from './announcements';
import { type ArticleRow, articlePath, fileUrl } from './articles';
import { startOfLocalDay } from './desk';
import { plainText, withBasePath } from './sanitize';
import { ikArticle } from './schema';

const published = eq(ikArticle.status, 'published');

async function opdNames(tx: Tx) {
  const rows = await tx.select({ id: opd.id, name: opd.shortName }).from(opd);
  return new Map(rows.map((r) => [r.id, r.name]));
}

const card = (a: ArticleRow, names: Map<string, string>, basePath: string): ArticleCard => ({
  slug: a.slug,
  title: a.title,
  summary: a.summary || plainText(a.bodyHtml).slice(0, 200),
  category: a.category,
  coverUrl: fileUrl(a.coverFileId, basePath),
  opdName: a.opdId ? (names.get(a.opdId) ?? null) : null,
  publishedAt: (a.publishedAt ?? a.updatedAt).toISOString(),
});

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The public feed: newest first, by category, tag or words in the title or summary. */
export async function feed(tx: Tx, q: z.infer<typeof feedQuery>, basePath: string): Promise<FeedView> {
  const words = q.q
    ? or(ilike(ikArticle.title, `%${escapeLike(q.q)}%`), ilike(ikArticle.summary, `%${escapeLike(q.q)}%`))
    : undefined;
  const rows = await tx
    .select()
    .from(ikArticle)
    .where(
      and(
        published,
        q.category ? eq(ikArticle.category, q.category) : undefined,
        q.tag ? sql`${ikArticle.tags} ? ${q.tag}` : undefined,
        words,
      ),
    )
    .orderBy(desc(ikArticle.publishedAt), desc(ikArticle.id))
    .limit(q.limit + 1)
    .offset((q.page - 1) * q.limit);
  const names = await opdNames(tx);
  return {
    items: rows.slice(0, q.limit).map((a) => card(a, names, basePath)),
    page: q.page,
    hasMore: rows.length > q.limit,
  };
}

export type Site = { origin: string; basePath: string; regionName: string; logoUrl: string | null };

export function siteOf(req: FastifyRequest): Site {
  const origin = `${req.protocol}://${req.host}`;
  const logo = req.region.branding.logoFileId;
  return {
    origin,
    basePath: req.basePath,
    regionName: req.region.name,
    logoUrl: logo ? `${origin}${req.basePath}/api/files/${logo}` : null,
  };
}

/** One published article, with what a page needs to share it: Open Graph facts and NewsArticle JSON-LD. */
export async function articleBySlug(tx: Tx, slug: string, site: Site): Promise<PublicArticleView> {
  const [a] = await tx
    .select()
    .from(ikArticle)
    .where(and(published, eq(ikArticle.slug, slug)));
  if (!a) throw notFound({ id: 'Berita tidak ditemukan.', en: 'Article not found.' });
  const names = await opdNames(tx);
  const c = card(a, names, site.basePath);
  const url = `${site.origin}${site.basePath}${articlePath(a.slug)}`;
  const image = a.coverFileId ? `${site.origin}${site.basePath}/api/files/${a.coverFileId}` : null;
  const description = a.seoDescription || c.summary.slice(0, 160);
  const publisher = `Pemerintah ${site.regionName}`;
  return {
    ...c,
    bodyHtml: withBasePath(a.bodyHtml, site.basePath),
    tags: a.tags,
    coverCaption: a.coverCaption,
    updatedAt: a.updatedAt.toISOString(),
    url,
    og: {
      title: a.seoTitle || a.title,
      description,
      image,
      url,
      type: 'article',
      siteName: `${site.regionName} LIVE`,
    },
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: a.title.slice(0, 110),
      description,
      ...(image ? { image: [image] } : {}),
      datePublished: c.publishedAt,
      dateModified: a.updatedAt.toISOString(),
      inLanguage: 'id-ID',
      articleSection: categoryLabels[a.category].id,
      ...(a.tags.length ? { keywords: a.tags.join(', ') } : {}),
      mainEntityOfPage: { '@type': 'WebPage', '@id': url },
      author: {
        '@type': 'GovernmentOrganization',
        name: c.opdName ? `${c.opdName} ${site.regionName}` : publisher,
      },
      publisher: {
        '@type': 'GovernmentOrganization',
        name: publisher,
        ...(site.logoUrl ? { logo: { '@type': 'ImageObject', url: site.logoUrl } } : {}),
      },
    },
  };
}

/** RSS 2.0 or Atom 1.0 of the newest published articles (the region's, or one category's). */
export async function feedXml(
  tx: Tx,
  site: Site,
  format: 'rss' | 'atom',
  category: ArticleCategory | undefined,
  size: number,
): Promise<string> {
  const rows = await tx
    .select()
    .from(ikArticle)
    .where(and(published, category ? eq(ikArticle.category, category) : undefined))
    .orderBy(desc(ikArticle.publishedAt))
    .limit(size);
  const names = await opdNames(tx);
  const base = `${site.origin}${site.basePath}`;
  const query = category ? `?category=${category}` : '';
  const title = `Berita ${site.regionName}${category ? ` — ${categoryLabels[category].id}` : ''}`;
  // feed loads with the first RSS/Atom request, not at start-up (core/lazy.ts).
  const { Feed } = await import('feed');
  const f = new Feed({
    id: `${base}/layanan/info-kota${query}`,
    title,
    description: `Berita, pengumuman dan agenda ${site.regionName}`,
    link: `${base}/layanan/info-kota${query}`,
    language: 'id',
    updated: rows[0]?.publishedAt ?? new Date(0),
    generator: 'Simpul Info Kota',
    copyright: `© Pemerintah ${site.regionName}`,
    feedLinks: {
      rss: `${base}/api/m/info-kota/public/feed.rss${query}`,
      atom: `${base}/api/m/info-kota/public/feed.atom${query}`,
    },
    ...(site.logoUrl ? { image: site.logoUrl } : {}),
  });
  for (const a of rows) {
    const link = `${base}${articlePath(a.slug)}`;
    const c = card(a, names, site.basePath);
    f.addItem({
      title: a.title,
      id: link,
      link,
      date: a.publishedAt ?? a.updatedAt,
      published: a.publishedAt ?? a.updatedAt,
      description: c.summary,
      content: withBasePath(a.bodyHtml, site.basePath).replaceAll('src="/', `src="${site.origin}/`),
      category: [{ name: categoryLabels[a.category].id, term: a.category }],
      author: [{ name: c.opdName ?? `Pemerintah ${site.regionName}` }],
      ...(a.coverFileId ? { image: `${base}/api/files/${a.coverFileId}` } : {}),
    });
  }
  return format === 'rss' ? f.rss2() : f.atom1();
}

/** The citizen home's strip: urgent announcements in force and the three newest articles. */
export async function home(tx: Tx, basePath: string, now = new Date()) {
  const [urgent, latest] = [
    await announcementsInForce(tx, now, undefined, true),
    await feed(tx, { page: 1, limit: 3 }, basePath),
  ];
  return { urgent, latest: latest.items };
}

/** The LIVE Room: what was published today (region's zone) and the urgent announcements in force. */
export async function wall(tx: Tx, zone: TimeZoneName, now = new Date()): Promise<WallView> {
  const rows = await tx
    .select()
    .from(ikArticle)
    .where(and(published, gte(ikArticle.publishedAt, startOfLocalDay(now, zone))))
    .orderBy(desc(ikArticle.publishedAt))
    .limit(20);
  const names = await opdNames(tx);
  const inForce = await announcementsInForce(tx, now);
  return {
    publishedToday: rows.map((a) => card(a, names, '')),
    urgent: inForce.filter((a) => a.urgent),
    inForce: inForce.length,
  };
}

/** Open Graph facts of `/layanan/info-kota/berita/<slug>` for the server-rendered page head. */
export async function articlePageMeta(tx: Tx, path: string, site: Site): Promise<PageMeta | null> {
  const m = /^\/berita\/([a-z0-9-]{3,120})\/?$/.exec(path);
  if (!m) return null;
  try {
    return (await articleBySlug(tx, m[1]!, site)).og;
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return null;
    throw err;
  }
}
