import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { issuedStatsRow, typeView } from '../../../../shared/modules/perizinan';
import { todayInRegion } from '../../../core/calendar/region-calendar';
import { localInstant } from '../../../core/calendar/working-days';
import { csvText } from '../../../core/export/csv';
import { openDataLinks } from '../../../core/open-data/licence';
import { getType, listTypes, typeNotFound } from '../catalogue';
import { issuedPerMonth, liveFigures } from '../tasks';
import { tags } from './context';

const liveSummary = z
  .object({
    submittedToday: z.number().int(),
    issuedToday: z.number().int(),
    inProgress: z.number().int(),
    overdueByOpd: z.array(z.object({ opd: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'IzinLiveSummary' });

/** The service standard anyone may read, open data, and the LIVE Room's figures. */
export async function publicRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/types',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'The permit catalogue: every active type with its service standard (requirements, procedure, time, cost, product)',
        response: { 200: z.array(typeView) },
      },
    },
    (req) => req.inRegion((tx) => listTypes(tx, { includeInactive: false })),
  );
  r.get(
    '/types/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One permit type at its current version (the published service standard)',
        params: z.object({ code: z.string().regex(/^[a-z0-9-]{2,40}$/) }),
        response: { 200: typeView },
      },
    },
    async (req) => {
      const type = await req.inRegion((tx) => getType(tx, req.params.code));
      if (!type.active) throw typeNotFound();
      return type;
    },
  );
  r.get(
    '/open-data/issued',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Open data: permits issued per type per month (counts only, no personal data)',
        response: { 200: z.array(issuedStatsRow) },
      },
    },
    async (req, reply) => {
      openDataLinks(reply, `${req.basePath}/api/m/perizinan/types`);
      return req.inRegion((tx) => issuedPerMonth({ tx }));
    },
  );
  r.get(
    '/open-data/issued.csv',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'The same open data as CSV', produces: ['text/csv'] },
    },
    async (req, reply) => {
      const rows = await req.inRegion((tx) => issuedPerMonth({ tx }));
      openDataLinks(reply, `${req.basePath}/api/m/perizinan/types`);
      return reply.type('text/csv; charset=utf-8').send(
        csvText(
          rows.map((r) => [r.month, r.typeCode, r.typeName, r.issued]),
          {
            header: true,
            columns: ['month', 'type_code', 'type_name', 'issued'],
            timeZone: req.region.timeZone,
          },
        ),
      );
    },
  );
  r.get(
    '/live/summary',
    {
      config: { access: 'core:live.watch' },
      schema: {
        tags,
        summary: 'Figures for the LIVE Room wall: permits in and issued today, overdue per OPD',
        response: { 200: liveSummary },
      },
    },
    (req) =>
      req.inRegion(async (tx) =>
        liveFigures({ tx }, localInstant(await todayInRegion(tx), req.region.timeZone)),
      ),
  );
}
