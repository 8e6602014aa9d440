import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  actionInput,
  myListItem,
  myReportView,
  nearbyItem,
  nearbyQuery,
  notificationView,
  ratingInput,
  reportInput,
} from '../../../../shared/modules/laksa';
import { calendarFor } from '../../../core/calendar/region-calendar';
import { forbidden } from '../../../core/errors';
import { HourlyLimiter } from '../../../core/http/hourly-limiter';
import { applyAction } from '../actions';
import { fileReport } from '../intake';
import { rateReport, supportReport } from '../interactions';
import { nearbyOpen } from '../public';
import { laksaCategory, laksaNotification, laksaReport, laksaSupport } from '../schema';
import { laksaSettingsOf } from '../settings';
import { reportParts, toMyView } from '../views';
import { isUniqueViolation, mustFind, regionEnv, reportNotFound } from './context';

const tags = ['laksa'];
const ticketParams = z.object({ ticket: z.string().min(5).max(40) });
const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/)
    .optional()
    .describe('One key per report draft; a retry with the same key returns the first result (exactly once)'),
  'x-device-id': z.string().max(100).optional(),
});

/** Citizen routes: file, follow and rate reports. Mounted at /api/m/laksa. */
export async function citizenRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limiter = new HourlyLimiter((limit) => ({
    id: `Terlalu banyak laporan (maksimal ${limit} per jam). Coba lagi nanti.`,
    en: `Too many reports (at most ${limit} an hour). Try again later.`,
  }));

  r.post(
    '/reports',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'File a report (201 new; 200 when the Idempotency-Key was already used for this same report)',
        headers: idempotencyHeaders,
        body: reportInput,
        response: {
          200: z.object({ id: z.string().uuid(), ticket: z.string() }),
          201: z.object({ id: z.string().uuid(), ticket: z.string() }),
        },
      },
    },
    async (req, reply) => {
      const user = req.actor();
      const key = req.headers['idempotency-key'] ?? null;
      const device = req.headers['x-device-id'];
      // Outside any transaction: the directory's cache may need its own query.
      const settings = await laksaSettingsOf(req.server.simpul.directory, req.region.id);
      // Per citizen and device; many phones share one address behind carrier-grade NAT, so the
      // per-IP limit is ten times wider.
      const keys: [string, number][] = [
        [`u:${req.region.id}:${user.id}`, settings.reportsPerHour],
        [`ip:${req.region.id}:${req.ip}`, settings.reportsPerHour * 10],
        ...(device ? [[`d:${req.region.id}:${device}`, settings.reportsPerHour] as [string, number]] : []),
      ];
      // One transaction: fileReport answers a replay from its own idempotency lookup before the
      // flood limit applies (offline phones retry), and checks the limit for a new report. The
      // settings read above serve the filing too (one query less than regionEnv).
      const file = () =>
        req.inRegion(async (tx) =>
          fileReport(
            tx,
            {
              regionId: req.region.id,
              regionCode: req.region.code,
              settings,
              calendar: await calendarFor(tx, req.region),
            },
            req.body,
            {
              reporterId: user.id,
              source: 'app',
              idempotencyKey: key,
              beforeFiling: () => limiter.check(keys),
            },
          ),
        );
      let result: Awaited<ReturnType<typeof file>>;
      try {
        result = await file();
      } catch (err) {
        // Two copies of one offline submission raced: the loser reads the winner's report.
        if (!isUniqueViolation(err, 'laksa_report_idempotency_uq')) throw err;
        result = await file();
      }
      if (result.created) limiter.hit(keys.map(([k]) => k));
      return reply.code(result.created ? 201 : 200).send({ id: result.id, ticket: result.ticket });
    },
  );

  r.get(
    '/reports/nearby',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Open reports of a category near a point (support one instead of filing a duplicate)',
        querystring: nearbyQuery,
        response: { 200: z.array(nearbyItem) },
      },
    },
    (req) => req.inRegion((tx) => nearbyOpen(tx, req.query)),
  );

  r.post(
    '/reports/:ticket/support',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Support (+1, follow) a report',
        params: ticketParams,
        response: { 200: z.object({ supportCount: z.number().int() }) },
      },
    },
    async (req) => {
      const user = req.actor();
      return req.inRegion(async (tx) => ({
        supportCount: await supportReport(tx, req.region.id, user.id, await mustFind(tx, req.params)),
      }));
    },
  );

  r.post(
    '/reports/:ticket/rating',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Rate a resolved report (reporter only, once)',
        params: ticketParams,
        body: ratingInput,
        response: { 200: myReportView },
      },
    },
    async (req) => {
      const user = req.actor();
      return req.inRegion(async (tx) => {
        const report = await mustFind(tx, req.params);
        if (report.reporterId !== user.id) throw forbidden();
        await rateReport(tx, req.region.id, user.id, report, req.body);
        return myView(req, tx, report.id, user.id);
      });
    },
  );

  r.post(
    '/reports/:ticket/reopen',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Reopen a resolved report within the region’s window (reporter only): Ditinjau Ulang',
        params: ticketParams,
        body: z.object({ note: z.string().trim().min(3).max(4000) }),
        response: { 200: myReportView },
      },
    },
    async (req) => {
      const user = req.actor();
      return req.inRegion(async (tx) => {
        const report = await mustFind(tx, req.params);
        if (report.reporterId !== user.id) throw forbidden();
        const env = await regionEnv(req, tx);
        await applyAction(
          tx,
          {
            ...env,
            actor: { id: user.id, name: user.name, label: 'Pelapor' },
            capacities: new Set(['reporter']),
          },
          report,
          actionInput.parse({ action: 'reopen', note: req.body.note }),
        );
        return myView(req, tx, report.id, user.id);
      });
    },
  );

  r.get(
    '/my/reports',
    {
      config: { access: 'user' },
      schema: { tags, summary: 'My reports and the ones I support', response: { 200: z.array(myListItem) } },
    },
    async (req) => {
      const user = req.actor();
      return req.inRegion(async (tx) => {
        const supported = tx
          .select({ id: laksaSupport.reportId })
          .from(laksaSupport)
          .where(eq(laksaSupport.userId, user.id));
        const rows = await tx
          .select({
            ticket: laksaReport.ticket,
            type: laksaReport.type,
            categoryName: laksaCategory.name,
            status: laksaReport.status,
            description: sql<string>`left(${laksaReport.description}, 200)`,
            reporterId: laksaReport.reporterId,
            unread: sql<number>`(select count(*)::int from ${laksaNotification} n where n.region_id = ${laksaReport.regionId}
              and n.report_id = ${laksaReport.id} and n.user_id = ${user.id} and n.read_at is null)`,
            createdAt: laksaReport.createdAt,
            updatedAt: laksaReport.updatedAt,
          })
          .from(laksaReport)
          .innerJoin(
            laksaCategory,
            and(
              eq(laksaCategory.regionId, laksaReport.regionId),
              eq(laksaCategory.id, laksaReport.categoryId),
            ),
          )
          .where(sql`${laksaReport.reporterId} = ${user.id} or ${inArray(laksaReport.id, supported)}`)
          .orderBy(desc(laksaReport.updatedAt))
          .limit(200);
        return rows.map(({ reporterId, ...x }) => ({
          ...x,
          own: reporterId === user.id,
          createdAt: x.createdAt.toISOString(),
          updatedAt: x.updatedAt.toISOString(),
        }));
      });
    },
  );

  r.get(
    '/my/reports/:ticket',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'One of my reports (or one I support), with replies from the OPD',
        params: ticketParams,
        response: { 200: myReportView },
      },
    },
    async (req) => {
      const user = req.actor();
      return req.inRegion(async (tx) => {
        const report = await mustFind(tx, req.params);
        return myView(req, tx, report.id, user.id);
      });
    },
  );

  r.get(
    '/my/notifications',
    {
      config: { access: 'user' },
      schema: { tags, summary: 'My latest 100 notifications', response: { 200: z.array(notificationView) } },
    },
    async (req) => {
      const user = req.actor();
      return req.inRegion(async (tx) => {
        const rows = await tx
          .select({
            id: laksaNotification.id,
            ticket: laksaReport.ticket,
            title: laksaNotification.title,
            body: laksaNotification.body,
            createdAt: laksaNotification.createdAt,
            readAt: laksaNotification.readAt,
          })
          .from(laksaNotification)
          .innerJoin(
            laksaReport,
            and(
              eq(laksaReport.regionId, laksaNotification.regionId),
              eq(laksaReport.id, laksaNotification.reportId),
            ),
          )
          .where(eq(laksaNotification.userId, user.id))
          .orderBy(desc(laksaNotification.createdAt))
          .limit(100);
        return rows.map((n) => ({
          ...n,
          createdAt: n.createdAt.toISOString(),
          readAt: n.readAt?.toISOString() ?? null,
        }));
      });
    },
  );

  r.post(
    '/my/notifications/read',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Mark notifications read (all when ids is omitted)',
        body: z.object({ ids: z.array(z.string().uuid()).max(200).optional() }),
        response: { 200: z.object({ updated: z.number().int() }) },
      },
    },
    async (req) => {
      const user = req.actor();
      return req.inRegion(async (tx) => {
        const rows = await tx
          .update(laksaNotification)
          .set({ readAt: new Date() })
          .where(
            and(
              eq(laksaNotification.userId, user.id),
              isNull(laksaNotification.readAt),
              req.body.ids ? inArray(laksaNotification.id, req.body.ids) : undefined,
            ),
          )
          .returning({ id: laksaNotification.id });
        return { updated: rows.length };
      });
    },
  );
}

/** The reporter's (or a supporter's) view; anyone else gets 404, as if the report did not exist. */
async function myView(
  req: Parameters<typeof regionEnv>[0],
  tx: Parameters<typeof mustFind>[0],
  id: string,
  userId: string,
) {
  const report = await mustFind(tx, { id });
  const isReporter = report.reporterId === userId;
  const [support] = await tx
    .select({ userId: laksaSupport.userId })
    .from(laksaSupport)
    .where(and(eq(laksaSupport.reportId, id), eq(laksaSupport.userId, userId)));
  if (!isReporter && !support) throw reportNotFound();
  const settings = (await regionEnv(req, tx)).settings;
  const parts = await reportParts(tx, report, isReporter ? 'reporter' : 'public', req.basePath);
  return toMyView(report, parts, {
    reopenWindowDays: settings.reopenWindowDays,
    supporting: !!support,
    isReporter,
  });
}
