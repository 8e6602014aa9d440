import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../../../shared/dates';
import {
  assignmentInput,
  assignmentView,
  classificationInput,
  positionInput,
  positionView,
} from '../../../../shared/modules/eoffice';
import { todayInRegion } from '../../../core/calendar/region-calendar';
import { rowsOf } from '../../../core/db/client';
import { assign, endAssignment, listAssignments, listPositions, savePosition } from '../org';
import { eofficeClassification } from '../schema';
import { manageScope, tags } from './context';

const manage = 'eoffice:manage' as const;
const idParams = z.object({ id: z.string().uuid() });
const classificationView = z.object({
  code: z.string(),
  name: z.string(),
  activeYears: z.number(),
  inactiveYears: z.number(),
  final: z.enum(['musnah', 'permanen', 'dinilai_kembali']),
});

/** The organisation (positions and who holds them) and the archive classification. */
export async function adminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/positions',
    {
      config: { access: 'eoffice:use' },
      schema: {
        tags,
        summary: 'Positions (of one OPD, or all) with today’s holders: to address letters and dispositions',
        querystring: z.object({ opdCode: z.string().max(40).optional() }),
        response: { 200: z.array(positionView) },
      },
    },
    (req) => req.inRegion(async (tx) => listPositions(tx, await todayInRegion(tx), req.query.opdCode)),
  );
  r.post(
    '/positions',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Add a position',
        body: positionInput,
        response: { 201: z.object({ id: z.string().uuid() }) },
      },
    },
    async (req, reply) => {
      const row = await req.inRegion((tx) =>
        savePosition(tx, req.region.id, manageScope(req), req.body, req.actor()),
      );
      return reply.code(201).send({ id: row.id });
    },
  );
  r.put(
    '/positions/:id',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Change a position',
        params: idParams,
        body: positionInput,
        response: { 200: z.object({ id: z.string().uuid() }) },
      },
    },
    async (req) => {
      const row = await req.inRegion((tx) =>
        savePosition(tx, req.region.id, manageScope(req), req.body, req.actor(), req.params.id),
      );
      return { id: row.id };
    },
  );
  r.get(
    '/positions/:id/assignments',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Who held a position, and when',
        params: idParams,
        response: { 200: z.array(assignmentView) },
      },
    },
    (req) => req.inRegion((tx) => listAssignments(tx, req.params.id)),
  );
  r.post(
    '/assignments',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Put a staff member on a position (definitif, Plt or Plh) for a period',
        body: assignmentInput,
        response: { 201: assignmentView },
      },
    },
    async (req, reply) => {
      const row = await req.inRegion((tx) =>
        assign(tx, req.region.id, manageScope(req), req.body, req.actor()),
      );
      return reply.code(201).send(row);
    },
  );
  r.post(
    '/assignments/:id/end',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'End an assignment on a day (rotation)',
        params: idParams,
        body: z.object({ endsOn: isoDate }),
      },
    },
    async (req, reply) => {
      await req.inRegion((tx) => endAssignment(tx, manageScope(req), req.params.id, req.body.endsOn));
      return reply.code(204).send();
    },
  );
  r.get(
    '/classifications',
    {
      config: { access: 'eoffice:use' },
      schema: {
        tags,
        summary: 'The archive classification with retention',
        response: { 200: z.array(classificationView) },
      },
    },
    (req) =>
      req.inRegion((tx) =>
        tx
          .select({
            code: eofficeClassification.code,
            name: eofficeClassification.name,
            activeYears: eofficeClassification.activeYears,
            inactiveYears: eofficeClassification.inactiveYears,
            final: eofficeClassification.final,
          })
          .from(eofficeClassification)
          .orderBy(eofficeClassification.code),
      ),
  );
  r.put(
    '/classifications/:code',
    {
      config: { access: 'eoffice:retention' },
      schema: {
        tags,
        summary: 'Add or change a classification and its retention (Jadwal Retensi Arsip)',
        params: z.object({ code: classificationInput.shape.code }),
        body: classificationInput.omit({ code: true }),
        response: { 200: classificationView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const [row] = rowsOf<z.infer<typeof classificationView>>(
          await tx.execute(sql`insert into eoffice_classification (region_id, code, name, active_years, inactive_years, final)
            values (${req.region.id}, ${req.params.code}, ${req.body.name}, ${req.body.activeYears}, ${req.body.inactiveYears}, ${req.body.final})
            on conflict (region_id, code) do update set name = excluded.name, active_years = excluded.active_years,
              inactive_years = excluded.inactive_years, final = excluded.final
            returning code, name, active_years as "activeYears", inactive_years as "inactiveYears", final`),
        );
        return row!;
      }),
  );
}
