import { loadQrCode } from './pdf';

/** The QR of a document's public check page, as PNG for PDFKit. */
export const checkQr = async (checkUrl: string) =>
  (await loadQrCode()).toBuffer(checkUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });

/** "5 Desember 2026" for a YYYY-MM-DD day, as official documents write dates. */
export const longDateId = (iso: string) =>
  new Intl.DateTimeFormat('id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));

/** The kop surat: government and office centred, over a thick and a thin rule. Returns the rule's y. */
export function drawLetterhead(
  doc: PDFKit.PDFDocument,
  at: { left: number; top: number; width: number },
  government: string,
  office: string,
): number {
  const { left, top, width } = at;
  doc
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(government.toUpperCase(), left, top, { width, align: 'center' });
  doc.fontSize(12).text(office.toUpperCase(), { width, align: 'center' });
  const lineY = doc.y + 6;
  doc
    .moveTo(left, lineY)
    .lineTo(left + width, lineY)
    .lineWidth(2)
    .stroke('#111');
  doc
    .moveTo(left, lineY + 3)
    .lineTo(left + width, lineY + 3)
    .lineWidth(0.5)
    .stroke('#111');
  return lineY;
}

export type SignerBlock = { placeAndDate: string; position: string; name: string; note: string };

/**
 * The signature block on the right (place and date, position, the electronic-signature note, the
 * name) and the QR to the public check page on the left with its hint and link, kept together on
 * one page.
 */
export function drawSignatureAndQr(
  doc: PDFKit.PDFDocument,
  at: { left: number; width: number; fontSize: number },
  signer: SignerBlock,
  qr: Buffer,
  check: { url: string; hint: string },
) {
  const { left, width, fontSize } = at;
  if (doc.y > doc.page.height - 240) doc.addPage();
  const blockY = doc.y + 22;
  const sx = left + width / 2 + 14;
  const sw = width / 2 - 14;
  doc
    .font('Helvetica')
    .fontSize(fontSize)
    .fillColor('#111')
    .text(signer.placeAndDate, sx, blockY, { width: sw });
  doc.text(signer.position, sx, doc.y, { width: sw });
  doc
    .fontSize(8)
    .fillColor('#555')
    .text(signer.note, sx, doc.y + 8, { width: sw });
  doc
    .fontSize(fontSize)
    .fillColor('#111')
    .font('Helvetica-Bold')
    .text(signer.name, sx, doc.y + 20, { width: sw, underline: true });
  doc.image(qr, left, blockY, { width: 92, height: 92 });
  doc
    .font('Helvetica')
    .fontSize(7)
    .fillColor('#333')
    .text(check.hint, left, blockY + 96, { width: 175 });
  doc.fillColor('#0b57d0').text(check.url, left, doc.y + 2, { width: 215, link: check.url, underline: true });
}
