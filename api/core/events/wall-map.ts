import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { wallMapItem } from '../../../shared/live';
import { inRegion } from '../db/scope';
import type { SimpulModule } from '../modules/types';

/** Per module; the wall clusters markers, but a browser should not get an unbounded list. */
const MAX_ITEMS_PER_MODULE = 2000;

/**
 * GET /api/live/map: the LIVE Room map's starting state — the `wall.mapItems` of every module
 * enabled in the region, merged, newest first. After this the wall keeps the map current from the
 * stream (`data.wall` of each event), so this runs once per wall load and after a reconnect.
 */
export async function wallMapRoutes(app: FastifyInstance, modules: readonly SimpulModule[]) {
  const withMap = modules.filter((m) => m.wall?.mapItems);
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/live/map',
    {
      config: { access: 'core:live.watch' },
      schema: {
        tags: ['live'],
        summary: 'Open items of every enabled module for the LIVE Room wall map (no personal data)',
        response: {
          200: z.object({ items: z.array(wallMapItem), truncated: z.array(z.string()) }),
        },
      },
    },
    async (req) => {
      // Read the switches before the transaction (moduleStates must not run inside one).
      const states = await app.simpul.directory.moduleStates(req.region.id);
      const active = withMap.filter((m) => states.get(m.id)?.enabled);
      return inRegion(app.simpul.database, { regionId: req.region.id }, async (tx) => {
        const items = [];
        const truncated: string[] = [];
        // One module after another on the one transaction (a connection runs one query at a time).
        for (const m of active) {
          const got = await m.wall!.mapItems({ tx, regionId: req.region.id, limit: MAX_ITEMS_PER_MODULE });
          if (got.length >= MAX_ITEMS_PER_MODULE) truncated.push(m.id);
          items.push(...got.slice(0, MAX_ITEMS_PER_MODULE));
        }
        items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
        return { items, truncated };
      });
    },
  );
}
