import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  duplicateInput,
  messageInput,
  moderationInput,
  ratingInput,
} from '../../../shared/modules/laksa';
import type { Tx } from '../../core/db/client';
import { conflict, invalid, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { checkPhotos } from './intake';
import { notifyFollowers } from './notifications';
import { laksaReport, laksaReportPhoto, laksaReportStep, laksaSupport } from './schema';
import { countFirstResponse, countRating } from './stats';
import { findReport, type ReportRow } from './views';
import { wallKey } from './wall';

type Actor = { id: string; name: string; label: string };
const closed = ['selesai', 'ditolak', 'dialihkan'];

/** A reply in the thread the citizen sees, or an internal note (staff only). Optional before/after photos. */
export async function postMessage(
  tx: Tx,
  regionId: string,
  actor: Actor,
  r: ReportRow,
  input: z.infer<typeof messageInput>,
) {
  if (input.photoIds.length > 0) {
    await checkPhotos(tx, input.photoIds, actor.id);
    await tx
      .insert(laksaReportPhoto)
      .values(
        input.photoIds.map((fileId) => ({
          regionId,
          reportId: r.id,
          fileId,
          stage: input.stage ?? ('before' as const),
        })),
      )
      .onConflictDoNothing();
  }
  const [step] = await tx
    .insert(laksaReportStep)
    .values({
      regionId,
      reportId: r.id,
      kind: input.internal ? 'note' : 'reply',
      actorId: actor.id,
      actorName: actor.name,
      actorLabel: actor.label,
      note: input.body,
      photoIds: input.photoIds,
      visibility: input.internal ? 'internal' : 'reporter',
    })
    .returning({ id: laksaReportStep.id });
  // The first reply counts as the OPD's follow-up (SLA "ditindaklanjuti").
  if (!input.internal && !r.respondedAt && r.status === 'didisposisikan') {
    const now = new Date();
    await tx.update(laksaReport).set({ respondedAt: now }).where(eq(laksaReport.id, r.id));
    await countFirstResponse(tx, regionId, r, now);
  }
  await emitEvent(tx, regionId, {
    type: input.internal ? 'laksa.report.noted' : 'laksa.report.replied',
    permission: input.internal ? 'core:audit.read' : 'core:live.watch',
    actor: { id: actor.id, name: actor.name },
    subject: r.id,
    summary: input.internal
      ? { id: `Catatan internal pada ${r.ticket}`, en: `Internal note on ${r.ticket}` }
      : { id: `Balasan untuk pelapor ${r.ticket}`, en: `Reply to the reporter of ${r.ticket}` },
    data: { ticket: r.ticket, status: r.status },
  });
  if (!input.internal)
    await notifyFollowers(
      tx,
      r,
      { id: `Balasan baru untuk ${r.ticket}`, en: `New reply on ${r.ticket}` },
      input.body,
      actor.id,
    );
  return step!.id;
}

/** The reporter rates a resolved report once (1–5, optional comment). */
export async function rateReport(
  tx: Tx,
  regionId: string,
  userId: string,
  r: ReportRow,
  input: z.infer<typeof ratingInput>,
) {
  if (r.status !== 'selesai')
    throw conflict({
      id: 'Hanya laporan yang sudah selesai yang dapat dinilai.',
      en: 'Only resolved reports can be rated.',
    });
  if (r.rating !== null)
    throw conflict({ id: 'Laporan ini sudah dinilai.', en: 'This report has already been rated.' });
  await tx
    .update(laksaReport)
    .set({ rating: input.rating, ratingComment: input.comment })
    .where(eq(laksaReport.id, r.id));
  await countRating(tx, regionId, r.id, input.rating);
  await tx.insert(laksaReportStep).values({
    regionId,
    reportId: r.id,
    kind: 'rating',
    actorId: userId,
    actorLabel: 'Pelapor',
    note: `${'★'.repeat(input.rating)}${input.comment ? ` — ${input.comment}` : ''}`,
    visibility: 'public',
  });
  await emitEvent(tx, regionId, {
    type: 'laksa.report.rated',
    permission: 'core:live.watch',
    subject: r.id,
    summary: { id: `${r.ticket} dinilai ${input.rating}/5`, en: `${r.ticket} rated ${input.rating}/5` },
    data: { ticket: r.ticket, rating: input.rating, categoryId: r.categoryId },
  });
}

/** +1: the citizen follows an open report instead of filing a duplicate. Idempotent. */
export async function supportReport(tx: Tx, regionId: string, userId: string, r: ReportRow) {
  if (r.confidential || closed.includes(r.status) || r.status === 'menunggu_verifikasi')
    throw conflict({ id: 'Laporan ini tidak dapat didukung.', en: 'This report cannot be supported.' });
  if (r.reporterId === userId)
    throw conflict({ id: 'Ini laporan Anda sendiri.', en: 'This is your own report.' });
  const added = await tx
    .insert(laksaSupport)
    .values({ regionId, reportId: r.id, userId })
    .onConflictDoNothing()
    .returning();
  if (added.length === 0) return r.supportCount;
  const [row] = await tx
    .update(laksaReport)
    .set({ supportCount: sql`${laksaReport.supportCount} + 1` })
    .where(eq(laksaReport.id, r.id))
    .returning({ n: laksaReport.supportCount });
  await emitEvent(tx, regionId, {
    type: 'laksa.report.supported',
    permission: 'core:live.watch',
    subject: r.id,
    summary: { id: `${r.ticket} mendapat dukungan warga`, en: `${r.ticket} got a citizen's support` },
    data: { ticket: r.ticket, supportCount: row!.n },
  });
  return row!.n;
}

/**
 * Marks `r` a duplicate of another report: both are linked, `r` is closed as Ditolak (duplikat),
 * and its reporter and supporters become supporters of the original.
 */
export async function markDuplicate(
  tx: Tx,
  regionId: string,
  actor: Actor,
  r: ReportRow,
  input: z.infer<typeof duplicateInput>,
) {
  const original = await findReport(tx, { ticket: input.ofTicket });
  if (!original)
    throw notFound({
      id: `Laporan ${input.ofTicket} tidak ditemukan.`,
      en: `Report ${input.ofTicket} not found.`,
    });
  if (original.id === r.id || original.duplicateOfId === r.id)
    throw invalid({
      id: 'Laporan tidak dapat menjadi duplikat dirinya sendiri.',
      en: 'A report cannot duplicate itself.',
    });
  if (closed.includes(r.status))
    throw conflict({ id: 'Laporan ini sudah ditutup.', en: 'This report is already closed.' });
  const followers = await tx
    .select({ userId: laksaSupport.userId })
    .from(laksaSupport)
    .where(eq(laksaSupport.reportId, r.id));
  const userIds = [
    ...new Set([...followers.map((f) => f.userId), ...(r.reporterId ? [r.reporterId] : [])]),
  ].filter((u) => u !== original.reporterId);
  const carried = userIds.length
    ? await tx
        .insert(laksaSupport)
        .values(userIds.map((userId) => ({ regionId, reportId: original.id, userId })))
        .onConflictDoNothing()
        .returning()
    : [];
  await tx
    .update(laksaReport)
    .set({ supportCount: sql`${laksaReport.supportCount} + ${carried.length}`, updatedAt: new Date() })
    .where(eq(laksaReport.id, original.id));
  await tx
    .update(laksaReport)
    .set({ duplicateOfId: original.id, status: 'ditolak', updatedAt: new Date() })
    .where(eq(laksaReport.id, r.id));
  const note = `Duplikat dari ${original.ticket}`;
  await tx.insert(laksaReportStep).values([
    {
      regionId,
      reportId: r.id,
      kind: 'duplicate',
      fromStatus: r.status,
      toStatus: 'ditolak',
      actorId: actor.id,
      actorName: actor.name,
      actorLabel: actor.label,
      note,
      visibility: 'public',
    },
    {
      regionId,
      reportId: original.id,
      kind: 'duplicate',
      actorId: actor.id,
      actorName: actor.name,
      actorLabel: actor.label,
      note: `Duplikat: ${r.ticket}`,
      visibility: 'internal',
    },
  ]);
  await emitEvent(tx, regionId, {
    type: 'laksa.report.duplicated',
    permission: 'core:live.watch',
    actor: { id: actor.id, name: actor.name },
    subject: r.id,
    summary: {
      id: `${r.ticket} duplikat dari ${original.ticket}`,
      en: `${r.ticket} duplicates ${original.ticket}`,
    },
    data: {
      ticket: r.ticket,
      of: original.ticket,
      status: 'ditolak',
      carriedSupporters: carried.length,
      wall: { remove: wallKey(r.id) },
    },
  });
  await notifyFollowers(
    tx,
    r,
    {
      id: `Laporan ${r.ticket} digabung ke ${original.ticket}`,
      en: `Report ${r.ticket} merged into ${original.ticket}`,
    },
    note,
    actor.id,
  );
}

/** Hides photos and/or replaces the description (e.g. personal data in it); the original stays for the audit trail. */
export async function moderateReport(
  tx: Tx,
  regionId: string,
  actor: Actor,
  r: ReportRow,
  input: z.infer<typeof moderationInput>,
) {
  if (input.hidePhotoIds.length > 0) {
    const hidden = await tx
      .update(laksaReportPhoto)
      .set({ hiddenAt: new Date() })
      .where(and(eq(laksaReportPhoto.reportId, r.id), inArray(laksaReportPhoto.fileId, input.hidePhotoIds)))
      .returning();
    if (hidden.length !== new Set(input.hidePhotoIds).size)
      throw invalid(
        { id: 'Foto tidak ada pada laporan ini.', en: 'Photo is not part of this report.' },
        { field: 'hidePhotoIds' },
      );
  }
  if (input.description)
    await tx
      .update(laksaReport)
      .set({
        description: input.description,
        originalDescription: r.originalDescription ?? r.description,
        updatedAt: new Date(),
      })
      .where(eq(laksaReport.id, r.id));
  const what = [
    input.hidePhotoIds.length ? `${input.hidePhotoIds.length} foto disembunyikan` : '',
    input.description ? 'teks disunting' : '',
  ]
    .filter(Boolean)
    .join(', ');
  await tx.insert(laksaReportStep).values({
    regionId,
    reportId: r.id,
    kind: 'moderation',
    actorId: actor.id,
    actorName: actor.name,
    actorLabel: actor.label,
    note: `${what}: ${input.reason}`,
    visibility: 'internal',
  });
  await emitEvent(tx, regionId, {
    type: 'laksa.report.moderated',
    actor: { id: actor.id, name: actor.name },
    subject: r.id,
    summary: { id: `${r.ticket} dimoderasi (${what})`, en: `${r.ticket} moderated` },
    data: {
      ticket: r.ticket,
      hiddenPhotos: input.hidePhotoIds,
      redacted: !!input.description,
      reason: input.reason,
    },
  });
}
