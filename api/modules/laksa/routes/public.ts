import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  categoryView,
  publicConfig,
  publicListItem,
  publicListQuery,
  publicReportView,
  publicStats,
} from '../../../../shared/modules/laksa';
import type { Tx } from '../../../core/db/client';
import { notFound } from '../../../core/errors';
import { listCategories } from '../admin';
import { photoAccess } from '../photo-access';
import { listPublic, publicStats as stats } from '../public';
import { INDONESIA, laksaSettingsOf } from '../settings';
import { isPublic, reportParts, toPublicView } from '../views';
import { mustFind, reportNotFound } from './context';

const tags = ['laksa'];

/**
 * Public routes (no sign-in): categories, the public map/list, tracking by ticket, statistics, photos.
 * The reads marked `replica: true` go through `req.readPublic`: signed out, a read replica may answer.
 */
export async function publicRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/categories',
    {
      config: { access: 'public', replica: true },
      schema: { tags, summary: 'Active report categories', response: { 200: z.array(categoryView) } },
    },
    (req) => req.readPublic((tx) => listCategories(tx, true)),
  );

  r.get(
    '/public/config',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'What the report form needs: the area reports may come from',
        response: { 200: publicConfig },
      },
    },
    async (req) => {
      const s = await laksaSettingsOf(req.server.simpul.directory, req.region.id);
      return {
        bounds: s.bounds ?? INDONESIA,
        allowOutsideBounds: s.allowOutsideBounds,
        reopenWindowDays: s.reopenWindowDays,
      };
    },
  );

  r.get(
    '/public/reports',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags,
        summary: 'Public map and list: verified, non-rahasia reports, without any reporter identity',
        querystring: publicListQuery,
        response: {
          200: z.object({
            items: z.array(publicListItem),
            total: z.number().int().describe('Matching reports, counted up to 10,000'),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
        },
      },
    },
    (req) => req.readPublic((tx) => listPublic(tx, req.query)),
  );

  r.get(
    '/public/reports/:ticket',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags,
        summary:
          'Tracking page of a ticket: status timeline; details once verified. Rahasia reports are not public (404).',
        params: z.object({ ticket: z.string().min(5).max(40) }),
        response: { 200: publicReportView },
      },
    },
    // Signed out, a replica may answer; a ticket filed a second ago and not there yet is looked
    // up again on the primary (readInRegion retries a NOT_FOUND) before the 404.
    (req) =>
      req.readPublic(async (tx) => {
        const report = await mustFind(tx, req.params);
        if (report.confidential) throw reportNotFound();
        const parts = await reportParts(tx, report, 'public', req.basePath);
        return toPublicView(report, parts, { showDetails: isPublic(report) });
      }),
  );

  r.get(
    '/public/stats',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags,
        summary: 'Counts per category, OPD and kecamatan (public reports)',
        response: { 200: publicStats },
      },
    },
    (req) => req.readPublic((tx) => stats(tx)),
  );

  r.get(
    '/photos/:fileId',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'A report photo: public for public reports, else for the reporter and staff who may see the report',
        params: z.object({ fileId: z.string().uuid() }),
        // Documentation only: stored photos are WebP (api/core/files/images.ts).
        produces: ['image/webp'],
      },
    },
    async (req, reply) => {
      const found = await req.inRegion((tx) => photoFor(req, tx, req.params.fileId));
      const bytes = await req.server.simpul.files.get(found.storageKey);
      if (!bytes) throw notFound();
      return reply
        .type(found.mime)
        .header('cache-control', `${found.public ? 'public' : 'private'}, max-age=3600`)
        .send(bytes);
    },
  );
}

async function photoFor(req: FastifyRequest, tx: Tx, fileId: string) {
  const access = await photoAccess(req, tx, fileId);
  if (!access?.readable) throw notFound();
  return access;
}
