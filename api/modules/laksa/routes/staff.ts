import { inArray } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  actionInput,
  bulkDisposeInput,
  bulkResult,
  duplicateInput,
  inboxPage,
  inboxQuery,
  mapPoint,
  messageInput,
  moderationInput,
  staffReportView,
  templateView,
} from '../../../../shared/modules/laksa';
import { roleLabels } from '../../../../shared/roles';
import type { Tx } from '../../../core/db/client';
import { opd } from '../../../core/db/schema';
import { AppError, forbidden } from '../../../core/errors';
import { requireStaff, type StaffAccess, staffRelation } from '../access';
import { applyAction } from '../actions';
import { listTemplates } from '../admin';
import { mapPoints, readInbox, searchesText } from '../inbox';
import { markDuplicate, moderateReport, postMessage } from '../interactions';
import { reportParts, toStaffView } from '../views';
import { allowedActions } from '../workflow';
import { mustFind, regionEnv, reportNotFound } from './context';
import { exportRoutes } from './export';

const tags = ['laksa'];
const idParams = z.object({ id: z.string().uuid() });

/** How the staff member appears on the timeline: their OPD's short name, else their role. */
async function actorOf(req: FastifyRequest, tx: Tx, a: StaffAccess) {
  const user = req.actor();
  const names = a.opdIds.length
    ? await tx.select({ n: opd.shortName }).from(opd).where(inArray(opd.id, a.opdIds))
    : [];
  const role = req.user?.roles.find((x) => x.role !== 'citizen')?.role;
  return { ...user, label: names[0]?.n ?? (role ? roleLabels[role].id : 'Petugas') };
}

/** Loads a report the staff member may open (404 otherwise, as if it did not exist). */
async function openReport(tx: Tx, a: StaffAccess, id: string) {
  const report = await mustFind(tx, { id });
  const rel = await staffRelation(tx, a, report);
  if (!rel.canSee) throw reportNotFound();
  return { report, rel };
}

async function staffView(req: FastifyRequest, tx: Tx, a: StaffAccess, id: string) {
  const { report, rel } = await openReport(tx, a, id);
  const parts = await reportParts(tx, report, 'staff', req.basePath);
  return toStaffView(tx, report, parts, {
    allowedActions: allowedActions(report.status, rel.capacities),
    canModerate: a.moderate,
  });
}

