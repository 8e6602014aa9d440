import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../errors';
import { refuseNul } from '../http/input-guards';
import type { SimpulModule } from '../modules/types';
import { isRegionLogo, mayReadFile } from './access';
import { type ProcessedImage, processImage } from './images';
import { checkPdf } from './pdf-check';
import { findFile, storeFile, storePhoto } from './upload';

const photoView = z.object({
  id: z.string().uuid(),
  mime: z.string(),
  bytes: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  url: z.string(),
});

/** Photo uploads for any module (a report's photos, an OPD's after-photo, a profile picture). */
export async function fileRoutes(app: FastifyInstance, modules: readonly SimpulModule[]) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { files, directory } = app.simpul;

  r.post(
    '/api/files/photos',
    {
      config: { access: 'user', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['files'],
        summary:
          'Upload 1–5 photos (multipart/form-data, field "photo", ≤ 10 MB each); stored resized, as WebP, without EXIF',
        consumes: ['multipart/form-data'],
        querystring: z.object({
          purpose: z
            .string()
            .regex(/^[a-z0-9-]{2,40}$/)
            .default('umum'),
        }),
        response: { 201: z.array(photoView) },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
          messages: {
            id: 'Kirim foto sebagai multipart/form-data.',
            en: 'Send photos as multipart/form-data.',
          },
        });
      // Images are processed one by one (memory on a small server) and before the transaction,
      // so a slow resize never holds a database connection.
      const images: ProcessedImage[] = [];
      for await (const part of req.files()) {
        // Multipart names are outside the hook that guards body/query/params (api/core/http/input-guards.ts).
        refuseNul(part.filename, [part.fieldname, 'filename']);
        images.push(await processImage(await part.toBuffer()));
      }
      if (images.length === 0)
        throw new AppError('VALIDATION_FAILED', {
          messages: { id: 'Tidak ada foto.', en: 'No photo was sent.' },
        });
      const actor = req.actor();
      const stored = await req.inRegion(async (tx) => {
        const out = [];
        for (const image of images)
          out.push(await storePhoto(tx, files, req.region.id, actor.id, req.query.purpose, image));
        return out;
      });
      return reply.code(201).send(stored.map((f) => ({ ...f, url: `${req.basePath}/api/files/${f.id}` })));
    },
  );

  r.post(
    '/api/files/documents',
    {
      config: { access: 'user', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['files'],
        summary:
          'Upload one document (multipart/form-data, field "file", ≤ 10 MB): a PDF kept byte for byte, or a photo of a paper document stored as WebP without EXIF',
        consumes: ['multipart/form-data'],
        querystring: z.object({
          purpose: z
            .string()
            .regex(/^[a-z0-9-]{2,40}$/)
            .default('dokumen'),
        }),
        response: { 201: photoView },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
          messages: {
            id: 'Kirim berkas sebagai multipart/form-data.',
            en: 'Send the file as multipart/form-data.',
          },
        });
      const part = await req.file();
      if (!part)
        throw new AppError('VALIDATION_FAILED', {
          messages: { id: 'Tidak ada berkas.', en: 'No file was sent.' },
        });
      refuseNul(part.filename, [part.fieldname, 'filename']);
      const bytes = await part.toBuffer();
      // A PDF is kept as sent; anything else must be a photo (re-encoded, EXIF dropped). What is
      // neither gets the PDF-or-photo message.
      const file =
        bytes.subarray(0, 5).toString('latin1') === '%PDF-'
          ? await checkPdf(bytes)
          : await processImage(bytes).catch((e) => {
              if (e instanceof AppError && e.code === 'UNSUPPORTED_MEDIA_TYPE') return checkPdf(bytes);
              throw e;
            });
      const actor = req.actor();
      const stored = await req.inRegion((tx) =>
        storeFile(tx, files, req.region.id, actor.id, req.query.purpose, file),
      );
      return reply.code(201).send({ ...stored, url: `${req.basePath}/api/files/${stored.id}` });
    },
  );

  r.get(
    '/api/files/:id',
    {
      // Public so the region logo shows to anonymous visitors; every other file is checked below.
      config: { access: 'public' },
      schema: {
        tags: ['files'],
        summary:
          'Download a stored file: the region logo for anyone; otherwise for whoever may read the record it is attached to (its uploader while unattached). 404 for anyone else',
        params: z.object({ id: z.string().uuid() }),
        // Documentation only: photos are WebP (api/core/files/images.ts), documents may be PDF.
        produces: ['image/webp', 'application/pdf'],
      },
    },
    async (req, reply) => {
      // Module switches before the transaction (moduleStates must not run inside one).
      const states = await directory.moduleStates(req.region.id);
      const enabled = modules.filter((m) => states.get(m.id)?.enabled);
      const row = await req.inRegion(async (tx) => {
        const file = await findFile(tx, req.params.id);
        return file && (await mayReadFile(req, tx, file, enabled)) ? file : null;
      });
      // 404, not 403, for a file the caller may not read: its existence is not theirs to know.
      if (!row) throw notFound();
      const bytes = await files.get(row.storageKey);
      if (!bytes) throw notFound();
      // The logo never changes under its id; another file readable without signing in (a published
      // article's image) is public for a few minutes, as it may be withdrawn.
      const cache = isRegionLogo(req, row.id)
        ? 'public, max-age=86400, immutable'
        : req.user
          ? 'private, max-age=86400, immutable'
          : 'public, max-age=300';
      // A PDF opens in the browser's viewer, sandboxed: script inside an uploaded PDF runs nowhere.
      if (row.mime === 'application/pdf') reply.header('content-security-policy', 'sandbox');
      return reply.type(row.mime).header('cache-control', cache).send(bytes);
    },
  );
}
