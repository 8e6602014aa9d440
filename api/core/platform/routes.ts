import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asPlatform } from '../db/scope';

/** Cross-region views for platform admins; each call goes through the logged platform path. */
export async function platformRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/platform/regions',
    {
      config: { access: 'core:platform.manage' },
      schema: {
        tags: ['platform'],
        summary: 'All regions with their enabled modules and account counts (platform admins)',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              code: z.string(),
              name: z.string(),
              slug: z.string(),
              modules: z.array(z.string()),
              users: z.number(),
            }),
          ),
        },
      },
    },
    async (req) => {
      const actor = req.actor();
      const rows = await asPlatform(
        app.simpul.database,
        {
          actor: `${actor.name} (${actor.id})`,
          action: 'platform.regions.list',
          reason: 'platform admin console',
          regionId: req.region.id,
        },
        (tx) =>
          tx.execute(sql`
            select r.id, r.code, r.name, r.slug,
              coalesce((select array_agg(m.module_id order by m.module_id) from region_module m where m.region_id = r.id and m.enabled), '{}') as modules,
              (select count(*)::int from app_user u where u.region_id = r.id) as users
            from region r order by r.code`),
      );
      return ((rows as unknown as { rows: unknown[] }).rows ?? rows) as never;
    },
  );
}
