import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../../../shared/dates';
import { kpiRow, liveUnitRow, reportQuery } from '../../../../shared/modules/antrian';
import { conflict } from '../../../core/errors';
import { csvText } from '../../../core/export/csv';
import { localClock } from '../clock';
import { kpis, liveFigures, taskIds } from '../reports';
import { unitByCode } from '../setup';
import { tags as baseTags } from './context';

const tags = [...baseTags, 'antrian-reports'];
const report = 'antrian:report' as const;
const columns = Object.keys(kpiRow.shape) as (keyof typeof kpiRow.shape)[];

/** Leadership's figures, the hospital task-id export and the LIVE Room card. */
export async function reportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/reports',
    {
      config: { access: report },
      schema: {
        tags,
        summary: 'Tickets, waiting and service times, no-shows and IKM per unit and service, counter or hour',
        querystring: reportQuery,
        response: { 200: z.array(kpiRow) },
      },
    },
    (req) => req.inRegion((tx) => kpis(tx, req.query, req.region.timeZone)),
  );
  r.get(
    '/reports.csv',
    {
      config: { access: report },
      schema: { tags, summary: 'The same figures as CSV', querystring: reportQuery, produces: ['text/csv'] },
    },
    async (req, reply) => {
      const rows = await req.inRegion((tx) => kpis(tx, req.query, req.region.timeZone));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="antrian-${req.query.from}-${req.query.to}.csv"`)
        .send(
          csvText(
            rows.map((x) => columns.map((c) => x[c])),
            { header: true, columns, timeZone: req.region.timeZone },
          ),
        );
    },
  );
  r.get(
    '/reports/task-ids',
    {
      config: { access: report },
      schema: {
        tags,
        summary:
          'A health unit’s day as hospital online-queue task ids (kodebooking, taskid, waktu in epoch ms)',
        querystring: z.object({ unit: z.string().max(40), date: isoDate }),
        response: {
          200: z.array(
            z.object({ kodebooking: z.string(), taskid: z.number().int(), waktu: z.number().int() }),
          ),
        },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const unit = await unitByCode(tx, req.query.unit);
        if (unit.kind !== 'health')
          throw conflict({
            id: 'Ekspor task id hanya untuk unit kesehatan.',
            en: 'Task-id export is for health units only.',
          });
        return taskIds(tx, unit.id, unit.code, req.query.date);
      }),
  );
  r.get(
    '/live',
    {
      config: { access: 'core:live.watch' },
      schema: {
        tags,
        summary: 'LIVE Room: people waiting now per unit and the longest wait',
        response: { 200: z.array(liveUnitRow) },
      },
    },
    (req) =>
      req.inRegion((tx) => liveFigures(tx, localClock(new Date(), req.region.timeZone).date, new Date())),
  );
}
