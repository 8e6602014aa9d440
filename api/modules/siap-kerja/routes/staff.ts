import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ak1Decision,
  ak1QueueView,
  ak1Revoke,
  ak1Statuses,
  ak1View,
  employerDecision,
  employerStatuses,
  employerView,
  jobFairInput,
  jobFairView,
  STATS_CSV_COLUMNS,
  statsView,
  vacancyDecision,
  vacancyStatuses,
  vacancyView,
  webhookInput,
  webhookView,
} from '../../../../shared/modules/siap-kerja';
import type { Tx } from '../../../core/db/client';
import { csvDialectQuery, csvText } from '../../../core/export/csv';
import { XLSX_MIME, xlsxSheet } from '../../../core/export/excel';
import {
  ak1Queue,
  createFair,
  decideAk1,
  decideEmployer,
  decideVacancy,
  employerQueue,
  isDisnaker,
  NATIONAL_VACANCY_COLUMNS,
  nationalVacancy,
  notDisnaker,
  revokeAk1,
  vacancyQueue,
} from '../staff';
import { labourStats, statsRows } from '../stats';
import { addWebhook, listWebhooks, removeWebhook } from '../webhooks';
import { sendAk1Pdf } from './pdf';

const tags = ['siap-kerja-disnaker'];
const verify = 'siap-kerja:verify' as const;
const stats = 'siap-kerja:stats' as const;
const idParams = z.object({ id: z.string().uuid() });

/**
 * Disnaker work inside one transaction. Staff of other OPDs hold the permission through their role
 * but see empty queues (`list`) and get 404 for Disnaker's records (staff.ts `isDisnaker`).
 */
const asDisnaker = <T>(req: FastifyRequest, work: (tx: Tx) => Promise<T>) =>
  req.inRegion(async (tx) => {
    if (!(await isDisnaker(tx, req.user))) throw notDisnaker();
    return work(tx);
  });
const listAsDisnaker = <T>(req: FastifyRequest, work: (tx: Tx) => Promise<T[]>) =>
  req.inRegion(async (tx) => ((await isDisnaker(tx, req.user)) ? work(tx) : []));

