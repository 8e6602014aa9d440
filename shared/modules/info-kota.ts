import { z } from 'zod';

/**
 * Info Kota contracts: the city's news (berita), announcements (pengumuman) and agenda. Times are
 * ISO instants in answers; a time a person enters (scheduled publication, validity, event start)
 * is a local wall-clock `YYYY-MM-DDTHH:mm` in the region's time zone (WIB/WITA/WIT).
 */

// The enums live in a file without zod, so the citizen home (Info Kota's strips) can use them
// without shipping zod on first load (bench:web).
import { type ArticleCategory, articleCategories, articleStatuses } from './info-kota-values';

export * from './info-kota-values';
export const categoryLabels: Record<ArticleCategory, { id: string; en: string }> = {
  pemerintahan: { id: 'Pemerintahan', en: 'Government' },
  pembangunan: { id: 'Pembangunan', en: 'Development' },
  kesehatan: { id: 'Kesehatan', en: 'Health' },
  pendidikan: { id: 'Pendidikan', en: 'Education' },
  ekonomi: { id: 'Ekonomi', en: 'Economy' },
  sosial: { id: 'Sosial', en: 'Social affairs' },
  lingkungan: { id: 'Lingkungan', en: 'Environment' },
  kebencanaan: { id: 'Kebencanaan', en: 'Disasters' },
  'budaya-pariwisata': { id: 'Budaya & Pariwisata', en: 'Culture & tourism' },
  olahraga: { id: 'Olahraga', en: 'Sport' },
};

export const announcementAudiences = ['semua', 'pengguna-layanan'] as const;
export type AnnouncementAudience = (typeof announcementAudiences)[number];

/** A wall-clock time in the region's zone, as a person types it: `2026-12-24T08:00`. */
export const localDateTime = z
  .string()
  .regex(
    /^(19|2\d)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/,
    'Waktu harus YYYY-MM-DDTHH:mm / time must be YYYY-MM-DDTHH:mm',
  );

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slugField = z
  .string()
  .trim()
  .min(3)
  .max(120)
  .regex(SLUG, 'Slug: huruf kecil, angka dan - / slug: a-z, 0-9, -');
const fileId = z.string().uuid();
const tag = z.string().trim().min(2).max(40);

// ---------- articles ----------

const articleFields = {
  title: z.string().trim().min(5).max(200),
  /** Made from the title when left out; must be unique in the region. */
  slug: slugField,
  summary: z.string().trim().max(400),
  /** HTML from the editor; sanitised on the server (an allow-list) before it is stored. */
  bodyHtml: z.string().max(200_000),
  category: z.enum(articleCategories),
  tags: z.array(tag).max(12),
  coverFileId: fileId.nullable(),
  coverCaption: z.string().trim().max(300).nullable(),
  /** The OPD the article is from (writers: their own OPD; editors may pick any). */
  opdId: z.string().uuid().nullable(),
  seoTitle: z.string().trim().max(70).nullable(),
  seoDescription: z.string().trim().max(160).nullable(),
};
export const articleInput = z.object({
  ...articleFields,
  slug: articleFields.slug.optional(),
  summary: articleFields.summary.default(''),
  bodyHtml: articleFields.bodyHtml.default(''),
  tags: articleFields.tags.default([]),
  coverFileId: articleFields.coverFileId.optional(),
  coverCaption: articleFields.coverCaption.optional(),
  opdId: articleFields.opdId.optional(),
  seoTitle: articleFields.seoTitle.optional(),
  seoDescription: articleFields.seoDescription.optional(),
});
export type ArticleInput = z.input<typeof articleInput>;
/** Only the fields sent change (no defaults: a missing field is left as it is). */
export const articleUpdateInput = z
  .object(articleFields)
  .partial()
  .extend({
    /** The version the editor started from: a newer save in between answers 409. */
    version: z.number().int().min(1),
  });

