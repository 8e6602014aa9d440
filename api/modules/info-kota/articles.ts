import { and, count, desc, eq, ilike, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { TimeZoneName } from '../../../shared/indonesia';
import type {
  ArticleStatus,
  articleInput,
  articleUpdateInput,
  DeskArticleView,
  deskListQuery,
  RevisionView,
} from '../../../shared/modules/info-kota';
import { articleStatuses } from '../../../shared/modules/info-kota';
import type { Tx } from '../../core/db/client';
import { opd, storedFile } from '../../core/db/schema';
import { conflict, forbidden, invalid, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { notify } from '../../core/notifications/notify';
import { type Actor, type Desk, localToInstant } from './desk';
import { bodyFileIds, plainText, sanitizeBody } from './sanitize';
import { ikArticle, ikArticleFile, ikRevision } from './schema';

export type ArticleRow = typeof ikArticle.$inferSelect;
type Input = z.infer<typeof articleInput>;
type UpdateInput = z.infer<typeof articleUpdateInput>;

/** Published articles are public: their events may show on the LIVE Room wall. */
const WALL = 'core:live.watch';
const articleNotFound = () => notFound({ id: 'Berita tidak ditemukan.', en: 'Article not found.' });
const wrongState = (status: ArticleStatus) =>
  conflict(
    {
      id: `Tindakan ini tidak bisa dilakukan pada berita berstatus "${status}".`,
      en: `This action is not possible on an article in state "${status}".`,
    },
    { status },
  );

export const articlePath = (slug: string) => `/layanan/info-kota/berita/${slug}`;
export const fileUrl = (id: string | null, basePath = '') => (id ? `${basePath}/api/files/${id}` : null);

/** `Banjir di Ciledug: 3 RW Tergenang!` → `banjir-di-ciledug-3-rw-tergenang`. */
export function slugify(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return s.length >= 3 ? s : `berita-${s || 'baru'}`;
}

async function freeSlug(tx: Tx, base: string, exceptId?: string): Promise<string> {
  const taken = await tx
    .select({ slug: ikArticle.slug, id: ikArticle.id })
    .from(ikArticle)
    .where(or(eq(ikArticle.slug, base), sql`${ikArticle.slug} like ${`${base}-%`}`));
  const used = new Set(taken.filter((t) => t.id !== exceptId).map((t) => t.slug));
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}

// ---------- who may do what ----------

/** A writer sees and edits articles of their OPD (or their own); an editor sees every article. */
function mayOpen(desk: Desk, a: ArticleRow): boolean {
  return desk.editor || a.authorId === desk.actor.id || (a.opdId !== null && desk.opdIds.includes(a.opdId));
}

export function permitted(desk: Desk, a: ArticleRow) {
  const open = mayOpen(desk, a);
  return {
    edit: open && (desk.editor ? a.status !== 'archived' : a.status === 'draft'),
    submit: open && a.status === 'draft',
    return: desk.editor && (a.status === 'review' || a.status === 'scheduled'),
    publish: desk.editor && ['draft', 'review', 'scheduled'].includes(a.status),
    archive: desk.editor && a.status !== 'archived',
  };
}

function must(ok: boolean) {
  if (!ok) throw forbidden();
}

async function findOpen(tx: Tx, desk: Desk, id: string, lock = false): Promise<ArticleRow> {
  const q = tx.select().from(ikArticle).where(eq(ikArticle.id, id));
  const [a] = lock ? await q.for('update') : await q;
  // Another OPD's draft is not for this writer to know about.
  if (!a || !mayOpen(desk, a)) throw articleNotFound();
  return a;
}

// ---------- views ----------

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function opdNames(tx: Tx): Promise<Map<string, string>> {
  const rows = await tx.select({ id: opd.id, name: opd.shortName }).from(opd);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function deskView(a: ArticleRow, desk: Desk, names: Map<string, string>): DeskArticleView {
  return {
    id: a.id,
    slug: a.slug,
    title: a.title,
    summary: a.summary,
    bodyHtml: a.bodyHtml,
    category: a.category,
    tags: a.tags,
    coverFileId: a.coverFileId,
    coverUrl: fileUrl(a.coverFileId),
    coverCaption: a.coverCaption,
    opdId: a.opdId,
    opdName: a.opdId ? (names.get(a.opdId) ?? null) : null,
    authorName: a.authorName,
    status: a.status,
    reviewNote: a.reviewNote,
    seoTitle: a.seoTitle,
    seoDescription: a.seoDescription,
    publishAt: iso(a.publishAt),
    publishedAt: iso(a.publishedAt),
    updatedAt: a.updatedAt.toISOString(),
    version: a.version,
    can: permitted(desk, a),
  };
}

// ---------- revisions ----------

const CONTENT_FIELDS = [
  'title',
  'slug',
  'summary',
  'bodyHtml',
  'category',
  'tags',
  'coverFileId',
  'coverCaption',
  'opdId',
  'seoTitle',
  'seoDescription',
] as const;
const snapshot = (a: ArticleRow) => Object.fromEntries(CONTENT_FIELDS.map((f) => [f, a[f]]));

async function record(
  tx: Tx,
  a: ArticleRow,
  actor: Actor | null,
  action: string,
  fields: string[] = [],
  note: string | null = null,
) {
  const [last] = await tx
    .select({ seq: sql<number>`coalesce(max(${ikRevision.seq}), 0)::int` })
    .from(ikRevision)
    .where(eq(ikRevision.articleId, a.id));
  await tx.insert(ikRevision).values({
    regionId: a.regionId,
    articleId: a.id,
    version: a.version,
    seq: (last?.seq ?? 0) + 1,
    action,
    actorId: actor?.id ?? null,
    actorName: actor?.name ?? 'Sistem',
    fields,
    note,
    snapshot: snapshot(a),
  });
}

export async function revisionsOf(tx: Tx, articleId: string): Promise<RevisionView[]> {
  const rows = await tx
    .select()
    .from(ikRevision)
    .where(eq(ikRevision.articleId, articleId))
    .orderBy(desc(ikRevision.seq));
  return rows.map((r) => ({
    version: r.version,
    action: r.action,
    actorName: r.actorName,
    at: r.at.toISOString(),
    fields: r.fields,
    note: r.note,
  }));
}

// ---------- files the article shows ----------

async function checkFiles(tx: Tx, ids: string[]) {
  if (ids.length === 0) return;
  const found = await tx.select({ id: storedFile.id }).from(storedFile).where(inArray(storedFile.id, ids));
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length)
    throw invalid(
      { id: 'Gambar tidak ditemukan; unggah ulang.', en: 'Image not found; upload it again.' },
      { missing },
    );
}

async function linkFiles(tx: Tx, a: ArticleRow) {
  const ids = [...new Set([...(a.coverFileId ? [a.coverFileId] : []), ...bodyFileIds(a.bodyHtml)])];
  await tx.delete(ikArticleFile).where(eq(ikArticleFile.articleId, a.id));
  if (ids.length)
    await tx
      .insert(ikArticleFile)
      .values(ids.map((fileId) => ({ regionId: a.regionId, articleId: a.id, fileId })))
      .onConflictDoNothing();
}

/** An article image (cover or body) is public once its article is published; staff at the desk see drafts. */
export async function articleFileAccess(
  tx: Tx,
  fileId: string,
  canSeeDrafts: boolean,
): Promise<boolean | null> {
  const rows = await tx
    .select({ status: ikArticle.status })
    .from(ikArticleFile)
    .innerJoin(
      ikArticle,
      and(eq(ikArticle.regionId, ikArticleFile.regionId), eq(ikArticle.id, ikArticleFile.articleId)),
    )
    .where(eq(ikArticleFile.fileId, fileId));
  if (rows.length === 0) return null;
  return canSeeDrafts || rows.some((r) => r.status === 'published');
}

// ---------- use cases ----------

function opdFor(desk: Desk, wanted: string | null | undefined): string | null {
  if (wanted === undefined) return desk.opdIds[0] ?? null;
  if (wanted !== null && !desk.editor && !desk.opdIds.includes(wanted)) throw forbidden();
  if (wanted === null && !desk.editor && desk.opdIds.length > 0) return desk.opdIds[0]!;
  return wanted;
}

export async function createArticle(tx: Tx, regionId: string, desk: Desk, input: Input) {
  must(desk.writer);
  const bodyHtml = sanitizeBody(input.bodyHtml);
  await checkFiles(tx, [...(input.coverFileId ? [input.coverFileId] : []), ...bodyFileIds(bodyHtml)]);
  const opdId = opdFor(desk, input.opdId);
  const slug = await freeSlug(tx, input.slug ?? slugify(input.title));
  const [a] = await tx
    .insert(ikArticle)
    .values({
      regionId,
      slug,
      title: input.title,
      summary: input.summary,
      bodyHtml,
      category: input.category,
      tags: [...new Set(input.tags)],
      coverFileId: input.coverFileId ?? null,
      coverCaption: input.coverCaption ?? null,
      opdId,
      authorId: desk.actor.id,
      authorName: desk.actor.name,
      seoTitle: input.seoTitle ?? null,
      seoDescription: input.seoDescription ?? null,
    })
    .returning();
  await linkFiles(tx, a!);
  await record(tx, a!, desk.actor, 'created', [...CONTENT_FIELDS]);
  await emitEvent(tx, regionId, {
    type: 'info-kota.article.created',
    actor: desk.actor,
    subject: a!.id,
    summary: { id: `Draf berita dibuat: ${a!.title}`, en: `Article drafted: ${a!.title}` },
    data: { slug: a!.slug },
  });
  return deskView(a!, desk, await opdNames(tx));
}

export async function updateArticle(tx: Tx, regionId: string, desk: Desk, id: string, input: UpdateInput) {
  const a = await findOpen(tx, desk, id, true);
  must(permitted(desk, a).edit);
  if (input.version !== a.version)
    throw conflict(
      {
        id: 'Berita ini sudah diubah orang lain. Muat ulang dulu.',
        en: 'Someone else changed this article. Reload it first.',
      },
      { version: a.version },
    );
  const next: Partial<ArticleRow> = {};
  if (input.title !== undefined) next.title = input.title;
  if (input.summary !== undefined) next.summary = input.summary;
  if (input.bodyHtml !== undefined) next.bodyHtml = sanitizeBody(input.bodyHtml);
  if (input.category !== undefined) next.category = input.category;
  if (input.tags !== undefined) next.tags = [...new Set(input.tags)];
  if (input.coverFileId !== undefined) next.coverFileId = input.coverFileId;
  if (input.coverCaption !== undefined) next.coverCaption = input.coverCaption;
  if (input.seoTitle !== undefined) next.seoTitle = input.seoTitle;
  if (input.seoDescription !== undefined) next.seoDescription = input.seoDescription;
  if (input.opdId !== undefined) next.opdId = opdFor(desk, input.opdId);
  if (input.slug !== undefined && input.slug !== a.slug) {
    // A published link must keep working.
    if (a.publishedAt)
      throw conflict({
        id: 'Slug berita yang pernah terbit tidak bisa diubah.',
        en: 'The slug of an article that was published cannot change.',
      });
    next.slug = await freeSlug(tx, input.slug, a.id);
  }
  const changed = (Object.keys(next) as (keyof ArticleRow)[]).filter(
    (k) => JSON.stringify(next[k]) !== JSON.stringify(a[k]),
  );
  if (changed.length === 0) return deskView(a, desk, await opdNames(tx));
  await checkFiles(tx, [
    ...(next.coverFileId ? [next.coverFileId] : []),
    ...(next.bodyHtml ? bodyFileIds(next.bodyHtml) : []),
  ]);
  const [u] = await tx
    .update(ikArticle)
    .set({ ...next, version: a.version + 1, updatedAt: new Date() })
    .where(eq(ikArticle.id, a.id))
    .returning();
  await linkFiles(tx, u!);
  await record(tx, u!, desk.actor, 'edited', changed);
  await emitEvent(tx, regionId, {
    type: 'info-kota.article.edited',
    actor: desk.actor,
    subject: a.id,
    summary: { id: `Berita diubah: ${u!.title}`, en: `Article edited: ${u!.title}` },
    data: { fields: changed },
  });
  return deskView(u!, desk, await opdNames(tx));
}

async function transition(
  tx: Tx,
  a: ArticleRow,
  set: Partial<ArticleRow>,
  actor: Actor | null,
  action: string,
  note: string | null = null,
) {
  const [u] = await tx
    .update(ikArticle)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(ikArticle.id, a.id))
    .returning();
  await record(tx, u!, actor, action, [], note);
  return u!;
}

export async function submitArticle(tx: Tx, regionId: string, desk: Desk, id: string) {
  const a = await findOpen(tx, desk, id, true);
  if (!permitted(desk, a).submit) {
    if (a.status !== 'draft') throw wrongState(a.status);
    throw forbidden();
  }
  if (plainText(a.bodyHtml).length < 20)
    throw invalid({ id: 'Isi berita masih kosong.', en: 'The article has no body yet.' });
  const u = await transition(tx, a, { status: 'review', reviewNote: null }, desk.actor, 'submitted');
  await emitEvent(tx, regionId, {
    type: 'info-kota.article.submitted',
    actor: desk.actor,
    subject: a.id,
    summary: { id: `Berita diajukan untuk ditinjau: ${a.title}`, en: `Article sent for review: ${a.title}` },
  });
  return deskView(u, desk, await opdNames(tx));
}

export async function returnArticle(tx: Tx, regionId: string, desk: Desk, id: string, note: string) {
  const a = await findOpen(tx, desk, id, true);
  must(desk.editor);
  if (!permitted(desk, a).return) throw wrongState(a.status);
  const u = await transition(
    tx,
    a,
    { status: 'draft', reviewNote: note, publishAt: null },
    desk.actor,
    'returned',
    note,
  );
  await emitEvent(tx, regionId, {
    type: 'info-kota.article.returned',
    actor: desk.actor,
    subject: a.id,
    summary: {
      id: `Berita dikembalikan ke penulis: ${a.title}`,
      en: `Article returned to its writer: ${a.title}`,
    },
  });
  return deskView(u, desk, await opdNames(tx));
}

/** Publishes now (or schedules for a future local time in the region's zone). */
export async function publishArticle(
  tx: Tx,
  regionId: string,
  desk: Desk,
  id: string,
  publishAt: string | null | undefined,
  zone: TimeZoneName,
  now = new Date(),
) {
  const a = await findOpen(tx, desk, id, true);
  must(desk.editor);
  if (!permitted(desk, a).publish) throw wrongState(a.status);
  if (plainText(a.bodyHtml).length < 20)
    throw invalid({ id: 'Isi berita masih kosong.', en: 'The article has no body yet.' });
  const at = publishAt ? localToInstant(publishAt, zone) : null;
  if (at && at.getTime() > now.getTime()) {
    const u = await transition(
      tx,
      a,
      { status: 'scheduled', publishAt: at, reviewNote: null },
      desk.actor,
      'scheduled',
    );
    await emitEvent(tx, regionId, {
      type: 'info-kota.article.scheduled',
      actor: desk.actor,
      subject: a.id,
      summary: { id: `Berita dijadwalkan: ${a.title}`, en: `Article scheduled: ${a.title}` },
      data: { publishAt: at.toISOString() },
    });
    return deskView(u, desk, await opdNames(tx));
  }
  // No time, or a time already past: out at once.
  const u = await goLive(tx, regionId, a, desk.actor, now);
  return deskView(u, desk, await opdNames(tx));
}

/** The one way an article goes public: by an editor's hand or the publish task. */
async function goLive(tx: Tx, regionId: string, a: ArticleRow, actor: Actor | null, now: Date) {
  const u = await transition(
    tx,
    a,
    { status: 'published', publishedAt: a.publishedAt ?? now, publishAt: null, reviewNote: null },
    actor,
    'published',
  );
  await emitEvent(tx, regionId, {
    type: 'info-kota.article.published',
    permission: WALL,
    actor: actor ?? undefined,
    subject: a.id,
    summary: { id: `Berita terbit: ${a.title}`, en: `Article published: ${a.title}` },
    data: { slug: a.slug, category: a.category },
  });
  if (!a.notifiedAt) {
    const summary = a.summary || plainText(a.bodyHtml).slice(0, 140);
    await notify(tx, regionId, {
      topic: 'info-kota.news',
      title: { id: a.title, en: a.title },
      body: summary ? { id: summary, en: summary } : null,
      url: articlePath(a.slug),
      to: { broadcast: true },
    });
    await tx.update(ikArticle).set({ notifiedAt: now }).where(eq(ikArticle.id, a.id));
  }
  return u;
}

export async function archiveArticle(tx: Tx, regionId: string, desk: Desk, id: string) {
  const a = await findOpen(tx, desk, id, true);
  must(desk.editor);
  if (!permitted(desk, a).archive) throw wrongState(a.status);
  const u = await transition(tx, a, { status: 'archived', publishAt: null }, desk.actor, 'archived');
  await emitEvent(tx, regionId, {
    type: 'info-kota.article.archived',
    permission: a.status === 'published' ? WALL : undefined,
    actor: desk.actor,
    subject: a.id,
    summary: { id: `Berita diarsipkan: ${a.title}`, en: `Article archived: ${a.title}` },
  });
  return deskView(u, desk, await opdNames(tx));
}

/** The publish task: every scheduled article whose time has come goes live. */
export async function publishDue(tx: Tx, regionId: string, now = new Date()): Promise<number> {
  const due = await tx
    .select()
    .from(ikArticle)
    .where(and(eq(ikArticle.status, 'scheduled'), lte(ikArticle.publishAt, now)))
    .orderBy(ikArticle.publishAt)
    .limit(100)
    .for('update', { skipLocked: true });
  for (const a of due) await goLive(tx, regionId, a, null, now);
  return due.length;
}

export async function getDeskArticle(tx: Tx, desk: Desk, id: string) {
  if (!desk.writer) throw forbidden();
  const a = await findOpen(tx, desk, id);
  return { ...deskView(a, desk, await opdNames(tx)), revisions: await revisionsOf(tx, a.id) };
}

export async function listDesk(tx: Tx, desk: Desk, query: z.infer<typeof deskListQuery>) {
  if (!desk.writer) throw forbidden();
  const visible: SQL | undefined = desk.editor
    ? undefined
    : or(
        eq(ikArticle.authorId, desk.actor.id),
        desk.opdIds.length ? inArray(ikArticle.opdId, desk.opdIds) : undefined,
      );
  const search = query.q
    ? ilike(ikArticle.title, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    : undefined;
  const rows = await tx
    .select()
    .from(ikArticle)
    .where(and(visible, search, query.status ? eq(ikArticle.status, query.status) : undefined))
    .orderBy(desc(ikArticle.updatedAt))
    .limit(200);
  const counted = await tx
    .select({ status: ikArticle.status, n: count() })
    .from(ikArticle)
    .where(and(visible, search))
    .groupBy(ikArticle.status);
  const counts = Object.fromEntries(articleStatuses.map((s) => [s, 0])) as Record<ArticleStatus, number>;
  for (const c of counted) counts[c.status] = Number(c.n);
  const names = await opdNames(tx);
  return {
    items: rows.map((a) => {
      const { bodyHtml: _, ...row } = deskView(a, desk, names);
      return row;
    }),
    counts,
  };
}
