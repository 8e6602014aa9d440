import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_UPLOAD_BYTES } from '../../../shared/files';
import { timeZones } from '../../../shared/indonesia';
import { invalid, notFound } from '../errors';
import type { Label, SimpulModule } from '../modules/types';
import { documentState, findDocumentByCode } from './service';

/** What anyone holding the QR may learn: no NIK, address, birth date or other personal data. */
export const documentCheckView = z
  .object({
    state: z.enum(['valid', 'expired', 'suspended', 'revoked']),
    kind: z.string(),
    kindLabel: z.object({ id: z.string(), en: z.string() }),
    number: z.string(),
    holderName: z.string(),
    validFrom: z.string(),
    validUntil: z.string().nullable(),
    revokedAt: z.string().nullable(),
    region: z.object({ name: z.string(), code: z.string() }),
    /** Whether the issued PDF is on record, so a PDF in hand can be compared with it. */
    fileCheck: z.boolean(),
  })
  .meta({ id: 'DocumentCheck' });

/** A calendar day in one of Indonesia's zones. */
export const todayInZone = (zone: keyof typeof timeZones) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: timeZones[zone] }).format(new Date());

/** The public check of a document issued by any module (the QR on the printed card opens it). */
export async function documentRoutes(app: FastifyInstance, modules: readonly SimpulModule[]) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const labels = new Map<string, Label>(
    modules.flatMap((m) => (m.documents?.kinds ?? []).map((k) => [k.id, k.label] as const)),
  );
  r.get(
    '/api/documents/check/:code',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['documents'],
        summary:
          'Check a document issued by the region (from the QR on it): valid, expired or revoked, with the holder name, number, kind and validity only',
        params: z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }),
        response: { 200: documentCheckView },
      },
    },
    async (req, reply) => {
      const doc = await req.inRegion((tx) => findDocumentByCode(tx, req.params.code));
      if (!doc)
        throw notFound({
          id: 'Dokumen tidak ditemukan. Periksa kembali kode pada QR.',
          en: 'Document not found. Check the code on the QR.',
        });
      reply.header('cache-control', 'no-store');
      return {
        state: documentState(doc, todayInZone(req.region.timeZone)),
        kind: doc.kind,
        kindLabel: labels.get(doc.kind) ?? { id: doc.kind, en: doc.kind },
        number: doc.number,
        holderName: doc.holderName,
        validFrom: doc.validFrom,
        validUntil: doc.validUntil,
        revokedAt: doc.revokedAt?.toISOString() ?? null,
        region: { name: req.region.name, code: req.region.code },
        fileCheck: Boolean(doc.sha256),
      };
    },
  );

  // The PDF in hand, as the raw body: compared by SHA-256 with the one issued (nothing is stored).
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      ['application/pdf', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
      (_req, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/documents/check/:code/file',
      {
        config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags: ['documents'],
          summary:
            'Is this PDF the one the region issued? Send the file as the body (application/pdf); the answer compares SHA-256 hashes',
          params: z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }),
          consumes: ['application/pdf'],
          response: {
            200: z.object({ matches: z.boolean(), sha256: z.string() }).meta({ id: 'DocumentFileCheck' }),
          },
        },
      },
      async (req) => {
        const body = req.body;
        if (!Buffer.isBuffer(body) || body.length === 0)
          throw invalid({ id: 'Kirim berkas PDF-nya.', en: 'Send the PDF file.' });
        const doc = await req.inRegion((tx) => findDocumentByCode(tx, req.params.code));
        if (!doc?.sha256)
          throw notFound({
            id: 'Dokumen tidak ditemukan atau tidak memiliki berkas PDF terdaftar.',
            en: 'Document not found, or it has no PDF on record.',
          });
        const sha256 = createHash('sha256').update(body).digest('hex');
        return { matches: sha256 === doc.sha256, sha256 };
      },
    );
  });
}