export const returnInput = z.object({ note: z.string().trim().min(3).max(1000) });
export const publishInput = z.object({
  /** Local time in the region's zone; absent or in the past publishes now. */
  publishAt: localDateTime.nullable().optional(),
});

export const revisionView = z
  .object({
    version: z.number().int(),
    action: z.string(),
    actorName: z.string(),
    at: z.string(),
    fields: z.array(z.string()),
    note: z.string().nullable(),
  })
  .meta({ id: 'InfoKotaRevision' });
export type RevisionView = z.infer<typeof revisionView>;

export const deskArticleView = z
  .object({
    id: z.string().uuid(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    bodyHtml: z.string(),
    category: z.enum(articleCategories),
    tags: z.array(z.string()),
    coverFileId: z.string().uuid().nullable(),
    coverUrl: z.string().nullable(),
    coverCaption: z.string().nullable(),
    opdId: z.string().uuid().nullable(),
    opdName: z.string().nullable(),
    authorName: z.string(),
    status: z.enum(articleStatuses),
    reviewNote: z.string().nullable(),
    seoTitle: z.string().nullable(),
    seoDescription: z.string().nullable(),
    publishAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    updatedAt: z.string(),
    version: z.number().int(),
    /** What the signed-in person may do with it now. */
    can: z.object({
      edit: z.boolean(),
      submit: z.boolean(),
      return: z.boolean(),
      publish: z.boolean(),
      archive: z.boolean(),
    }),
  })
  .meta({ id: 'InfoKotaDeskArticle' });
export type DeskArticleView = z.infer<typeof deskArticleView>;

export const deskArticleDetail = deskArticleView.extend({ revisions: z.array(revisionView) });
export type DeskArticleDetail = z.infer<typeof deskArticleDetail>;

export const deskListQuery = z.object({
  status: z.enum(articleStatuses).optional(),
  q: z.string().trim().max(100).optional(),
});
export const deskArticleRow = deskArticleView.omit({ bodyHtml: true });
export type DeskArticleRow = z.infer<typeof deskArticleRow>;
export const deskArticleList = z.object({
  items: z.array(deskArticleRow),
  counts: z.record(z.enum(articleStatuses), z.number().int()),
});

export const deskMeView = z.object({
  writer: z.boolean(),
  editor: z.boolean(),
  opds: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
  timeZone: z.string(),
});
export type DeskMeView = z.infer<typeof deskMeView>;

// ---------- public ----------

export const articleCard = z
  .object({
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    category: z.enum(articleCategories),
    coverUrl: z.string().nullable(),
    opdName: z.string().nullable(),
    publishedAt: z.string(),
  })
  .meta({ id: 'InfoKotaArticleCard' });
export type ArticleCard = z.infer<typeof articleCard>;

export const feedQuery = z.object({
  q: z.string().trim().max(100).optional(),
  category: z.enum(articleCategories).optional(),
  tag: tag.optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const feedView = z
  .object({ items: z.array(articleCard), page: z.number().int(), hasMore: z.boolean() })
  .meta({ id: 'InfoKotaFeed' });
export type FeedView = z.infer<typeof feedView>;

export const publicArticleView = articleCard
  .extend({
    bodyHtml: z.string(),
    tags: z.array(z.string()),
    coverCaption: z.string().nullable(),
    updatedAt: z.string(),
    /** Absolute link to the article page (for sharing). */
    url: z.string(),
    /** Open Graph facts for share previews. */
    og: z.object({
      title: z.string(),
      description: z.string(),
      image: z.string().nullable(),
      url: z.string(),
      type: z.literal('article'),
      siteName: z.string(),
    }),
    /** schema.org NewsArticle, ready to embed as application/ld+json. */
    jsonLd: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'InfoKotaArticle' });
export type PublicArticleView = z.infer<typeof publicArticleView>;

// ---------- announcements ----------

export const announcementInput = z
  .object({
    title: z.string().trim().min(5).max(200),
    body: z.string().trim().min(1).max(4000),
    validFrom: localDateTime,
    validUntil: localDateTime,
    /** A kecamatan or kelurahan/desa code of the region; null = the whole region. */
    areaCode: z
      .string()
      .regex(/^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/)
      .nullable()
      .optional(),
    audience: z.enum(announcementAudiences).default('semua'),
    /** With `pengguna-layanan`: the module whose users it is for (e.g. `laksa`). */
    audienceModule: z
      .string()
      .regex(/^[a-z0-9-]{2,40}$/)
      .nullable()
      .optional(),
    urgent: z.boolean().default(false),
  })
  .refine((a) => a.validUntil > a.validFrom, {
    message: 'Akhir berlaku harus setelah mulai / validUntil must be after validFrom',
    path: ['validUntil'],
  });
export type AnnouncementInput = z.input<typeof announcementInput>;

export const announcementView = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    body: z.string(),
    validFrom: z.string(),
    validUntil: z.string(),
    areaCode: z.string().nullable(),
    areaName: z.string().nullable(),
    audience: z.enum(announcementAudiences),
    audienceModule: z.string().nullable(),
    urgent: z.boolean(),
    withdrawn: z.boolean(),
    opdName: z.string().nullable(),
  })
  .meta({ id: 'InfoKotaAnnouncement' });
export type AnnouncementView = z.infer<typeof announcementView>;

export const announcementQuery = z.object({
  /** A kecamatan or kelurahan code: what concerns that area (region-wide ones included). */
  area: z
    .string()
    .regex(/^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/)
    .optional(),
});

// ---------- agenda ----------

export const agendaInput = z
  .object({
    title: z.string().trim().min(5).max(200),
    description: z.string().trim().max(4000).default(''),
    startsAt: localDateTime,
    endsAt: localDateTime.nullable().optional(),
    place: z.string().trim().min(3).max(200),
    lat: z.number().min(-11.5).max(6.5).nullable().optional(),
    lng: z.number().min(94).max(141.5).nullable().optional(),
  })
  .refine((a) => !a.endsAt || a.endsAt > a.startsAt, {
    message: 'Selesai harus setelah mulai / endsAt must be after startsAt',
    path: ['endsAt'],
  })
  .refine((a) => (a.lat == null) === (a.lng == null), {
    message: 'Isi lintang dan bujur bersama / give lat and lng together',
    path: ['lng'],
  });
export type AgendaInput = z.input<typeof agendaInput>;

export const agendaView = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    description: z.string(),
    startsAt: z.string(),
    endsAt: z.string().nullable(),
    place: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    opdName: z.string().nullable(),
  })
  .meta({ id: 'InfoKotaAgendaItem' });
export type AgendaView = z.infer<typeof agendaView>;

export const agendaQuery = z.object({
  /** `upcoming` (default): from today on; `past`: the last 90 days. */
  when: z.enum(['upcoming', 'past']).default('upcoming'),
});

// ---------- home strip and wall ----------

export const homeView = z
  .object({ urgent: z.array(announcementView), latest: z.array(articleCard) })
  .meta({ id: 'InfoKotaHome' });
export type HomeView = z.infer<typeof homeView>;

export const wallView = z
  .object({
    publishedToday: z.array(articleCard),
    urgent: z.array(announcementView),
    inForce: z.number().int(),
  })
  .meta({ id: 'InfoKotaWall' });
export type WallView = z.infer<typeof wallView>;

export const infoKotaSettings = z.object({
  /** The OPD whose admins are the editors (Diskominfo); region admins always are. */
  editorialOpdCode: z.string().min(2).max(40).default('diskominfo'),
  /** Articles per RSS/Atom feed. */
  feedSize: z.number().int().min(5).max(100).default(20),
});
export type InfoKotaSettings = z.infer<typeof infoKotaSettings>;
