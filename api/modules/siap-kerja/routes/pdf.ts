import { and, desc, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { regionArea } from '../../../core/db/schema';
import { photoForPdf, renderDocumentPdf } from '../../../core/documents/pdf';
import { checkPath, findDocument } from '../../../core/documents/service';
import { notFound } from '../../../core/errors';
import { skAk1, skSeeker } from '../schema';
import { ak1CardData, ak1Fields } from '../staff';

/** The AK/1 card of the signed-in seeker (`own`) or, for Disnaker, of any request (`ak1Id`). */
export async function sendAk1Pdf(
  req: FastifyRequest,
  reply: FastifyReply,
  who: { own: string } | { ak1Id: string },
  lang: 'id' | 'en',
) {
  const files = req.server.simpul.files;
  const out = await req.inRegion(async (tx) => {
    let ak1Id: string | null = null;
    if ('own' in who) {
      const [row] = await tx
        .select({ id: skAk1.id })
        .from(skAk1)
        .innerJoin(skSeeker, and(eq(skSeeker.regionId, skAk1.regionId), eq(skSeeker.id, skAk1.seekerId)))
        .where(and(eq(skSeeker.userId, who.own), eq(skAk1.status, 'terbit')))
        .orderBy(desc(skAk1.decidedAt))
        .limit(1);
      ak1Id = row?.id ?? null;
    } else ak1Id = who.ak1Id;
    const data = ak1Id ? await ak1CardData(tx, ak1Id) : null;
    if (!data?.a.documentId || data.a.status !== 'terbit')
      throw notFound({ id: 'Belum ada kartu AK/1 yang terbit.', en: 'No AK/1 card has been issued.' });
    const doc = await findDocument(tx, data.a.documentId);
    if (!doc) throw notFound();
    const [area] = await tx
      .select({ name: regionArea.name })
      .from(regionArea)
      .where(eq(regionArea.code, data.s.kecamatan));
    return {
      ...data,
      doc,
      kecamatanName: area?.name ?? null,
      photo: await photoForPdf(tx, files, data.s.photoFileId),
    };
  });
  const checkUrl = `${req.protocol}://${req.host}${req.basePath}${checkPath(out.doc.code)}`;
  const en = lang === 'en';
  const pdf = await renderDocumentPdf({
    regionName: req.region.name,
    issuer: en ? 'Manpower Office (Disnaker)' : 'Dinas Ketenagakerjaan',
    title: en ? 'JOB SEEKER CARD (AK/1)' : 'KARTU TANDA BUKTI PENDAFTARAN PENCARI KERJA (AK/1)',
    subtitle: en ? 'Valid for 2 years; report every 6 months' : 'Berlaku 2 tahun; wajib lapor setiap 6 bulan',
    number: out.a.number ?? out.doc.number,
    fields: ak1Fields(out.a, out.s, out.kecamatanName, lang),
    photo: out.photo,
    checkUrl,
    checkHint: en ? 'Scan to check this card' : 'Pindai untuk memeriksa keaslian kartu',
    footer: en
      ? 'Lapor diri: report in Siap Kerja every 6 months while looking for work.'
      : 'Lapor diri: laporkan melalui Siap Kerja setiap 6 bulan selama masih mencari kerja.',
  });
  return reply
    .type('application/pdf')
    .header('cache-control', 'private, no-store')
    .header(
      'content-disposition',
      `inline; filename="AK1-${(out.a.number ?? 'kartu').replace(/\//g, '-')}.pdf"`,
    )
    .send(pdf);
}
