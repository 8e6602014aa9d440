import { and, gte, inArray, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  incidentExport,
  kpiView,
  periodQuery,
  priorities,
  wallSummary,
} from '../../../../shared/modules/darurat';
import { invalid } from '../../../core/errors';
import { csvDialectQuery } from '../../../core/export/csv';
import { computeKpis, exportIncidents, incidentsCsv, kpiCsv, type Period } from '../kpi';
import { daruratIncident, daruratUnit } from '../schema';
import { dayStart, localToday } from '../settings';

const tags = ['darurat'];
const DAY_MS = 86_400_000;

/** from/to are local calendar days of the region, both inclusive; at most a year. */
function periodOf(req: FastifyRequest, q: { from: string; to: string }): Period {
  const from = dayStart(q.from, req.region.timeZone);
  const to = new Date(dayStart(q.to, req.region.timeZone).getTime() + DAY_MS);
  if (!(to > from) || to.getTime() - from.getTime() > 366 * DAY_MS)
    throw invalid(
      { id: 'Periode tidak valid (maksimal satu tahun).', en: 'Invalid period (at most one year).' },
      { field: 'to' },
    );
  return { from, to, fromDate: q.from, toDate: q.to };
}

/** KPIs, exports and the LIVE Room figures. */
export async function reportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const file = (name: string, from: string, to: string, ext: string) =>
    `attachment; filename="${name}-${from}_${to}.${ext}"`;

  r.get(
    '/kpi',
    {
      config: { access: 'darurat:kpi' },
      schema: {
        tags,
        summary:
          'Call volume by classification; time to create, to dispatch and response time (median, p90) by type and kecamatan',
        querystring: periodQuery,
        response: { 200: kpiView },
      },
    },
    (req) => req.inRegion((tx) => computeKpis(tx, periodOf(req, req.query))),
  );

  r.get(
    '/kpi.csv',
    {
      config: { access: 'darurat:kpi' },
      schema: { tags, summary: 'The KPIs as CSV', querystring: periodQuery.extend(csvDialectQuery.shape) },
    },
    async (req, reply) => {
      const k = await req.inRegion((tx) => computeKpis(tx, periodOf(req, req.query)));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', file('kpi-112', k.from, k.to, 'csv'))
        .send(kpiCsv(k, { timeZone: req.region.timeZone, dialect: req.query.dialect }));
    },
  );

  r.get(
    '/export/incidents.csv',
    {
      config: { access: 'darurat:kpi' },
      schema: {
        tags,
        summary: 'Incidents of a period as CSV, with the three durations in seconds (no caller identity)',
        querystring: periodQuery.extend(csvDialectQuery.shape),
      },
    },
    async (req, reply) => {
      const p = periodOf(req, req.query);
      const list = await req.inRegion((tx) => exportIncidents(tx, p));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', file('kejadian-112', p.fromDate, p.toDate, 'csv'))
        .send(incidentsCsv(list, { timeZone: req.region.timeZone, dialect: req.query.dialect }));
    },
  );

  r.get(
    '/export/incidents.json',
    {
      config: { access: 'darurat:kpi' },
      schema: {
        tags,
        summary:
          'Incidents of a period in the exchange format simpul.darurat.incidents/v1 (see the module README)',
        querystring: periodQuery,
        response: { 200: incidentExport },
      },
    },
    async (req) => {
      const p = periodOf(req, req.query);
      const incidents = await req.inRegion((tx) => exportIncidents(tx, p));
      return {
        format: 'simpul.darurat.incidents/v1' as const,
        region: { code: req.region.code, name: req.region.name },
        from: p.from.toISOString(),
        to: p.to.toISOString(),
        generatedAt: new Date().toISOString(),
        incidents,
      };
    },
  );

  r.get(
    '/wall/summary',
    {
      config: { access: 'core:live.watch' },
      schema: {
        tags,
        summary: 'LIVE Room figures: open incidents by priority, units available/busy, incidents today',
        response: { 200: wallSummary },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const open = await tx
          .select({ priority: daruratIncident.priority, n: sql<number>`count(*)::int` })
          .from(daruratIncident)
          .where(inArray(daruratIncident.status, ['baru', 'ditugaskan', 'dalam_perjalanan', 'di_lokasi']))
          .groupBy(daruratIncident.priority);
        const [units] = await tx
          .select({
            available: sql<number>`(count(*) filter (where ${daruratUnit.status} = 'tersedia'))::int`,
            busy: sql<number>`(count(*) filter (where ${daruratUnit.status} in ('ditugaskan','dalam_perjalanan','di_lokasi')))::int`,
          })
          .from(daruratUnit);
        const today = localToday(req.region.timeZone);
        const [count] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(daruratIncident)
          .where(and(gte(daruratIncident.callReceivedAt, dayStart(today, req.region.timeZone))));
        return {
          open: Object.fromEntries(
            priorities.map((p) => [p, open.find((o) => o.priority === p)?.n ?? 0]),
          ) as Record<(typeof priorities)[number], number>,
          unitsAvailable: units?.available ?? 0,
          unitsBusy: units?.busy ?? 0,
          today: count?.n ?? 0,
        };
      }),
  );
}
