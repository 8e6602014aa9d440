import { checkQr, drawLetterhead, drawSignatureAndQr, type SignerBlock } from './letter-parts';
import { type DocumentField, loadPdfKit, pdfBytes } from './pdf';

export type LetterInput = {
  /** Letterhead: the government and the office, e.g. "PEMERINTAH KOTA TANGERANG" / the OPD. */
  government: string;
  office: string;
  title: string;
  number: string;
  /** Paragraphs before the fields ("Berdasarkan …"), and their list items. */
  preamble: { text: string; items?: readonly string[] }[];
  grant: string;
  fields: readonly DocumentField[];
  conditionsTitle: string;
  conditions: readonly string[];
  validity: string;
  signer: SignerBlock;
  checkUrl: string;
  checkHint: string;
  /** Document metadata (author, subject) for the PDF's properties. */
  author: string;
};

/**
 * An official letter on A4 (a permit, a decision): letterhead, title and number, the legal basis,
 * the grant with its fields, numbered conditions, validity, the signature block and a QR to the
 * public check page. PDFKit's built-in Helvetica only (no font files, no network); the PDF has a
 * classic cross-reference table so the signature adapter can add its signature (signing.ts).
 */
export async function renderLetterPdf(input: LetterInput): Promise<Buffer> {
  const [qr, PDFDocument] = await Promise.all([checkQr(input.checkUrl), loadPdfKit()]);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 48, left: 64, right: 64 },
    compress: true,
    info: { Title: `${input.title} ${input.number}`, Author: input.author, Subject: input.office },
  });
  const done = pdfBytes(doc);
  const left = 64;
  const width = doc.page.width - 128;

  const lineY = drawLetterhead(doc, { left, top: 48, width }, input.government, input.office);

  doc.y = lineY + 20;
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(input.title.toUpperCase(), left, doc.y, { width, align: 'center' });
  doc.font('Helvetica').fontSize(10).text(`Nomor: ${input.number}`, { width, align: 'center' });
  doc.moveDown(1.2);

  for (const p of input.preamble) {
    doc.font('Helvetica').fontSize(10).text(p.text, left, doc.y, { width, align: 'justify' });
    for (const [i, item] of (p.items ?? []).entries())
      doc.text(`${i + 1}. ${item}`, left + 16, doc.y, { width: width - 16 });
    doc.moveDown(0.6);
  }
  doc.font('Helvetica-Bold').text(input.grant, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.6);
  for (const f of input.fields) {
    const y = doc.y;
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(f.label, left + 16, y, { width: 150 });
    doc.text(':', left + 170, y);
    doc.font('Helvetica-Bold').text(f.value || '-', left + 180, y, { width: width - 180 });
    doc.y = Math.max(doc.y, y + 14);
  }
  doc.moveDown(0.6);
  if (input.conditions.length) {
    doc.font('Helvetica-Bold').text(input.conditionsTitle, left, doc.y, { width });
    doc.font('Helvetica');
    for (const [i, c] of input.conditions.entries())
      doc.text(`${i + 1}. ${c}`, left + 16, doc.y, { width: width - 16 });
    doc.moveDown(0.6);
  }
  doc.font('Helvetica').text(input.validity, left, doc.y, { width });

  drawSignatureAndQr(doc, { left, width, fontSize: 10 }, input.signer, qr, {
    url: input.checkUrl,
    hint: input.checkHint,
  });
  doc.end();
  return done;
}
