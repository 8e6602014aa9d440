import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importView } from '../../../../shared/modules/harga-pangan';
import { AppError } from '../../../core/errors';
import {
  commitImport,
  forgetProgress,
  importStatus,
  previewImport,
  readSheet,
  runningImport,
} from '../import';
import { todayIn } from '../master';
import { forgetRegion } from './cache';
import { alertEnv } from './field';

const tags = ['harga-pangan-staff'];
const access = 'harga-pangan:verify' as const;
const MAX_BYTES = 20 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Bulk import: the browser sends the file's bytes as the request body (so XMLHttpRequest can show
 * upload progress), gets a preview with every row error, then commits it in one transaction while
 * polling GET /imports/:id for the rows written so far.
 */
export async function importRoutes(app: FastifyInstance) {
  // Raw bodies for this plugin only (encapsulated): CSV text or XLSX bytes.
  app.addContentTypeParser(
    ['text/csv', 'text/plain', XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_BYTES },
    (_req, body, done) => done(null, body),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  const idParams = z.object({ id: z.string().uuid() });

  r.post(
    '/imports',
    {
      config: { access },
      bodyLimit: MAX_BYTES,
      schema: {
        tags,
        summary:
          'Upload a CSV or XLSX (raw body; columns date, market, commodity, unit, price, price type): validate and preview',
        querystring: z.object({ fileName: z.string().trim().min(1).max(200).default('harga.csv') }),
        consumes: ['text/csv', XLSX],
        response: { 201: importView },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0)
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
          messages: { id: 'Kirim isi berkas CSV atau XLSX.', en: 'Send the bytes of a CSV or XLSX file.' },
        });
      const table = await readSheet(req.body, req.query.fileName);
      const view = await req.inRegion((tx) =>
        previewImport(
          tx,
          { regionId: req.region.id, regionCode: req.region.code, today: todayIn(req.region.timeZone) },
          req.actor(),
          req.query.fileName,
          table,
        ),
      );
      return reply.code(201).send(view);
    },
  );

  r.get(
    '/imports/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'An import and its progress (rows written while committing)',
        params: idParams,
        response: { 200: importView },
      },
    },
    async (req) =>
      runningImport(req.region.id, req.params.id) ??
      req.inRegion((tx) => importStatus(tx, req.region.id, req.params.id)),
  );

  r.post(
    '/imports/:id/commit',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Write every row of a previewed import as verified prices, in one transaction (all or nothing)',
        params: idParams,
        response: { 200: importView },
      },
    },
    async (req) => {
      try {
        const done = await req.inRegion(async (tx) =>
          commitImport(tx, await alertEnv(req, tx), req.actor(), req.params.id),
        );
        forgetRegion(req.region.id);
        return done;
      } finally {
        forgetProgress(req.region.id, req.params.id);
      }
    },
  );
}
