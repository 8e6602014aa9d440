import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayIn } from '../settings';

export const liveSummary = z
  .object({
    openVacancies: z.number(),
    openPositions: z.number(),
    applicationsToday: z.number(),
    ak1IssuedToday: z.number(),
    placementsMonth: z.number(),
    waiting: z.number(),
  })
  .meta({ id: 'KerjaLiveSummary' });

/** The LIVE Room widget's figures: a handful of indexed counts. */
export async function liveRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/live/summary',
    {
      config: { access: 'core:live.watch' },
      schema: {
        tags: ['siap-kerja'],
        summary: 'Figures for the LIVE Room wall',
        response: { 200: liveSummary },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const today = await todayIn(tx);
        const res = (await tx.execute(sql`select
          (select count(*)::int from siap_kerja_vacancy where status = 'terbuka' and valid_until >= ${today}) as open_vacancies,
          (select coalesce(sum(count - filled), 0)::int from siap_kerja_vacancy where status = 'terbuka' and valid_until >= ${today}) as open_positions,
          (select count(*)::int from siap_kerja_application where created_at >= ${today}::date) as applications_today,
          (select count(*)::int from siap_kerja_ak1 where decided_at >= ${today}::date and status = 'terbit') as ak1_today,
          (select count(*)::int from siap_kerja_application where status = 'diterima' and updated_at >= date_trunc('month', ${today}::date)) as placements_month,
          ((select count(*) from siap_kerja_ak1 where status = 'diajukan') + (select count(*) from siap_kerja_vacancy where status = 'menunggu'))::int as waiting
        `)) as unknown as { rows: Record<string, number>[] };
        const x = res.rows[0] ?? {};
        return {
          openVacancies: Number(x.open_vacancies ?? 0),
          openPositions: Number(x.open_positions ?? 0),
          applicationsToday: Number(x.applications_today ?? 0),
          ak1IssuedToday: Number(x.ak1_today ?? 0),
          placementsMonth: Number(x.placements_month ?? 0),
          waiting: Number(x.waiting ?? 0),
        };
      }),
  );
}
