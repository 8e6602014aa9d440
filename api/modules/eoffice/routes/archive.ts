import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../../../shared/dates';
import { archiveItem, archiveQuery, retentionProposalView } from '../../../../shared/modules/eoffice';
import { todayInRegion } from '../../../core/calendar/region-calendar';
import { rowsOf } from '../../../core/db/client';
import { csvDialectQuery, csvText } from '../../../core/export/csv';
import { XLSX_MIME, xlsxSheet } from '../../../core/export/excel';
import {
  agendaBook,
  agendaColumns,
  decideRetention,
  exportRecords,
  listProposals,
  proposeRetention,
  retentionDue,
  searchArchive,
} from '../archive';
import { tags, viewer } from './context';

const archive = 'eoffice:archive' as const;
const agendaQuery = z.object({
  book: z.enum(['in', 'out']),
  opdCode: z.string().min(2).max(40),
  year: z.coerce.number().int().min(2000).max(2100),
});
const actionInput = z.object({
  action: z.enum(['inaktif', 'musnah', 'permanen']),
  opdCode: z.string().max(40).optional(),
});

/** The archive, agenda books, retention, and the LIVE Room's figures. */
export async function archiveRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/archive',
    {
      config: { access: 'eoffice:use' },
      schema: {
        tags,
        summary:
          'Search signed and registered letters I may read (words, number, classification, office, dates)',
        querystring: archiveQuery,
        response: { 200: z.object({ items: z.array(archiveItem) }) },
      },
    },
    (req) => {
      const read = () =>
        req.inRegion(async (tx) => ({ items: await searchArchive(tx, await viewer(tx, req), req.query) }));
      // Words go through the search door: a full-text search takes its turn (core/db/search-slots.ts).
      return req.query.q?.trim() ? req.server.simpul.searches.run(read) : read();
    },
  );
  const book = (req: FastifyRequest, q: z.infer<typeof agendaQuery>) =>
    req.inRegion(async (tx) => agendaBook(tx, await viewer(tx, req), q.book, q.opdCode, q.year));
  r.get(
    '/archive/agenda.csv',
    {
      config: { access: archive },
      schema: {
        tags,
        summary: 'An office’s agenda book (incoming or outgoing) for a year, as CSV',
        querystring: agendaQuery.merge(csvDialectQuery),
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const rows = await book(req, req.query);
      const columns = agendaColumns[req.query.book];
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="agenda-${req.query.book === 'in' ? 'masuk' : 'keluar'}-${req.query.opdCode}-${req.query.year}.csv"`,
        )
        .send(
          csvText(
            rows.map((row) => columns.map((c) => row[c] ?? '')),
            {
              header: true,
              columns: [...columns],
              timeZone: req.region.timeZone,
              dialect: req.query.dialect,
            },
          ),
        );
    },
  );
  r.get(
    '/archive/agenda.xlsx',
    {
      config: { access: archive },
      schema: {
        tags,
        summary: 'An office’s agenda book for a year, as an Excel workbook',
        querystring: agendaQuery,
      },
    },
    async (req, reply) => {
      const rows = await book(req, req.query);
      const columns = agendaColumns[req.query.book];
      return reply
        .type(XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="agenda-${req.query.book === 'in' ? 'masuk' : 'keluar'}-${req.query.opdCode}-${req.query.year}.xlsx"`,
        )
        .send(
          await xlsxSheet(
            req.query.book === 'in' ? 'Agenda masuk' : 'Agenda keluar',
            columns,
            rows.map((row) => columns.map((c) => row[c] ?? '')),
          ),
        );
    },
  );
  r.get(
    '/archive/export.json',
    {
      config: { access: archive },
      schema: {
        tags,
        summary:
          'An office’s ordinary records over a period with their ANRI description and signed file hash, for another records system (SRIKANDI)',
        querystring: z.object({ opdCode: z.string().min(2).max(40), from: isoDate, to: isoDate }),
        response: { 200: z.object({ records: z.array(z.record(z.string(), z.unknown())) }) },
      },
    },
    (req) =>
      req.inRegion(async (tx) => ({
        records: await exportRecords(
          tx,
          await viewer(tx, req),
          req.query.opdCode,
          req.query.from,
          req.query.to,
        ),
      })),
  );
  r.get(
    '/archive/retention',
    {
      config: { access: archive },
      schema: {
        tags,
        summary: 'Records due to move to the inactive archive, to be destroyed, or to be kept permanently',
        querystring: z.object({ opdCode: z.string().max(40).optional() }),
        response: {
          200: z.object({
            due: z.array(
              z.object({ action: z.enum(['inaktif', 'musnah', 'permanen']), letters: z.array(archiveItem) }),
            ),
          }),
        },
      },
    },
    (req) =>
      req.inRegion(async (tx) => ({ due: await retentionDue(tx, await viewer(tx, req), req.query.opdCode) })),
  );
  r.post(
    '/archive/retention',
    {
      config: { access: archive },
      schema: {
        tags,
        summary: 'Propose a retention step for what is due (approval carries it out)',
        body: actionInput,
        response: { 201: z.object({ id: z.string().uuid(), letters: z.number() }) },
      },
    },
    async (req, reply) => {
      const row = await req.inRegion(async (tx) =>
        proposeRetention(tx, req.region.id, await viewer(tx, req), req.body.action, req.body.opdCode),
      );
      return reply.code(201).send({ id: row.id, letters: row.letterIds.length });
    },
  );
  r.get(
    '/archive/retention/proposals',
    {
      config: { access: archive },
      schema: {
        tags,
        summary: 'Retention proposals and decisions',
        response: { 200: z.array(retentionProposalView) },
      },
    },
    (req) => req.inRegion((tx) => listProposals(tx)),
  );
  for (const decision of ['approve', 'reject'] as const)
    r.post(
      `/archive/retention/:id/${decision}`,
      {
        config: { access: 'eoffice:retention' },
        schema: {
          tags,
          summary: `${decision === 'approve' ? 'Approve (and carry out)' : 'Reject'} a retention proposal`,
          params: z.object({ id: z.string().uuid() }),
          body: z.object({ note: z.string().trim().max(1000).default('') }),
        },
      },
      async (req, reply) => {
        const purge = await req.inRegion(async (tx) =>
          decideRetention(
            tx,
            req.region.id,
            await viewer(tx, req),
            req.params.id,
            decision === 'approve',
            req.body.note,
          ),
        );
        // The bytes go only once the decision has committed.
        for (const key of purge) await req.server.simpul.files.delete(key);
        return reply.code(204).send();
      },
    );
  r.get(
    '/summary',
    {
      config: { access: 'eoffice:report' },
      schema: {
        tags,
        summary:
          'LIVE Room: letters in and signed today, open and overdue dispositions per office, average time to finish',
        response: {
          200: z.object({
            lettersInToday: z.number(),
            signedToday: z.number(),
            dispositionsOpen: z.number(),
            dispositionsOverdue: z.number(),
            overdueByOpd: z.array(z.object({ opdName: z.string(), count: z.number() })),
            avgFinishHours: z.number().nullable(),
          }),
        },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const today = await todayInRegion(tx);
        const [t] = rowsOf<{
          in_today: number;
          signed_today: number;
          open: number;
          overdue: number;
          avg_hours: number | null;
        }>(
          await tx.execute(sql`select
            (select count(distinct r.letter_id) from eoffice_recipient r join eoffice_letter l on l.region_id = r.region_id and l.id = r.letter_id
              where r.delivered_at is not null and l.dated = ${today}::date)::int as in_today,
            (select count(*) from eoffice_letter where status = 'signed' and dated = ${today}::date)::int as signed_today,
            (select count(*) from eoffice_disposition where state = 'open')::int as open,
            (select count(*) from eoffice_disposition where state = 'open' and due_on < ${today}::date)::int as overdue,
            (select avg(extract(epoch from done_at - created_at) / 3600) from eoffice_disposition
              where state = 'done' and done_at > now() - interval '30 days')::float8 as avg_hours`),
        );
        const byOpd = rowsOf<{ opd_name: string; count: number }>(
          await tx.execute(sql`select o.short_name as opd_name, count(*)::int as count from eoffice_disposition d
            join eoffice_position p on p.region_id = d.region_id and p.id = d.to_position_id
            join opd o on o.region_id = p.region_id and o.id = p.opd_id
            where d.state = 'open' and d.due_on < ${today}::date group by o.short_name order by 2 desc limit 8`),
        );
        return {
          lettersInToday: Number(t?.in_today ?? 0),
          signedToday: Number(t?.signed_today ?? 0),
          dispositionsOpen: Number(t?.open ?? 0),
          dispositionsOverdue: Number(t?.overdue ?? 0),
          overdueByOpd: byOpd.map((o) => ({ opdName: o.opd_name, count: Number(o.count) })),
          avgFinishHours: t?.avg_hours == null ? null : Math.round(Number(t.avg_hours) * 10) / 10,
        };
      }),
  );
}
