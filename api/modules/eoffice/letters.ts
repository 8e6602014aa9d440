import { and, eq } from 'drizzle-orm';
import type { DraftInput } from '../../../shared/modules/eoffice';
import type { Tx } from '../../core/db/client';
import { AppError, invalid, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { findFile } from '../../core/files/upload';
import { heldOr403, type Viewer } from './access';
import { bodyText, sanitizeBody } from './body';
import { notifyPositions } from './notify';
import { ancestors, findPosition } from './org';
import { eofficeClassification, eofficeLetter, eofficeRecipient, eofficeReview } from './schema';

export type LetterRow = typeof eofficeLetter.$inferSelect;

const notAllowed = (id: string, en: string) => new AppError('CONFLICT', { messages: { id, en } });

export async function findLetter(tx: Tx, id: string): Promise<LetterRow> {
  const [row] = await tx.select().from(eofficeLetter).where(eq(eofficeLetter.id, id));
  if (!row) throw notFound({ id: 'Naskah tidak ditemukan.', en: 'Letter not found.' });
  return row;
}

async function checkClassification(tx: Tx, code: string) {
  const [row] = await tx.select().from(eofficeClassification).where(eq(eofficeClassification.code, code));
  if (!row)
    throw invalid(
      {
        id: `Kode klasifikasi ${code} tidak ada di daftar daerah.`,
        en: `Classification ${code} is not in the region's list.`,
      },
      { field: 'classificationCode' },
    );
}

/** Attachments are PDFs the author uploaded through /api/files/documents. */
async function checkAttachments(tx: Tx, userId: string, ids: readonly string[]) {
  for (const id of ids) {
    const file = await findFile(tx, id);
    if (!file || file.ownerId !== userId || file.mime !== 'application/pdf')
      throw invalid(
        { id: 'Lampiran harus PDF yang Anda unggah sendiri.', en: 'Attachments must be PDFs you uploaded.' },
        { field: 'attachmentIds', id },
      );
  }
}

/** The reviewers of a draft: as given, or the drafter's superiors up to (not including) the signer. */
async function reviewChain(tx: Tx, input: DraftInput): Promise<string[]> {
  if (input.reviewers.length) return input.reviewers.filter((id) => id !== input.signerPositionId);
  const above = await ancestors(tx, input.fromPositionId);
  const i = above.findIndex((a) => a.id === input.signerPositionId);
  return i < 0 ? [] : above.slice(0, i).map((a) => a.id);
}

async function writeRecipients(tx: Tx, regionId: string, letterId: string, input: DraftInput) {
  await tx.delete(eofficeRecipient).where(eq(eofficeRecipient.letterId, letterId));
  const rows = [
    ...input.to.map((positionId) => ({ kind: 'to' as const, positionId })),
    ...input.cc
      .filter((id) => !input.to.includes(id))
      .map((positionId) => ({ kind: 'cc' as const, positionId })),
    ...input.external.map((e) => ({
      kind: 'external' as const,
      externalName: e.name,
      externalEmail: e.email,
    })),
  ];
  for (const r of rows) if (r.kind !== 'external') await findPosition(tx, r.positionId);
  if (rows.length) await tx.insert(eofficeRecipient).values(rows.map((r) => ({ regionId, letterId, ...r })));
}

async function draftValues(tx: Tx, v: Viewer, input: DraftInput) {
  const from = heldOr403(v, input.fromPositionId);
  const signer = await findPosition(tx, input.signerPositionId);
  await checkClassification(tx, input.classificationCode);
  await checkAttachments(tx, v.userId, input.attachmentIds);
  for (const id of input.reviewers) await findPosition(tx, id);
  if (input.refersToId) await findLetter(tx, input.refersToId);
  const html = sanitizeBody(input.body);
  if (!bodyText(html))
    throw invalid({ id: 'Isi naskah masih kosong.', en: 'The letter has no text.' }, { field: 'body' });
  if (!input.to.length && !input.external.length)
    throw invalid(
      { id: 'Tentukan paling sedikit satu tujuan.', en: 'Add at least one recipient.' },
      { field: 'to' },
    );
  return {
    type: input.type,
    // The number, agenda and archive belong to the signing office.
    opdId: signer.opdId,
    fromPositionId: from.positionId,
    subject: input.subject,
    body: html,
    bodyText: bodyText(html),
    classificationCode: input.classificationCode,
    urgency: input.urgency,
    confidentiality: input.confidentiality,
    signerPositionId: signer.id,
    attachmentIds: input.attachmentIds,
    refersToId: input.refersToId,
  };
}

export async function createDraft(tx: Tx, regionId: string, v: Viewer, input: DraftInput) {
  const values = await draftValues(tx, v, input);
  const [row] = await tx
    .insert(eofficeLetter)
    .values({ regionId, direction: 'out', status: 'draft', authorId: v.userId, ...values })
    .returning();
  if (!row) throw new Error('eoffice_letter insert returned nothing');
  await writeRecipients(tx, regionId, row.id, input);
  await saveChain(
    tx,
    regionId,
    row.id,
    row.round,
    await reviewChain(tx, input),
    values.signerPositionId,
    false,
  );
  await emitEvent(tx, regionId, {
    type: 'eoffice.letter.drafted',
    actor: { id: v.userId, name: v.name },
    summary: { id: 'Konsep naskah dibuat', en: 'Letter drafted' },
    data: { letterId: row.id },
  });
  return row;
}

/** Only the drafting position edits, and only a draft or a returned one. */
function requireEditable(letter: LetterRow, v: Viewer) {
  if (letter.direction !== 'out' || (letter.status !== 'draft' && letter.status !== 'returned'))
    throw notAllowed(
      'Naskah ini sedang direviu atau sudah ditandatangani; koreksi dibuat sebagai naskah baru.',
      'This letter is under review or signed; a correction is a new letter.',
    );
  heldOr403(v, letter.fromPositionId ?? '');
}

export async function updateDraft(tx: Tx, regionId: string, v: Viewer, id: string, input: DraftInput) {
  const letter = await findLetter(tx, id);
  requireEditable(letter, v);
  const values = await draftValues(tx, v, input);
  await tx
    .update(eofficeLetter)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(eofficeLetter.id, id));
  await writeRecipients(tx, regionId, id, input);
  // A returned draft's next round is planned apart, so the returned round keeps its comments.
  await saveChain(
    tx,
    regionId,
    id,
    nextRound(letter),
    await reviewChain(tx, input),
    values.signerPositionId,
    false,
  );
}

