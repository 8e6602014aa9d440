import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  educationLabels,
  jobFairView,
  openStatsView,
  publicVacancyView,
  STATS_CSV_COLUMNS,
  vacancyPage,
  vacancySearch,
} from '../../../../shared/modules/siap-kerja';
import { csvDialectQuery, csvText } from '../../../core/export/csv';
import { findVacancy, vacancyNotFound, vacancyToView } from '../employers';
import { jobPosting, searchVacancies } from '../search';
import { listFairs } from '../staff';
import { labourStats, statsRows } from '../stats';

const tags = ['siap-kerja'];
const access = 'public' as const;

const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}${req.basePath}`;
const pageUrl = (req: FastifyRequest, id: string) => `${origin(req)}/layanan/siap-kerja/lowongan/${id}`;

/** Public: open vacancies (ranked for a signed-in seeker), their pages with JSON-LD, feeds, open data. */
export async function publicRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/vacancies',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Open vacancies with filters; signed in with a profile, each carries a match score and its explanation (`sort=cocok` ranks by it)',
        querystring: vacancySearch,
        response: { 200: vacancyPage },
      },
    },
    async (req, reply) => {
      const page = await req.inRegion((tx) => searchVacancies(tx, req.user?.userId ?? null, req.query));
      return reply.header('cache-control', req.user ? 'private, no-store' : 'public, max-age=60').send(page);
    },
  );
  r.get(
    '/vacancies/:id',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'A vacancy page with its schema.org JobPosting (JSON-LD); only verified vacancies are public',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: publicVacancyView },
      },
    },
    async (req) => {
      const row = await req.inRegion((tx) => findVacancy(tx, req.params.id));
      // Waiting or refused vacancies are not public; closed ones stay readable (marked closed).
      if (!row || row.v.status === 'menunggu' || row.v.status === 'ditolak') throw vacancyNotFound();
      const { note: _n, applicants: _a, ...vacancy } = vacancyToView(row);
      return { vacancy, jsonLd: jobPosting(vacancyToView(row), req.region, pageUrl(req, vacancy.id)) };
    },
  );

  for (const format of ['rss', 'atom'] as const)
    r.get(
      `/feed.${format}`,
      {
        config: { access },
        schema: {
          tags,
          summary: `The region's newest open vacancies as ${format === 'rss' ? 'RSS 2.0' : 'Atom 1.0'}`,
          produces: [format === 'rss' ? 'application/rss+xml' : 'application/atom+xml'],
        },
      },
      async (req, reply) => {
        const page = await req.inRegion((tx) =>
          searchVacancies(tx, null, vacancySearch.parse({ sort: 'terbaru', limit: 50 })),
        );
        const base = origin(req);
        // feed loads with the first RSS/Atom request, not at start-up (core/lazy.ts).
        const { Feed } = await import('feed');
        const feed = new Feed({
          title: `Lowongan kerja — ${req.region.name}`,
          description: `Lowongan terbaru yang diverifikasi Disnaker ${req.region.name} (Siap Kerja)`,
          id: `${base}/layanan/siap-kerja`,
          link: `${base}/layanan/siap-kerja`,
          language: 'id',
          copyright: req.region.name,
          updated: new Date(),
          feedLinks: { rss: `${base}/api/m/siap-kerja/feed.rss`, atom: `${base}/api/m/siap-kerja/feed.atom` },
        });
        for (const v of page.items)
          feed.addItem({
            title: `${v.title} — ${v.employerName}`,
            id: pageUrl(req, v.id),
            link: pageUrl(req, v.id),
            description: `${v.position} · ${educationLabels[v.education].id} · ${v.kecamatanName ?? v.location} · s.d. ${v.validUntil}`,
            date: new Date(`${v.validUntil}T00:00:00Z`),
            author: [{ name: v.employerName }],
          });
        return reply
          .type(
            format === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8',
          )
          .header('cache-control', 'public, max-age=300')
          .send(format === 'rss' ? feed.rss2() : feed.atom1());
      },
    );

  r.get(
    '/fairs',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Job fairs (bursa kerja) with their employers',
        response: { 200: z.array(jobFairView) },
      },
    },
    (req) => req.inRegion((tx) => listFairs(tx)),
  );

  r.get(
    '/open-data/stats.json',
    {
      config: { access },
      schema: {
        tags: ['siap-kerja-open-data'],
        summary: 'Open data: the labour-market picture (aggregates only, CC BY 4.0)',
        response: { 200: openStatsView },
      },
    },
    async (req, reply) => {
      const { queues: _q, ...s } = await req.inRegion((tx) => labourStats(tx));
      return reply.header('cache-control', 'public, max-age=600').send(s);
    },
  );
  r.get(
    '/open-data/stats.csv',
    {
      config: { access },
      schema: {
        tags: ['siap-kerja-open-data'],
        summary: `Open data: labour-market aggregates as CSV (${STATS_CSV_COLUMNS.join(', ')}; CC BY 4.0)`,
        querystring: csvDialectQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const rows = statsRows(await req.inRegion((tx) => labourStats(tx)));
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'public, max-age=600')
        .header('content-disposition', `attachment; filename="siap-kerja-${req.region.code}.csv"`)
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
}
