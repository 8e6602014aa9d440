import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { disposeInput, incomingInput } from '../../../shared/modules/eoffice';
import { rowsOf, type Tx } from '../../core/db/client';
import { userRole } from '../../core/db/schema';
import { AppError, invalid, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { findFile } from '../../core/files/upload';
import { heldOr403, type Viewer } from './access';
import { findLetter } from './letters';
import { notifyPositions } from './notify';
import { findPosition, uuidArray, withDescendants } from './org';
import { eofficeClassification, eofficeDisposition, eofficeLetter, eofficeRecipient } from './schema';
import { nextAgenda } from './sign';

const conflictOf = (id: string, en: string) => new AppError('CONFLICT', { messages: { id, en } });
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A position disposes a letter it received (or forwards a disposition it was given) to positions
 * below it, with instructions and a deadline. Each recipient may forward down again, reply, or
 * mark it done; the whole tree is visible to everyone up the chain.
 */
export async function dispose(
  tx: Tx,
  regionId: string,
  v: Viewer,
  letterId: string,
  input: z.infer<typeof disposeInput>,
) {
  const letter = await findLetter(tx, letterId);
  const from = heldOr403(v, input.fromPositionId);
  let parentDue: string | null = null;
  if (input.parentId) {
    const [parent] = await tx
      .select()
      .from(eofficeDisposition)
      .where(eq(eofficeDisposition.id, input.parentId));
    if (!parent || parent.letterId !== letterId || parent.toPositionId !== from.positionId)
      throw notFound({ id: 'Disposisi tidak ditemukan.', en: 'Disposition not found.' });
    if (parent.state !== 'open')
      throw conflictOf('Disposisi ini sudah selesai.', 'This disposition is already finished.');
    parentDue = parent.dueOn;
  } else {
    const [received] = await tx
      .select()
      .from(eofficeRecipient)
      .where(and(eq(eofficeRecipient.letterId, letterId), eq(eofficeRecipient.positionId, from.positionId)));
    if (!received?.deliveredAt)
      throw conflictOf(
        'Naskah ini tidak ditujukan ke jabatan Anda.',
        'This letter was not sent to your position.',
      );
  }
  if (input.dueOn && input.dueOn < v.today)
    throw invalid({ id: 'Batas waktu sudah lewat.', en: 'The deadline is in the past.' }, { field: 'dueOn' });
  const below = new Set(
    (await withDescendants(tx, [from.positionId])).filter((id) => id !== from.positionId),
  );
  for (const to of input.to)
    if (!below.has(to))
      throw invalid(
        { id: 'Disposisi hanya ke jabatan di bawah Anda.', en: 'Dispose only to positions below yours.' },
        { field: 'to', positionId: to },
      );
  const rows = await tx
    .insert(eofficeDisposition)
    .values(
      input.to.map((toPositionId) => ({
        regionId,
        letterId,
        parentId: input.parentId,
        fromPositionId: from.positionId,
        toPositionId,
        instructions: input.instructions,
        note: input.note,
        dueOn: input.dueOn ?? parentDue,
        createdBy: v.userId,
      })),
    )
    .returning();
  // The received letter (or the disposition forwarded) is handled by passing it on.
  if (!input.parentId)
    await tx
      .update(eofficeRecipient)
      .set({ doneAt: new Date() })
      .where(
        and(
          eq(eofficeRecipient.letterId, letterId),
          eq(eofficeRecipient.positionId, from.positionId),
          isNull(eofficeRecipient.doneAt),
        ),
      );
  await emitEvent(tx, regionId, {
    type: 'eoffice.disposition.created',
    actor: { id: v.userId, name: v.name },
    summary: {
      id: `Disposisi dari ${from.title} ke ${rows.length} jabatan`,
      en: `Disposition from ${from.title} to ${rows.length} positions`,
    },
    data: { letterId, dispositionIds: rows.map((r) => r.id) },
  });
  await notifyPositions(tx, regionId, v.today, input.to, {
    title: {
      id: `Disposisi${input.dueOn ? ` (batas ${input.dueOn})` : ''}: ${letter.confidentiality === 'biasa' ? letter.subject : '(terbatas)'}`,
      en: `Disposition${input.dueOn ? ` (due ${input.dueOn})` : ''}: ${letter.confidentiality === 'biasa' ? letter.subject : '(restricted)'}`,
    },
    body: input.note || undefined,
    letterId,
    urgent: letter.urgency === 'sangat_segera',
  });
  return rows;
}

/** The recipient of a disposition marks it done, with what was done; its sender hears of it. */
export async function finishDisposition(tx: Tx, regionId: string, v: Viewer, id: string, note: string) {
  const [d] = await tx.select().from(eofficeDisposition).where(eq(eofficeDisposition.id, id));
  if (!d) throw notFound({ id: 'Disposisi tidak ditemukan.', en: 'Disposition not found.' });
  const held = heldOr403(v, d.toPositionId);
  if (d.state !== 'open')
    throw conflictOf('Disposisi ini sudah selesai.', 'This disposition is already finished.');
  const now = new Date();
  await tx
    .update(eofficeDisposition)
    .set({ state: 'done', doneAt: now, doneBy: v.userId, doneNote: note, readAt: d.readAt ?? now })
    .where(eq(eofficeDisposition.id, id));
  await emitEvent(tx, regionId, {
    type: 'eoffice.disposition.finished',
    actor: { id: v.userId, name: v.name },
    summary: { id: `Disposisi diselesaikan ${held.title}`, en: `Disposition finished by ${held.title}` },
    data: {
      letterId: d.letterId,
      dispositionId: id,
      hours: (now.getTime() - d.createdAt.getTime()) / 3_600_000,
    },
    permission: 'eoffice:report',
  });
  await notifyPositions(tx, regionId, v.today, [d.fromPositionId], {
    title: { id: `Disposisi selesai: ${held.title}`, en: `Disposition finished: ${held.title}` },
    body: note,
    letterId: d.letterId,
  });
  return d.letterId;
}

/** A recipient files a letter without disposing it (nothing to do, for information). */
export async function fileLetter(tx: Tx, v: Viewer, letterId: string, positionId: string) {
  heldOr403(v, positionId);
  const [row] = await tx
    .update(eofficeRecipient)
    .set({ doneAt: new Date() })
    .where(and(eq(eofficeRecipient.letterId, letterId), eq(eofficeRecipient.positionId, positionId)))
    .returning();
  if (!row) throw notFound({ id: 'Naskah tidak ditemukan.', en: 'Letter not found.' });
}

/** Opening a letter is its read receipt, for every position the viewer holds on it. */
export async function markRead(tx: Tx, v: Viewer, letterId: string) {
  const mine = v.held.map((h) => h.positionId);
  if (!mine.length) return;
  const now = new Date();
  await tx
    .update(eofficeRecipient)
    .set({ readAt: now, readBy: v.userId })
    .where(
      and(
        eq(eofficeRecipient.letterId, letterId),
        inArray(eofficeRecipient.positionId, mine),
        isNull(eofficeRecipient.readAt),
      ),
    );
  await tx
    .update(eofficeDisposition)
    .set({ readAt: now })
    .where(
      and(
        eq(eofficeDisposition.letterId, letterId),
        inArray(eofficeDisposition.toPositionId, mine),
        isNull(eofficeDisposition.readAt),
      ),
    );
}

/** Whether the viewer may register incoming letters for an office: its secretariat, its OPD admin, the region admin. */
async function mayRegister(tx: Tx, v: Viewer, opdId: string) {
  const secretariat = rowsOf<{ ok: boolean }>(
    await tx.execute(sql`select exists (select 1 from eoffice_position p where p.opd_id = ${opdId} and p.registers_incoming
      and p.id = any(${uuidArray(v.held.map((h) => h.positionId))})) as ok`),
  )[0]?.ok;
  if (secretariat) return true;
  const roles = await tx.select().from(userRole).where(eq(userRole.userId, v.userId));
  return roles.some((r) => r.role === 'region_admin' || (r.role === 'opd_admin' && r.opdId === opdId));
}

/** The secretariat registers a letter from outside (scan upload), with the office's agenda number. */
export async function registerIncoming(
  tx: Tx,
  regionId: string,
  v: Viewer,
  input: z.infer<typeof incomingInput>,
) {
  const to = await findPosition(tx, input.toPositionId);
  if (!(await mayRegister(tx, v, to.opdId)))
    throw new AppError('FORBIDDEN', {
      messages: {
        id: 'Hanya sekretariat OPD tujuan yang mencatat surat masuknya.',
        en: "Only the receiving office's secretariat registers its incoming letters.",
      },
    });
  const [cls] = await tx
    .select()
    .from(eofficeClassification)
    .where(eq(eofficeClassification.code, input.classificationCode));
  if (!cls)
    throw invalid(
      { id: 'Kode klasifikasi tidak dikenal.', en: 'Unknown classification code.' },
      { field: 'classificationCode' },
    );
  if (input.scanFileId) {
    const file = await findFile(tx, input.scanFileId);
    if (!file || file.ownerId !== v.userId || file.mime !== 'application/pdf')
      throw invalid(
        { id: 'Pindaian harus PDF yang Anda unggah.', en: 'The scan must be a PDF you uploaded.' },
        { field: 'scanFileId' },
      );
  }
  const [office] = rowsOf<{ code: string }>(
    await tx.execute(sql`select code from opd where id = ${to.opdId}`),
  );
  const [row] = await tx
    .insert(eofficeLetter)
    .values({
      regionId,
      direction: 'in',
      type: 'surat_dinas',
      status: 'registered',
      opdId: to.opdId,
      fromPositionId: null,
      authorId: v.userId,
      subject: input.subject,
      body: input.summary ? `<p>${escapeHtml(input.summary)}</p>` : '',
      bodyText: input.summary,
      classificationCode: input.classificationCode,
      urgency: input.urgency,
      confidentiality: input.confidentiality,
      senderName: input.senderName,
      senderNumber: input.senderNumber,
      senderDate: input.senderDate,
      receivedOn: input.receivedOn,
      dated: input.receivedOn,
      attachmentIds: input.scanFileId ? [input.scanFileId] : [],
    })
    .returning();
  if (!row) throw new Error('eoffice_letter insert returned nothing');
  const agendaNumber = await nextAgenda(tx, regionId, office!.code, Number(input.receivedOn.slice(0, 4)));
  await tx.insert(eofficeRecipient).values({
    regionId,
    letterId: row.id,
    kind: 'to',
    positionId: to.id,
    agendaNumber,
    deliveredAt: new Date(),
  });
  await emitEvent(tx, regionId, {
    type: 'eoffice.letter.registered',
    actor: { id: v.userId, name: v.name },
    summary: {
      id: `Surat masuk dicatat (${agendaNumber})`,
      en: `Incoming letter registered (${agendaNumber})`,
    },
    data: { letterId: row.id, agendaNumber, opd: office!.code },
    permission: 'eoffice:report',
  });
  await notifyPositions(tx, regionId, v.today, [to.id], {
    title: {
      id: `Surat masuk dari ${input.senderName}: ${input.confidentiality === 'biasa' ? input.subject : '(terbatas)'}`,
      en: `Letter from ${input.senderName}: ${input.confidentiality === 'biasa' ? input.subject : '(restricted)'}`,
    },
    letterId: row.id,
    urgent: input.urgency === 'sangat_segera',
  });
  return row;
}