/** Disnaker's console: verification queues, AK/1 decisions and cards, job fairs, statistics, exports, webhooks. */
export async function staffRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/staff/ak1',
    {
      config: { access: verify },
      schema: {
        tags,
        summary: 'AK/1 requests to decide (default: diajukan and perlu_datang), or by status',
        querystring: z.object({ status: z.enum(ak1Statuses).optional() }),
        response: { 200: z.array(ak1QueueView) },
      },
    },
    (req) => listAsDisnaker(req, (tx) => ak1Queue(tx, req.query.status)),
  );
  r.post(
    '/staff/ak1/:id/decision',
    {
      config: { access: verify },
      schema: {
        tags,
        summary: 'Issue an AK/1, ask the applicant to visit the office, or refuse',
        params: idParams,
        body: ak1Decision,
        response: { 200: ak1View },
      },
    },
    (req) => asDisnaker(req, (tx) => decideAk1(tx, req.region, req.actor(), req.params.id, req.body)),
  );
  r.post(
    '/staff/ak1/:id/revoke',
    {
      config: { access: verify },
      schema: {
        tags,
        summary: 'Revoke an issued AK/1 (the public check then says so)',
        params: idParams,
        body: ak1Revoke,
        response: { 200: ak1View },
      },
    },
    (req) =>
      asDisnaker(req, (tx) => revokeAk1(tx, req.region.id, req.actor(), req.params.id, req.body.reason)),
  );
  r.get(
    '/staff/ak1/:id/card.pdf',
    {
      config: { access: verify },
      schema: {
        tags,
        summary: 'Print an issued AK/1 card (PDF)',
        params: idParams,
        querystring: z.object({ lang: z.enum(['id', 'en']).default('id') }),
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      await asDisnaker(req, async () => undefined);
      return sendAk1Pdf(req, reply, { ak1Id: req.params.id }, req.query.lang);
    },
  );

  r.get(
    '/staff/employers',
    {
      config: { access: verify },
      schema: {
        tags,
        summary: 'Employers by status (default: waiting for verification)',
        querystring: z.object({ status: z.enum(employerStatuses).default('menunggu') }),
        response: { 200: z.array(employerView) },
      },
    },
    (req) => listAsDisnaker(req, (tx) => employerQueue(tx, req.query.status)),
  );
  r.post(
    '/staff/employers/:id/decision',
    {
      config: { access: verify },
      schema: {
        tags,
        summary: 'Verify or refuse an employer',
        params: idParams,
        body: employerDecision,
        response: { 200: employerView },
      },
    },
    (req) => asDisnaker(req, (tx) => decideEmployer(tx, req.region.id, req.actor(), req.params.id, req.body)),
  );
  r.get(
    '/staff/vacancies',
    {
      config: { access: verify },
      schema: {
        tags,
        summary: 'Vacancies by status (default: waiting for verification)',
        querystring: z.object({ status: z.enum(vacancyStatuses).default('menunggu') }),
        response: { 200: z.array(vacancyView) },
      },
    },
    (req) => listAsDisnaker(req, (tx) => vacancyQueue(tx, req.query.status)),
  );
  r.post(
    '/staff/vacancies/:id/decision',
    {
      config: { access: verify },
      schema: {
        tags,
        summary: "Publish or refuse a vacancy (only a verified employer's vacancy can be published)",
        params: idParams,
        body: vacancyDecision,
        response: { 200: vacancyView },
      },
    },
    (req) =>
      asDisnaker(req, (tx) =>
        decideVacancy(tx, req.region.id, req.actor(), req.params.id, req.body, req.region),
      ),
  );
  r.post(
    '/staff/fairs',
    {
      config: { access: verify },
      schema: {
        tags,
        summary: 'Announce a job fair with its employers',
        body: jobFairInput,
        response: { 201: jobFairView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await asDisnaker(req, (tx) => createFair(tx, req.region.id, req.actor(), req.body))),
  );

  r.get(
    '/staff/stats',
    {
      config: { access: stats },
      schema: { tags, summary: 'Labour-market picture (aggregates only)', response: { 200: statsView } },
    },
    (req) => req.inRegion((tx) => labourStats(tx)),
  );
  r.get(
    '/staff/stats.csv',
    {
      config: { access: stats },
      schema: {
        tags,
        summary: `Labour-market statistics as CSV (${STATS_CSV_COLUMNS.join(', ')})`,
        querystring: csvDialectQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const rows = statsRows(await req.inRegion((tx) => labourStats(tx)));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="siap-kerja-statistik-${req.region.code}.csv"`)
        .send(
          csvText(
            rows.map((x) => [x.dimension, x.key, x.count]),
            {
              header: true,
              columns: [...STATS_CSV_COLUMNS],
              timeZone: req.region.timeZone,
              dialect: req.query.dialect,
            },
          ),
        );
    },
  );
  r.get(
    '/staff/stats.xlsx',
    { config: { access: stats }, schema: { tags, summary: 'Labour-market statistics as an Excel workbook' } },
    async (req, reply) => {
      const rows = statsRows(await req.inRegion((tx) => labourStats(tx)));
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', `attachment; filename="siap-kerja-statistik-${req.region.code}.xlsx"`)
        .send(
          await xlsxSheet(
            'Statistik',
            STATS_CSV_COLUMNS,
            rows.map((x) => [x.dimension, x.key, x.count]),
          ),
        );
    },
  );
  const exportQuery = z.object({ status: z.enum(vacancyStatuses).default('terbuka') });
  const nationalRows = (req: FastifyRequest, status: (typeof vacancyStatuses)[number]) =>
    listAsDisnaker(req, async (tx) =>
      (await vacancyQueue(tx, status)).map((v) => {
        const n = nationalVacancy(v, req.region);
        return NATIONAL_VACANCY_COLUMNS.map((c) => n[c]);
      }),
    );
  r.get(
    '/staff/export/vacancies.csv',
    {
      config: { access: verify },
      schema: {
        tags,
        summary: 'Vacancies in the shape of the national mandatory vacancy report (Perpres 57/2023), as CSV',
        querystring: exportQuery.extend(csvDialectQuery.shape),
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const rows = await nationalRows(req, req.query.status);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="wajib-lapor-lowongan-${req.region.code}.csv"`)
        .send(
          csvText(rows, {
            header: true,
            columns: [...NATIONAL_VACANCY_COLUMNS],
            timeZone: req.region.timeZone,
            dialect: req.query.dialect,
          }),
        );
    },
  );
  r.get(
    '/staff/export/vacancies.xlsx',
    {
      config: { access: verify },
      schema: {
        tags,
        summary: 'Vacancies in the national report shape, as an Excel workbook',
        querystring: exportQuery,
      },
    },
    async (req, reply) => {
      const rows = await nationalRows(req, req.query.status);
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', `attachment; filename="wajib-lapor-lowongan-${req.region.code}.xlsx"`)
        .send(await xlsxSheet('Lowongan', NATIONAL_VACANCY_COLUMNS, rows));
    },
  );

  r.get(
    '/staff/webhooks',
    {
      config: { access: 'siap-kerja:manage' },
      schema: { tags, summary: 'Webhooks with delivery counts', response: { 200: z.array(webhookView) } },
    },
    (req) => req.inRegion((tx) => listWebhooks(tx)),
  );
  r.post(
    '/staff/webhooks',
    {
      config: { access: 'siap-kerja:manage' },
      schema: {
        tags,
        summary: 'Add a signed webhook for new vacancies and placements (the secret is shown once)',
        body: webhookInput,
        response: { 201: webhookView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await req.inRegion((tx) => addWebhook(tx, req.region.id, req.actor(), req.body.url))),
  );
  r.delete(
    '/staff/webhooks/:id',
    {
      config: { access: 'siap-kerja:manage' },
      schema: { tags, summary: 'Remove a webhook', params: idParams },
    },
    async (req, reply) => {
      await req.inRegion((tx) => removeWebhook(tx, req.region.id, req.actor(), req.params.id));
      return reply.code(204).send();
    },
  );
}