/** Staff routes: inboxes, report detail, workflow actions, replies, duplicates, moderation. */
export async function staffRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/inbox',
    {
      config: { access: 'core:staff.access' },
      schema: {
        tags,
        summary: 'Staff inbox (queue: verification · opd · police · all), newest first',
        querystring: inboxQuery,
        response: { 200: inboxPage },
      },
    },
    (req) => {
      const a = requireStaff(req);
      const scope = { regionId: req.region.id, userId: req.user?.userId };
      const read = () => readInbox(req.server.simpul.database, scope, a, req.query, req.region.timeZone);
      // A full-text search takes its turn on the process's search slots (core/db/search-slots.ts).
      return searchesText(req.query.q) ? req.server.simpul.searches.run(read) : read();
    },
  );

  r.get(
    '/inbox/map',
    {
      config: { access: 'core:staff.access' },
      schema: {
        tags,
        summary: 'Map points of the inbox (same filters, at most 5,000)',
        querystring: inboxQuery,
        response: { 200: z.array(mapPoint) },
      },
    },
    (req) => {
      const a = requireStaff(req);
      const read = () => req.inRegion((tx) => mapPoints(tx, a, req.query, req.region.timeZone));
      return searchesText(req.query.q) ? req.server.simpul.searches.run(read) : read();
    },
  );

  await app.register(exportRoutes);

  r.get(
    '/reports/:id',
    {
      config: { access: 'core:staff.access' },
      schema: {
        tags,
        summary: 'Report detail for staff',
        params: idParams,
        response: { 200: staffReportView },
      },
    },
    (req) => {
      const a = requireStaff(req);
      return req.inRegion((tx) => staffView(req, tx, a, req.params.id));
    },
  );

  r.post(
    '/reports/:id/actions',
    {
      config: { access: 'core:staff.access' },
      schema: {
        tags,
        summary: 'Move a report through the workflow (409 when the move is not allowed from its state)',
        params: idParams,
        body: actionInput,
        response: { 200: staffReportView },
      },
    },
    (req) => {
      const a = requireStaff(req);
      return req.inRegion(async (tx) => {
        const { report, rel } = await openReport(tx, a, req.params.id);
        const env = await regionEnv(req, tx);
        const actor = await actorOf(req, tx, a);
        await applyAction(
          tx,
          { ...env, actor, capacities: rel.capacities, actorOpdIds: a.opdIds },
          report,
          req.body,
        );
        return staffView(req, tx, a, report.id);
      });
    },
  );

  r.post(
    '/reports/bulk-dispose',
    {
      config: { access: 'laksa:verify' },
      schema: {
        tags,
        summary: 'Disposition many reports to the same OPD; each succeeds or fails on its own',
        body: bulkDisposeInput,
        response: { 200: bulkResult },
      },
    },
    async (req) => {
      const a = requireStaff(req);
      const done: string[] = [];
      const failed: { ticket: string; code: string; message: string }[] = [];
      // One transaction per report: a report in the wrong state must not undo the others.
      for (const id of req.body.reportIds) {
        let ticket = id;
        try {
          await req.inRegion(async (tx) => {
            const { report, rel } = await openReport(tx, a, id);
            ticket = report.ticket;
            const env = await regionEnv(req, tx);
            await applyAction(
              tx,
              { ...env, actor: await actorOf(req, tx, a), capacities: rel.capacities },
              report,
              {
                action: 'dispose',
                opdIds: req.body.opdIds,
                note: req.body.note,
              },
            );
          });
          done.push(ticket);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          failed.push({ ticket, code: err.code, message: err.messages.id });
        }
      }
      return { done, failed };
    },
  );

  r.post(
    '/reports/:id/messages',
    {
      config: { access: 'core:staff.access' },
      schema: {
        tags,
        summary: 'Reply to the citizen, or add an internal note',
        params: idParams,
        body: messageInput,
        response: { 200: staffReportView },
      },
    },
    (req) => {
      const a = requireStaff(req);
      return req.inRegion(async (tx) => {
        const { report, rel } = await openReport(tx, a, req.params.id);
        if (!rel.canReply && !a.verify) throw forbidden();
        await postMessage(tx, req.region.id, await actorOf(req, tx, a), report, req.body);
        return staffView(req, tx, a, report.id);
      });
    },
  );

  r.post(
    '/reports/:id/duplicate',
    {
      config: { access: 'laksa:verify' },
      schema: {
        tags,
        summary: 'Mark as duplicate of another ticket (supporters carried over)',
        params: idParams,
        body: duplicateInput,
        response: { 200: staffReportView },
      },
    },
    (req) => {
      const a = requireStaff(req);
      return req.inRegion(async (tx) => {
        const { report } = await openReport(tx, a, req.params.id);
        await markDuplicate(tx, req.region.id, await actorOf(req, tx, a), report, req.body);
        return staffView(req, tx, a, report.id);
      });
    },
  );

  r.post(
    '/reports/:id/moderation',
    {
      config: { access: 'laksa:moderate' },
      schema: {
        tags,
        summary: 'Hide photos or redact the text (audited)',
        params: idParams,
        body: moderationInput,
        response: { 200: staffReportView },
      },
    },
    (req) => {
      const a = requireStaff(req);
      return req.inRegion(async (tx) => {
        const { report } = await openReport(tx, a, req.params.id);
        await moderateReport(tx, req.region.id, await actorOf(req, tx, a), report, req.body);
        return staffView(req, tx, a, report.id);
      });
    },
  );

  r.get(
    '/templates',
    {
      config: { access: 'core:staff.access' },
      schema: { tags, summary: 'Reply templates', response: { 200: z.array(templateView) } },
    },
    (req) => {
      requireStaff(req);
      return req.inRegion((tx) => listTemplates(tx));
    },
  );
}
