import { gte, notInArray, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { closedStatuses, liveSummary } from '../../../../shared/modules/laksa';
import { laksaOpdDetail, laksaWallView } from '../../../../shared/modules/laksa-live';
import { calendarFor } from '../../../core/calendar/region-calendar';
import { localInstant } from '../../../core/calendar/working-days';
import { overdueSql } from '../inbox';
import { laksaReport as r } from '../schema';
import { laksaOpdDetail as opdDetail, laksaWallView as wallView } from '../wall-view';

/** The LIVE Room wall's LAKSA figures; the wall reloads them when a LAKSA event arrives. */
export async function liveRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/live/summary',
    {
      config: { access: 'core:live.watch' },
      schema: {
        tags: ['laksa'],
        summary: 'Today’s figures for the LIVE Room wall',
        response: { 200: liveSummary },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const calendar = await calendarFor(tx, req.region);
        const today = localInstant(calendar.localDate(new Date()), req.region.timeZone);
        const [row] = await tx
          .select({
            createdToday: sql<number>`(count(*) filter (where ${gte(r.createdAt, today)}))::int`,
            resolvedToday: sql<number>`(count(*) filter (where ${gte(r.resolvedAt, today)}))::int`,
            awaitingVerification: sql<number>`(count(*) filter (where ${r.status} = 'menunggu_verifikasi'))::int`,
            open: sql<number>`(count(*) filter (where ${notInArray(r.status, [...closedStatuses])}))::int`,
            overdue: sql<number>`(count(*) filter (where ${overdueSql}))::int`,
          })
          .from(r);
        return row ?? { createdToday: 0, resolvedToday: 0, awaitingVerification: 0, open: 0, overdue: 0 };
      }),
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/live/wall',
    {
      config: { access: 'core:live.watch' },
      schema: {
        tags: ['laksa'],
        summary: 'LIVE Room: headline counters, OPD league (today / 7 / 30 days) and 30-day trends',
        response: { 200: laksaWallView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const calendar = await calendarFor(tx, req.region);
        return wallView(tx, req.region.id, calendar.localDate(new Date()));
      }),
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/live/opd/:id',
    {
      config: { access: 'core:live.watch' },
      schema: {
        tags: ['laksa'],
        summary: 'LIVE Room: one OPD’s figures per day over 30 days and its open reports by state',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: laksaOpdDetail },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const calendar = await calendarFor(tx, req.region);
        return opdDetail(tx, calendar.localDate(new Date()), req.params.id);
      }),
  );
}
