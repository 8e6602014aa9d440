import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { usageOpenInput } from '../../../shared/usage';
import { inRegion } from '../db/scope';
import type { SimpulModule } from '../modules/types';
import { countOpen } from './count';

/**
 * POST /api/usage/open: the web's beacon when a module page opens (navigator.sendBeacon). It is
 * anonymous on purpose — the session cookie is not even read (`anonymous`), so no CSRF token is
 * needed and nothing ties the count to a person — validated (a module enabled in the region) and
 * rate-limited per address.
 */
export async function usageRoutes(app: FastifyInstance, modules: readonly SimpulModule[]) {
  const known = new Set(modules.map((m) => m.id));
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/usage/open',
    {
      config: {
        access: 'public',
        anonymous: true,
        // Generous: many phones share one address behind carrier-grade NAT.
        rateLimit: { max: 600, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['usage'],
        summary: 'Count one opening of a module page (anonymous beacon; no personal data)',
        body: usageOpenInput,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const { module, surface } = req.body;
      // Unknown or switched-off modules are not counted, but the beacon is told nothing (204).
      if (known.has(module) && (await app.simpul.directory.isModuleEnabled(req.region.id, module)))
        await inRegion(app.simpul.database, { regionId: req.region.id }, (tx) =>
          countOpen(tx, req.region, module, surface),
        );
      return reply.code(204).send(null);
    },
  );
}
