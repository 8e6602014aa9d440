import {
  checkQr,
  drawLetterhead,
  drawSignatureAndQr,
  type SignerBlock,
} from '../../core/documents/letter-parts';
import { loadPdfKit, pdfBytes } from '../../core/documents/pdf';
import { type Block, bodyBlocks } from './body';

export type LetterPdfInput = {
  government: string;
  office: string;
  /** NOTA DINAS, SURAT EDARAN … */
  title: string;
  number: string;
  /** The head block: Yth., Dari, Tembusan, Tanggal, Sifat, Lampiran, Hal. */
  head: { label: string; value: string }[];
  bodyHtml: string;
  signer: SignerBlock;
  checkUrl: string;
  checkHint: string;
  confidentiality: string | null;
};

const font = (b: { bold: boolean; italic: boolean }) =>
  b.bold && b.italic
    ? 'Helvetica-BoldOblique'
    : b.bold
      ? 'Helvetica-Bold'
      : b.italic
        ? 'Helvetica-Oblique'
        : 'Helvetica';

function drawBlock(doc: PDFKit.PDFDocument, block: Block, left: number, width: number) {
  const indent = block.kind === 'p' ? 0 : 18 + block.depth * 18;
  const x = left + indent;
  if (block.kind !== 'p') {
    const marker = block.kind === 'bullet' ? '•' : `${block.index}.`;
    doc
      .font('Helvetica')
      .fontSize(11)
      .text(marker, x - 16, doc.y, { width: 16, continued: false });
    doc.moveUp();
  }
  block.runs.forEach((run, i) => {
    doc
      .font(font(run))
      .fontSize(11)
      .text(run.text, i === 0 ? x : undefined, i === 0 ? doc.y : undefined, {
        width: width - indent,
        align: 'justify',
        underline: run.underline,
        continued: i < block.runs.length - 1,
      });
  });
  doc.moveDown(0.4);
}

/**
 * A naskah dinas on A4 after Permendagri 1/2023: the OPD's letterhead, the type and number, the
 * head block, the body (what the editor wrote), the signature block with the signer's position
 * (Plt./Plh. when acting) and a QR to the public check page. PDFKit's built-in fonts only, with a
 * classic cross-reference table so the signature adapter can sign it.
 */
export async function renderLetter(input: LetterPdfInput): Promise<Buffer> {
  const [qr, PDFDocument] = await Promise.all([checkQr(input.checkUrl), loadPdfKit()]);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 56, left: 72, right: 64 },
    compress: true,
    info: { Title: `${input.title} ${input.number}`, Author: input.office, Subject: input.office },
  });
  const done = pdfBytes(doc);
  const left = 72;
  const width = doc.page.width - left - 64;

  const lineY = drawLetterhead(doc, { left, top: 48, width }, input.government, input.office);
  if (input.confidentiality)
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor('#b00020')
      .text(input.confidentiality.toUpperCase(), left, lineY + 8, { width, align: 'right' })
      .fillColor('#111');

  doc.y = lineY + 22;
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(input.title.toUpperCase(), left, doc.y, { width, align: 'center' });
  doc.font('Helvetica').fontSize(10).text(`NOMOR ${input.number}`, { width, align: 'center' });
  doc.moveDown(1);
  for (const h of input.head) {
    const y = doc.y;
    doc.font('Helvetica').fontSize(11).text(h.label, left, y, { width: 80 });
    doc.text(':', left + 82, y);
    doc.text(h.value || '-', left + 92, y, { width: width - 92 });
    doc.y = Math.max(doc.y, y + 15);
  }
  const ruleY = doc.y + 4;
  doc
    .moveTo(left, ruleY)
    .lineTo(left + width, ruleY)
    .lineWidth(0.8)
    .stroke('#111');
  doc.y = ruleY + 12;
  for (const block of bodyBlocks(input.bodyHtml)) drawBlock(doc, block, left, width);

  drawSignatureAndQr(doc, { left, width, fontSize: 11 }, input.signer, qr, {
    url: input.checkUrl,
    hint: input.checkHint,
  });
  doc.end();
  return done;
}
