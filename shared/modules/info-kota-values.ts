/**
 * Info Kota's enums as plain values, without zod: `info-kota.ts` builds its schemas from them, and
 * the web's citizen home imports them from here so its first load carries no zod (bench:web).
 */

export const articleStatuses = ['draft', 'review', 'scheduled', 'published', 'archived'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];
export const articleStatusLabels: Record<ArticleStatus, { id: string; en: string }> = {
  draft: { id: 'Draf', en: 'Draft' },
  review: { id: 'Menunggu tinjauan', en: 'In review' },
  scheduled: { id: 'Terjadwal', en: 'Scheduled' },
  published: { id: 'Terbit', en: 'Published' },
  archived: { id: 'Diarsipkan', en: 'Archived' },
};

export const articleCategories = [
  'pemerintahan',
  'pembangunan',
  'kesehatan',
  'pendidikan',
  'ekonomi',
  'sosial',
  'lingkungan',
  'kebencanaan',
  'budaya-pariwisata',
  'olahraga',
] as const;
export type ArticleCategory = (typeof articleCategories)[number];
