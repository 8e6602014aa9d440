import { and, asc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { areaGeoView, locateQuery, locateView, regionMapView } from '../../../shared/map';
import { areaView, regionPublicView } from '../../../shared/region';
import { regionArea } from '../db/schema';
import type { SimpulModule } from '../modules/types';
import { basemapFileRoute } from './basemap-file';
import { areasWithGeometry, locateArea } from './locate';
import { presentRegionMap, regionMapSettingOf } from './map';
import { presentRegion } from './view';

/**
 * The region's public facts. `/api/region` and `/api/region/map` answer from the region directory
 * (memory); the area reads opt into read replicas (`replica: true`, docs/SCALING.md §3).
 */
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
      return presentRegion(req.region, req.basePath, app.simpul.directory, modules, app.simpul.config);
    },
  );

  r.get(
    '/api/region/areas',
    {
      config: { access: 'public', replica: true },
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
      return req.readPublic((tx) =>
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

  r.get(
    '/api/region/map',
    {
      config: { access: 'public' },
      schema: {
        tags: ['region'],
        summary: 'Where maps of the region open (bounds, centre) and the basemap they draw',
        response: { 200: regionMapView },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-cache');
      return presentRegionMap(req.region.map, req.basePath, app.simpul.config);
    },
  );

  r.get(
    '/api/region/areas/geo',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags: ['region'],
        summary: 'Areas with a centroid or an outline (GeoJSON), for drawing on maps',
        response: { 200: z.array(areaGeoView) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return req.readPublic((tx) => areasWithGeometry(tx, req.region.id));
    },
  );

  r.get(
    '/api/region/areas/locate',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags: ['region'],
        summary:
          'Kecamatan and kelurahan at a point: inside an outline (boundary), else the nearest centroid; nulls outside the region',
        querystring: locateQuery,
        response: { 200: locateView },
      },
    },
    async (req, reply) => {
      // Cheap (the region's areas, no personal data) and cacheable: a pin dragged back and forth
      // is answered by the browser's cache.
      reply.header('cache-control', 'public, max-age=600');
      const bounds = regionMapSettingOf(req.region.map).bounds;
      return req.readPublic((tx) => locateArea(tx, req.region.id, bounds, req.query.lat, req.query.lng));
    },
  );

  await basemapFileRoute(app);
}
