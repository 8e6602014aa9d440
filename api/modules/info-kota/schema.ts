import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AnnouncementAudience, ArticleCategory, ArticleStatus } from '../../../shared/modules/info-kota';
import { opd, regionArea } from '../../core/db/schema';
import { tenantTable } from '../../core/db/tenancy';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const instant = () => timestamp({ withTimezone: true });

/** A news article (berita) and where it is in the editorial workflow. */
export const ikArticle = tenantTable(
  'info_kota_article',
  {
    id: uuid().notNull().defaultRandom(),
    slug: text().notNull(),
    title: text().notNull(),
    summary: text().notNull().default(''),
    /** Sanitised HTML (sanitize.ts): what is stored is what is served. */
    bodyHtml: text().notNull().default(''),
    category: text().$type<ArticleCategory>().notNull(),
    tags: jsonb().$type<string[]>().notNull().default([]),
    coverFileId: uuid(),
    coverCaption: text(),
    opdId: uuid(),
    authorId: uuid().notNull(),
    authorName: text().notNull(),
    status: text().$type<ArticleStatus>().notNull().default('draft'),
    reviewNote: text(),
    seoTitle: text(),
    seoDescription: text(),
    /** When a scheduled article goes out (the publish task). */
    publishAt: instant(),
    publishedAt: instant(),
    /** Set when the publication was announced (notification sent): once per article. */
    notifiedAt: instant(),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    unique('info_kota_article_slug_uq').on(t.regionId, t.slug),
    foreignKey({ columns: [t.regionId, t.opdId], foreignColumns: [opd.regionId, opd.id] }),
    index('info_kota_article_public_idx').on(t.regionId, t.publishedAt).where(sql`status = 'published'`),
    index('info_kota_article_status_idx').on(t.regionId, t.status, t.updatedAt),
    index('info_kota_article_opd_idx').on(t.regionId, t.opdId),
    index('info_kota_article_due_idx').on(t.regionId, t.publishAt).where(sql`status = 'scheduled'`),
  ],
);

/** Every change to an article: who, when, which fields, and the content as it was after it. */
export const ikRevision = tenantTable(
  'info_kota_revision',
  {
    articleId: uuid().notNull(),
    version: integer().notNull(),
    seq: integer().notNull(),
    action: text().notNull(),
    actorId: uuid(),
    actorName: text().notNull(),
    fields: jsonb().$type<string[]>().notNull().default([]),
    note: text(),
    snapshot: jsonb().$type<Record<string, unknown>>().notNull(),
    at: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.articleId, t.seq] }),
    foreignKey({
      columns: [t.regionId, t.articleId],
      foreignColumns: [ikArticle.regionId, ikArticle.id],
    }).onDelete('cascade'),
  ],
);

/** The uploaded images an article shows (cover and body): who may read them follows the article. */
export const ikArticleFile = tenantTable(
  'info_kota_article_file',
  { articleId: uuid().notNull(), fileId: uuid().notNull() },
  (t) => [
    primaryKey({ columns: [t.regionId, t.articleId, t.fileId] }),
    foreignKey({
      columns: [t.regionId, t.articleId],
      foreignColumns: [ikArticle.regionId, ikArticle.id],
    }).onDelete('cascade'),
    index('info_kota_article_file_idx').on(t.regionId, t.fileId),
  ],
);

/** An announcement (pengumuman) valid over a period, for the whole region or one area. */
export const ikAnnouncement = tenantTable(
  'info_kota_announcement',
  {
    id: uuid().notNull().defaultRandom(),
    title: text().notNull(),
    body: text().notNull(),
    validFrom: instant().notNull(),
    validUntil: instant().notNull(),
    areaCode: text(),
    audience: text().$type<AnnouncementAudience>().notNull().default('semua'),
    audienceModule: text(),
    urgent: boolean().notNull().default(false),
    opdId: uuid(),
    createdBy: uuid().notNull(),
    withdrawnAt: instant(),
    notifiedAt: instant(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({
      columns: [t.regionId, t.areaCode],
      foreignColumns: [regionArea.regionId, regionArea.code],
    }),
    foreignKey({ columns: [t.regionId, t.opdId], foreignColumns: [opd.regionId, opd.id] }),
    index('info_kota_announcement_valid_idx').on(t.regionId, t.validUntil),
    index('info_kota_announcement_area_idx').on(t.regionId, t.areaCode),
    index('info_kota_announcement_opd_idx').on(t.regionId, t.opdId),
  ],
);

/** A city event on the agenda. */
export const ikEvent = tenantTable(
  'info_kota_event',
  {
    id: uuid().notNull().defaultRandom(),
    title: text().notNull(),
    description: text().notNull().default(''),
    startsAt: instant().notNull(),
    endsAt: instant(),
    place: text().notNull(),
    lat: doublePrecision(),
    lng: doublePrecision(),
    opdId: uuid(),
    createdBy: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.id] }),
    foreignKey({ columns: [t.regionId, t.opdId], foreignColumns: [opd.regionId, opd.id] }),
    index('info_kota_event_start_idx').on(t.regionId, t.startsAt),
    index('info_kota_event_opd_idx').on(t.regionId, t.opdId),
  ],
);

export const infoKotaTables = [ikArticle, ikRevision, ikArticleFile, ikAnnouncement, ikEvent];
