import type { Tx } from '../db/client';
import { loadSharp } from '../files/images';
import type { FileStore } from '../files/store';
import { findFile } from '../files/upload';
import { lazy } from '../lazy';

// PDFKit (with its font tables) and the QR encoder load on the first document, not at start-up
// (lazy.ts).
export const loadPdfKit = lazy(() => import('pdfkit').then((m) => m.default));
export const loadQrCode = lazy(() => import('qrcode').then((m) => m.default));

export type DocumentField = { label: string; value: string };

/** The bytes a PDFKit document writes, once `end()` is called (register before drawing). */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/**
 * A holder photo from the file pipeline (stored as WebP) as PNG, which PDFKit can embed.
 * Null when there is none or its bytes are gone.
 */
export async function photoForPdf(tx: Tx, files: FileStore, fileId: string | null): Promise<Buffer | null> {
  if (!fileId) return null;
  const row = await findFile(tx, fileId);
  if (!row) return null;
  const bytes = await files.get(row.storageKey);
  if (!bytes) return null;
  const sharp = await loadSharp();
  return sharp(bytes).resize(300, 400, { fit: 'cover' }).png().toBuffer();
}

/**
 * Renders a printable document card: the region and title, the holder's photo, the module's
 * fields, and a QR code (plus the same link as text) that opens the public check page. A4
 * portrait with the card at the top (cut it out, or print at 100 %). Fonts are PDFKit's built-in
 * Helvetica: no font files, no network.
 */
export async function renderDocumentPdf(input: {
  regionName: string;
  issuer: string;
  title: string;
  subtitle?: string;
  number: string;
  fields: readonly DocumentField[];
  photo: Buffer | null;
  checkUrl: string;
  checkHint: string;
  footer?: string;
}): Promise<Buffer> {
  const [PDFDocument, QRCode] = await Promise.all([loadPdfKit(), loadQrCode()]);
  const qr = await QRCode.toBuffer(input.checkUrl, {
    type: 'png',
    margin: 1,
    width: 240,
    errorCorrectionLevel: 'M',
  });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 36,
    info: { Title: `${input.title} ${input.number}`, Author: input.issuer, Subject: input.regionName },
  });
  const done = pdfBytes(doc);

  const x = 36;
  const y = 36;
  const w = 523;
  const h = 330;
  doc.save().roundedRect(x, y, w, h, 8).fillAndStroke('#fff7c2', '#8a6d00').restore();
  doc
    .fillColor('#222')
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(input.issuer.toUpperCase(), x + 14, y + 12, { width: w - 28 });
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(input.regionName, x + 14, y + 26, { width: w - 28 });
  doc
    .font('Helvetica-Bold')
    .fontSize(16)
    .text(input.title, x + 14, y + 44, { width: w - 28 });
  if (input.subtitle)
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(input.subtitle, x + 14, y + 64, { width: w - 28 });
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(input.number, x + 14, y + 80, { width: w - 28 });

  const photoX = x + 14;
  const photoY = y + 104;
  if (input.photo) doc.image(input.photo, photoX, photoY, { width: 90, height: 120 });
  else doc.save().rect(photoX, photoY, 90, 120).stroke('#8a6d00').restore();

  let fy = photoY;
  const fx = photoX + 100;
  const valueWidth = 165;
  for (const f of input.fields) {
    doc.font('Helvetica').fontSize(8).fillColor('#555').text(f.label, fx, fy, { width: 95 });
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .fillColor('#111')
      .text(f.value || '-', fx + 100, fy, { width: valueWidth });
    fy += Math.max(14, doc.heightOfString(f.value || '-', { width: valueWidth }) + 4);
  }

  const qrSize = 110;
  const qx = x + w - qrSize - 14;
  const qy = y + 104;
  doc.image(qr, qx, qy, { width: qrSize, height: qrSize });
  doc
    .font('Helvetica')
    .fontSize(7)
    .fillColor('#333')
    .text(input.checkHint, qx, qy + qrSize + 4, { width: qrSize, align: 'center' });
  doc
    .fontSize(7)
    .fillColor('#0b57d0')
    .text(input.checkUrl, x + 14, y + h - 22, { width: w - 28, link: input.checkUrl, underline: true });
  if (input.footer)
    doc
      .fillColor('#555')
      .fontSize(8)
      .text(input.footer, x, y + h + 12, { width: w });
  doc.end();
  return done;
}
