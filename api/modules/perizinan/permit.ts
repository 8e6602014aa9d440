import { createHash } from 'node:crypto';
import type { TypeDefinition } from '../../../shared/modules/perizinan';
import type { Tx } from '../../core/db/client';
import { longDateId } from '../../core/documents/letter-parts';
import { renderLetterPdf } from '../../core/documents/letter-pdf';
import { loadPdfKit, pdfBytes } from '../../core/documents/pdf';
import { attachDocumentFile, checkPath, issueDocument } from '../../core/documents/service';
import type { SignatureAdapter } from '../../core/documents/signing';
import type { FileStore } from '../../core/files/store';
import { storeFile } from '../../core/files/upload';
import type { ApplicationRow } from './engine';

export const PERMIT_KIND = 'perizinan.izin';
/** The stored file purpose of an issued permit PDF. */
export const PERMIT_PURPOSE = 'izin-terbit';

export const addMonths = (isoDay: string, months: number) => {
  const d = new Date(`${isoDay}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last) - 1);
  return d.toISOString().slice(0, 10);
};

function formText(def: TypeDefinition, form: ApplicationRow['form']) {
  return def.fields
    .filter((f) => f.onPermit)
    .map((f) => {
      const v = form[f.key];
      const value =
        v && typeof v === 'object'
          ? `${v.lat.toFixed(6)}, ${v.lng.toFixed(6)}`
          : f.kind === 'date' && typeof v === 'string'
            ? longDateId(v)
            : `${typeof v === 'number' ? v.toLocaleString('id-ID') : (v ?? '-')}${f.unit ? ` ${f.unit}` : ''}`;
      return { label: f.label.id, value };
    });
}

/**
 * Issues the permit: a document record (number, holder, validity) for the public check, the PDF on
 * the region's letterhead with its QR, signed by the signature adapter and kept in the file store
 * with its SHA-256, so the check page can tell whether a PDF in hand is this one.
 */
export async function issuePermit(
  tx: Tx,
  deps: { files: FileStore; signer: SignatureAdapter },
  input: {
    region: { id: string; name: string };
    officeName: string;
    app: ApplicationRow;
    def: TypeDefinition;
    number: string;
    today: string;
    signer: { id: string; name: string };
    origin: string;
  },
) {
  const { app, def } = input;
  const validUntil = def.validityMonths ? addMonths(input.today, def.validityMonths) : null;
  const holder = app.companyName ?? app.applicantName ?? '-';
  const doc = await issueDocument(tx, input.region.id, {
    kind: PERMIT_KIND,
    number: input.number,
    holderName: holder,
    subjectId: app.id,
    validFrom: input.today,
    validUntil,
    issuedBy: input.signer.id,
  });
  const checkUrl = `${input.origin}${checkPath(doc.code)}`;
  const unsigned = await renderLetterPdf({
    government: `Pemerintah ${input.region.name}`,
    office: input.officeName,
    title: def.output.title.id,
    number: input.number,
    preamble: [
      { text: 'Berdasarkan:', items: def.legalBasis },
      {
        text: `dan setelah memeriksa permohonan nomor ${app.number} beserta persyaratannya, yang telah dinyatakan lengkap dan benar,`,
      },
    ],
    grant: 'MEMBERIKAN IZIN KEPADA:',
    fields: [
      { label: 'Nama', value: app.applicantName ?? '-' },
      ...(app.companyName
        ? [
            { label: 'Badan usaha', value: app.companyName },
            { label: 'NIB', value: app.nib ?? '-' },
          ]
        : []),
      { label: 'Jenis izin', value: def.name.id },
      ...formText(def, app.form),
    ],
    conditionsTitle: 'Dengan ketentuan:',
    conditions: def.output.conditions,
    validity: validUntil
      ? `Izin ini berlaku sejak ${longDateId(input.today)} sampai dengan ${longDateId(validUntil)}.`
      : `Izin ini berlaku sejak ${longDateId(input.today)} selama ketentuan di atas dipenuhi.`,
    signer: {
      placeAndDate: `Ditetapkan di ${input.region.name.replace(/^(Kota|Kabupaten)\s+/, '')}, ${longDateId(input.today)}`,
      position: `Kepala ${input.officeName}`,
      name: input.signer.name,
      note: 'Ditandatangani secara elektronik. Keaslian dan status izin dapat diperiksa melalui kode QR.',
    },
    checkUrl,
    checkHint: 'Pindai untuk memeriksa keaslian dan status izin ini',
    author: input.officeName,
  });
  const signed = await deps.signer.sign({
    tx,
    regionId: input.region.id,
    regionName: input.region.name,
    pdf: unsigned,
    signerName: input.signer.name,
    reason: `${def.name.id} ${input.number}`,
    location: input.region.name,
  });
  const stored = await storeFile(tx, deps.files, input.region.id, input.signer.id, PERMIT_PURPOSE, {
    bytes: signed,
    mime: 'application/pdf',
    width: null,
    height: null,
  });
  const sha256 = createHash('sha256').update(signed).digest('hex');
  await attachDocumentFile(tx, doc.id, { fileId: stored.id, sha256 });
  return { doc, fileId: stored.id, validUntil };
}

/** The receipt (tanda terima) the applicant gets the moment they submit. */
export async function renderReceipt(input: {
  regionName: string;
  officeName: string;
  number: string;
  typeName: string;
  applicantName: string;
  submittedAt: string;
  slaDays: number;
  documents: { label: string; attached: boolean }[];
  trackUrl: string;
}): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: 'A5', margin: 36, info: { Title: `Tanda terima ${input.number}` } });
  const done = pdfBytes(doc);
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(`PEMERINTAH ${input.regionName.toUpperCase()}`, { align: 'center' });
  doc.fontSize(10).text(input.officeName.toUpperCase(), { align: 'center' });
  doc.moveDown().fontSize(13).text('TANDA TERIMA PERMOHONAN IZIN', { align: 'center' });
  doc.moveDown();
  const row = (label: string, value: string) => {
    const y = doc.y;
    doc.font('Helvetica').fontSize(9).text(label, 36, y, { width: 120 });
    doc.font('Helvetica-Bold').text(value, 160, y, { width: 230 });
    doc.moveDown(0.3);
  };
  row('Nomor registrasi', input.number);
  row('Jenis izin', input.typeName);
  row('Pemohon', input.applicantName);
  row('Diajukan', input.submittedAt);
  row('Standar waktu', `${input.slaDays} hari kerja sejak berkas dinyatakan lengkap dan benar`);
  doc.moveDown().font('Helvetica-Bold').fontSize(9).text('Dokumen yang diterima:', 36);
  doc.font('Helvetica');
  for (const d of input.documents) doc.text(`${d.attached ? '[v]' : '[ ]'} ${d.label}`, 48);
  doc.moveDown().fontSize(8).fillColor('#333').text(`Pantau status permohonan: ${input.trackUrl}`, 36);
  doc.text('Tanda terima ini dibuat secara elektronik dan sah tanpa tanda tangan.', 36);
  doc.end();
  return done;
}