/** The round a submission starts: the same for a fresh draft, the next one after a return. */
const nextRound = (letter: LetterRow) => (letter.status === 'returned' ? letter.round + 1 : letter.round);

export async function discardDraft(tx: Tx, v: Viewer, id: string) {
  const letter = await findLetter(tx, id);
  requireEditable(letter, v);
  await tx.delete(eofficeReview).where(eq(eofficeReview.letterId, id));
  await tx.delete(eofficeRecipient).where(eq(eofficeRecipient.letterId, id));
  await tx.delete(eofficeLetter).where(eq(eofficeLetter.id, id));
}

/** The chain of one round as data: paraf by each reviewer in order, then the signature. */
async function saveChain(
  tx: Tx,
  regionId: string,
  letterId: string,
  round: number,
  reviewers: readonly string[],
  signer: string,
  start: boolean,
) {
  await tx
    .delete(eofficeReview)
    .where(and(eq(eofficeReview.letterId, letterId), eq(eofficeReview.round, round)));
  const steps = [
    ...reviewers.map((positionId) => ({ positionId, role: 'paraf' as const })),
    { positionId: signer, role: 'sign' as const },
  ];
  await tx.insert(eofficeReview).values(
    steps.map((s, i) => ({
      regionId,
      letterId,
      round,
      seq: i + 1,
      ...s,
      state: start && i === 0 ? ('pending' as const) : ('waiting' as const),
      pendingSince: start && i === 0 ? new Date() : null,
    })),
  );
  return steps[0]!.positionId;
}

const chainOf = (tx: Tx, letterId: string, round: number) =>
  tx
    .select()
    .from(eofficeReview)
    .where(and(eq(eofficeReview.letterId, letterId), eq(eofficeReview.round, round)))
    .orderBy(eofficeReview.seq);
const currentChain = (tx: Tx, letter: LetterRow) => chainOf(tx, letter.id, letter.round);

/** Sends a draft (or a returned one, as a new round) up its chain. */
export async function submitDraft(tx: Tx, regionId: string, v: Viewer, id: string) {
  const letter = await findLetter(tx, id);
  requireEditable(letter, v);
  const round = nextRound(letter);
  let planned = await chainOf(tx, id, round);
  if (!planned.length) planned = await chainOf(tx, id, letter.round);
  const reviewers = planned.filter((s) => s.role === 'paraf').map((s) => s.positionId);
  const first = await saveChain(tx, regionId, id, round, reviewers, letter.signerPositionId!, true);
  await tx
    .update(eofficeLetter)
    .set({ status: 'review', round, updatedAt: new Date() })
    .where(eq(eofficeLetter.id, id));
  await emitEvent(tx, regionId, {
    type: 'eoffice.letter.submitted',
    actor: { id: v.userId, name: v.name },
    summary: { id: 'Konsep naskah diajukan untuk diparaf', en: 'Letter sent for review' },
    data: { letterId: id, round },
  });
  await notifyPositions(tx, regionId, v.today, [first], {
    title: { id: `Perlu paraf/tanda tangan: ${letter.subject}`, en: `To review: ${letter.subject}` },
    letterId: id,
  });
}

