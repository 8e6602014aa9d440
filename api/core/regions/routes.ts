import { and, asc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { areaView, regionPublicView } from '../../../shared/region';
import { regionArea } from '../db/schema';
import type { SimpulModule } from '../modules/types';
import { presentRegion } from './view';

export async function regionRoutes(app: FastifyInstance, modules: readonly SimpulModule[]) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/region',
    {
      config: { access: 'public' },
      schema: {
        tags: ['region'],
        summary: 'The region of this host or path prefix: name, branding, enabled services',
        response: { 200: regionPublicView },
      },
    },
    async (req, reply) => {
      // Always revalidated: a module switched off must vanish from every citizen home at once.
      reply.header('cache-control', 'no-cache');
      return presentRegion(req.region, req.basePath, app.simpul.directory, modules);
    },
  );

  r.get(
    '/api/region/areas',
    {
      config: { access: 'public' },
      schema: {
        tags: ['region'],
        summary: 'Kecamatan of the region, or the kelurahan/desa of one kecamatan (`parent`)',
        querystring: z.object({
          parent: z
            .string()
            .regex(/^\d{2}\.\d{2}\.\d{2}$/)
            .optional(),
        }),
        response: { 200: z.array(areaView) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      const parent = req.query.parent;
      return req.inRegion((tx) =>
        tx
          .select({
            code: regionArea.code,
            name: regionArea.name,
            level: regionArea.level,
            parentCode: regionArea.parentCode,
          })
          .from(regionArea)
          .where(
            and(
              eq(regionArea.regionId, req.region.id),
              parent ? eq(regionArea.parentCode, parent) : isNull(regionArea.parentCode),
            ),
          )
          .orderBy(asc(regionArea.name)),
      );
    },
  );
}
