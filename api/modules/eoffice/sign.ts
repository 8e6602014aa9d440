import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { letterTypeLabels } from '../../../shared/modules/eoffice';
import { rowsOf, type Tx } from '../../core/db/client';
import { opd } from '../../core/db/schema';
import { attachDocumentFile, checkPath, issueDocument } from '../../core/documents/service';
import type { SignatureAdapter } from '../../core/documents/signing';
import { emitEvent } from '../../core/events/emit';
import type { FileStore } from '../../core/files/store';
import { storeFile } from '../../core/files/upload';
import type { Viewer } from './access';
import { findLetter, type LetterRow, pendingStep } from './letters';
import { notifyPositions } from './notify';
import { formatNumber, nextInSeries } from './numbering';
import { renderLetter } from './pdf';
import { eofficeLetter, eofficeRecipient, eofficeReview } from './schema';

export const LETTER_KIND = 'eoffice.naskah';
export const LETTER_PURPOSE = 'naskah-dinas';

export type SignDeps = {
  files: FileStore;
  signer: SignatureAdapter;
  region: { id: string; name: string };
  origin: string;
  settings: { numberPattern: string; seriesBy: 'opd' | 'opd_type' };
};

const longDate = (iso: string) =>
  new Intl.DateTimeFormat('id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));

/** "Plt. Kepala Dinas …" when the signer stands in. */
export const asActing = (kind: string, title: string) =>
  kind === 'plt' ? `Plt. ${title}` : kind === 'plh' ? `Plh. ${title}` : title;

async function headOf(tx: Tx, letter: LetterRow) {
  const rows = rowsOf<{ kind: string; label: string; title: string; opd_name: string }>(
    await tx.execute(sql`select r.kind, p.title, o.short_name as opd_name,
        coalesce(p.title, r.external_name) as label
      from eoffice_recipient r left join eoffice_position p on p.region_id = r.region_id and p.id = r.position_id
      left join opd o on o.region_id = p.region_id and o.id = p.opd_id
      where r.letter_id = ${letter.id} order by r.kind, label`),
  );
  const names = (kind: string) =>
    rows
      .filter((r) => kind === r.kind || (kind === 'to' && r.kind === 'external'))
      .map((r) => r.label)
      .join('; ');
  return { to: names('to'), cc: names('cc') };
}

/**
 * Signs a letter at the last step of its chain, in one transaction: the next number of the
 * office's series, the PDF with the signer (as Plt/Plh when acting) and a QR to the public
 * check, the signature, the stored bytes and their hash, and delivery to every position on the
 * distribution with its own agenda number there. External addresses are e-mailed by a task.
 */
export async function signLetter(tx: Tx, deps: SignDeps, v: Viewer, id: string) {
  const letter = await findLetter(tx, id);
  const { step, held } = await pendingStep(tx, letter, v, 'sign');
  const [office] = await tx.select().from(opd).where(eq(opd.id, letter.opdId));
  if (!office) throw new Error('letter without an office');
  const year = Number(v.today.slice(0, 4));
  const series =
    deps.settings.seriesBy === 'opd_type' ? `out:${office.code}:${letter.type}` : `out:${office.code}`;
  const seq = await nextInSeries(tx, deps.region.id, series, year);
  const number = formatNumber(deps.settings.numberPattern, {
    classification: letter.classificationCode,
    seq,
    unit: office.code,
    year,
    type: letter.type,
  });
  const signerTitle = asActing(held.kind, held.title);
  const doc = await issueDocument(tx, deps.region.id, {
    kind: LETTER_KIND,
    number,
    holderName: `${signerTitle} (${v.name})`,
    subjectId: letter.id,
    validFrom: v.today,
    issuedBy: v.userId,
  });
  const checkUrl = `${deps.origin}${checkPath(doc.code)}`;
  const head = await headOf(tx, letter);
  const unsigned = await renderLetter({
    government: `Pemerintah ${deps.region.name}`,
    office: office.name,
    title: letterTypeLabels[letter.type].id,
    number,
    head: [
      { label: 'Yth.', value: head.to },
      ...(letter.type === 'nota_dinas' ? [{ label: 'Dari', value: signerTitle }] : []),
      ...(head.cc ? [{ label: 'Tembusan', value: head.cc }] : []),
      { label: 'Tanggal', value: longDate(v.today) },
      {
        label: 'Sifat',
        value:
          letter.urgency === 'biasa' ? 'Biasa' : letter.urgency === 'segera' ? 'Segera' : 'Sangat Segera',
      },
      {
        label: 'Lampiran',
        value: letter.attachmentIds.length ? `${letter.attachmentIds.length} berkas` : '-',
      },
      { label: 'Hal', value: letter.subject },
    ],
    bodyHtml: letter.body,
    signer: {
      placeAndDate: `${deps.region.name.replace(/^(Kota|Kabupaten)\s+/, '')}, ${longDate(v.today)}`,
      position: signerTitle,
      name: v.name,
      note: 'Ditandatangani secara elektronik. Keaslian naskah dapat diperiksa melalui kode QR.',
    },
    checkUrl,
    checkHint: 'Pindai untuk memeriksa keaslian naskah dinas ini',
    confidentiality: letter.confidentiality === 'biasa' ? null : letter.confidentiality,
  });
  const signed = await deps.signer.sign({
    tx,
    regionId: deps.region.id,
    regionName: deps.region.name,
    pdf: unsigned,
    signerName: v.name,
    reason: `${letterTypeLabels[letter.type].id} ${number}`,
    location: deps.region.name,
  });
  const stored = await storeFile(tx, deps.files, deps.region.id, v.userId, LETTER_PURPOSE, {
    bytes: signed,
    mime: 'application/pdf',
    width: null,
    height: null,
  });
  await attachDocumentFile(tx, doc.id, {
    fileId: stored.id,
    sha256: createHash('sha256').update(signed).digest('hex'),
  });
  const now = new Date();
  await tx
    .update(eofficeReview)
    .set({ state: 'signed', actedBy: v.userId, actedByName: v.name, actedAs: held.kind, actedAt: now })
    .where(
      and(
        eq(eofficeReview.letterId, id),
        eq(eofficeReview.round, letter.round),
        eq(eofficeReview.seq, step.seq),
      ),
    );
  await tx
    .update(eofficeLetter)
    .set({
      status: 'signed',
      number,
      signedAt: now,
      signedBy: v.userId,
      signedByName: v.name,
      signedAs: held.kind,
      documentId: doc.id,
      fileId: stored.id,
      dated: v.today,
      updatedAt: now,
    })
    .where(eq(eofficeLetter.id, id));
  const delivered = await deliver(tx, deps.region.id, id, year, now);
  await emitEvent(tx, deps.region.id, {
    type: 'eoffice.letter.signed',
    actor: { id: v.userId, name: v.name },
    summary: { id: `Naskah ${number} ditandatangani`, en: `Letter ${number} signed` },
    data: { letterId: id, number, as: held.kind, opd: office.code },
    permission: 'eoffice:report',
  });
  await notifyPositions(tx, deps.region.id, v.today, delivered, {
    title: {
      id: `${letterTypeLabels[letter.type].id} masuk: ${letter.confidentiality === 'biasa' ? letter.subject : '(terbatas)'}`,
      en: `${letterTypeLabels[letter.type].en} received: ${letter.confidentiality === 'biasa' ? letter.subject : '(restricted)'}`,
    },
    letterId: id,
    urgent: letter.urgency === 'sangat_segera',
  });
  if (letter.fromPositionId)
    await notifyPositions(tx, deps.region.id, v.today, [letter.fromPositionId], {
      title: { id: `Naskah ${number} sudah ditandatangani`, en: `Letter ${number} is signed` },
      letterId: id,
    });
  return { number };
}

/** The agenda number of a letter arriving at an office: `0042/AG/DPMPTSP/2026`. */
export async function nextAgenda(tx: Tx, regionId: string, opdCode: string, year: number) {
  const seq = await nextInSeries(tx, regionId, `in:${opdCode}`, year);
  return `${String(seq).padStart(4, '0')}/AG/${opdCode.toUpperCase()}/${year}`;
}

/** Puts a signed letter in each position's inbox on its distribution, with the office's agenda number. */
async function deliver(tx: Tx, regionId: string, letterId: string, year: number, now: Date) {
  const rows = rowsOf<{ id: string; position_id: string; opd_code: string }>(
    await tx.execute(sql`select r.id, r.position_id, o.code as opd_code from eoffice_recipient r
      join eoffice_position p on p.region_id = r.region_id and p.id = r.position_id
      join opd o on o.region_id = p.region_id and o.id = p.opd_id
      where r.letter_id = ${letterId} and r.position_id is not null order by o.code, r.kind desc`),
  );
  // One agenda number per office, however many of its positions are on the letter.
  const agenda = new Map<string, string>();
  for (const r of rows) {
    if (!agenda.has(r.opd_code)) agenda.set(r.opd_code, await nextAgenda(tx, regionId, r.opd_code, year));
    await tx
      .update(eofficeRecipient)
      .set({ deliveredAt: now, agendaNumber: agenda.get(r.opd_code) })
      .where(eq(eofficeRecipient.id, r.id));
  }
  return rows.map((r) => r.position_id);
}