/** The step waiting for the viewer, or 409/403. */
async function pendingStep(tx: Tx, letter: LetterRow, v: Viewer, role?: 'paraf' | 'sign') {
  if (letter.status !== 'review')
    throw notAllowed('Naskah ini tidak sedang menunggu reviu.', 'This letter is not awaiting review.');
  const chain = await currentChain(tx, letter);
  const step = chain.find((s) => s.state === 'pending');
  if (!step) throw notAllowed('Tidak ada langkah yang menunggu.', 'No step is waiting.');
  const held = heldOr403(v, step.positionId);
  if (role && step.role !== role)
    throw notAllowed(
      step.role === 'sign'
        ? 'Langkah ini adalah tanda tangan, bukan paraf.'
        : 'Naskah ini masih menunggu paraf.',
      step.role === 'sign'
        ? 'This step is the signature, not an initial.'
        : 'This letter still awaits initials.',
    );
  return { step, chain, held };
}

export async function initial(tx: Tx, regionId: string, v: Viewer, id: string, comment: string) {
  const letter = await findLetter(tx, id);
  const { step, chain, held } = await pendingStep(tx, letter, v, 'paraf');
  const now = new Date();
  await tx
    .update(eofficeReview)
    .set({
      state: 'initialed',
      actedBy: v.userId,
      actedByName: v.name,
      actedAs: held.kind,
      actedAt: now,
      comment: comment || null,
    })
    .where(
      and(
        eq(eofficeReview.letterId, id),
        eq(eofficeReview.round, letter.round),
        eq(eofficeReview.seq, step.seq),
      ),
    );
  const next = chain.find((s) => s.seq === step.seq + 1)!;
  await tx
    .update(eofficeReview)
    .set({ state: 'pending', pendingSince: now })
    .where(
      and(
        eq(eofficeReview.letterId, id),
        eq(eofficeReview.round, letter.round),
        eq(eofficeReview.seq, next.seq),
      ),
    );
  await tx.update(eofficeLetter).set({ updatedAt: now }).where(eq(eofficeLetter.id, id));
  await emitEvent(tx, regionId, {
    type: 'eoffice.letter.initialed',
    actor: { id: v.userId, name: v.name },
    summary: { id: `Naskah diparaf ${held.title}`, en: `Letter initialed by ${held.title}` },
    data: { letterId: id, positionId: held.positionId, as: held.kind },
  });
  await notifyPositions(tx, regionId, v.today, [next.positionId], {
    title: {
      id: `Perlu ${next.role === 'sign' ? 'tanda tangan' : 'paraf'}: ${letter.subject}`,
      en: `To ${next.role === 'sign' ? 'sign' : 'review'}: ${letter.subject}`,
    },
    letterId: id,
  });
}

/** Any step may return the draft to its author with a comment; the round ends there. */
export async function returnDraft(tx: Tx, regionId: string, v: Viewer, id: string, comment: string) {
  const letter = await findLetter(tx, id);
  const { step, held } = await pendingStep(tx, letter, v);
  const now = new Date();
  await tx
    .update(eofficeReview)
    .set({
      state: 'returned',
      actedBy: v.userId,
      actedByName: v.name,
      actedAs: held.kind,
      actedAt: now,
      comment,
    })
    .where(
      and(
        eq(eofficeReview.letterId, id),
        eq(eofficeReview.round, letter.round),
        eq(eofficeReview.seq, step.seq),
      ),
    );
  await tx.update(eofficeLetter).set({ status: 'returned', updatedAt: now }).where(eq(eofficeLetter.id, id));
  await emitEvent(tx, regionId, {
    type: 'eoffice.letter.returned',
    actor: { id: v.userId, name: v.name },
    summary: { id: `Konsep dikembalikan oleh ${held.title}`, en: `Draft returned by ${held.title}` },
    data: { letterId: id, round: letter.round },
  });
  await notifyPositions(tx, regionId, v.today, [letter.fromPositionId!], {
    title: {
      id: `Konsep dikembalikan untuk diperbaiki: ${letter.subject}`,
      en: `Draft returned for revision: ${letter.subject}`,
    },
    body: comment,
    letterId: id,
  });
}

export { pendingStep };
