import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  chartQuery,
  chartView,
  commodityView,
  comparisonView,
  HISTORY_CSV_COLUMNS,
  historyQuery,
  historyRow,
  indicatorsQuery,
  indicatorsView,
  publicMarketView,
  todayView,
} from '../../../../shared/modules/harga-pangan';
import { openDataMetadata } from '../../../../shared/open-data';
import { csvDialectQuery, csvStream } from '../../../core/export/csv';
import { openDataLinks } from '../../../core/open-data/licence';
import { commodityNotFound, listCommodities, todayIn } from '../master';
import { pricesMetadata } from '../open-data';
import { chart, comparison, history, indicators, publicMarkets, todayPrices } from '../public';
import { sendCacheable, sendMemoised } from './cache';

const tags = ['harga-pangan'];
const commodityParams = z.object({ commodityId: z.string().uuid() });

/**
 * Public routes (no sign-in): verified prices only; every answer cacheable (Cache-Control + ETag).
 * All read through `req.readPublic`/`readOptions`: signed out, a read replica may answer.
 */
export async function publicRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const scope = (req: { region: { id: string } }) => ({ regionId: req.region.id });

  r.get(
    '/public/today',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags,
        summary:
          "Today's price per commodity: city average, median, range, change vs yesterday and last week, HET flag",
        response: { 200: todayView },
      },
    },
    async (req, reply) => {
      const today = todayIn(req.region.timeZone);
      return sendMemoised(req, reply, `${req.region.id}:today:${today}`, () =>
        todayPrices(req.server.simpul.database, scope(req), today, req.readOptions()),
      );
    },
  );

  r.get(
    '/public/commodities',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags,
        summary: 'Active commodities with their units',
        response: { 200: z.array(commodityView) },
      },
    },
    async (req, reply) =>
      sendCacheable(req, reply, await req.readPublic((tx) => listCommodities(tx, true)), 300),
  );

  r.get(
    '/public/commodities/:commodityId/chart',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags,
        summary: 'City average per day over 30, 90 or 365 days',
        params: commodityParams,
        querystring: chartQuery,
        response: { 200: chartView },
      },
    },
    async (req, reply) => {
      const today = todayIn(req.region.timeZone);
      const { commodityId } = req.params;
      return sendMemoised(
        req,
        reply,
        `${req.region.id}:chart:${commodityId}:${req.query.days}:${today}`,
        () =>
          chart(
            req.server.simpul.database,
            scope(req),
            commodityId,
            today,
            req.query.days,
            req.readOptions(),
          ),
      );
    },
  );

  r.get(
    '/public/commodities/:commodityId/markets',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags,
        summary: "Comparison between markets: each market's latest verified price",
        params: commodityParams,
        response: { 200: comparisonView },
      },
    },
    async (req, reply) => {
      const body = await req.readPublic(async (tx) => {
        const known = (await listCommodities(tx, true)).some((c) => c.id === req.params.commodityId);
        if (!known) throw commodityNotFound();
        return comparison(tx, req.params.commodityId, todayIn(req.region.timeZone));
      });
      return sendCacheable(req, reply, body);
    },
  );

  r.get(
    '/public/indicators',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags,
        summary: 'Average, median, disparity between markets (max − min, CV) and day/week/month change',
        querystring: indicatorsQuery,
        response: { 200: indicatorsView },
      },
    },
    async (req, reply) => {
      const body = await req.readPublic(async (tx) => {
        const known = (await listCommodities(tx, false)).some((c) => c.id === req.query.commodityId);
        if (!known) throw commodityNotFound();
        return indicators(tx, req.query.commodityId, todayIn(req.region.timeZone), req.query.date);
      });
      return sendCacheable(req, reply, body);
    },
  );

  r.get(
    '/public/markets',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags,
        summary: 'Markets for the map, with commodities above HET',
        response: { 200: z.array(publicMarketView) },
      },
    },
    async (req, reply) =>
      sendCacheable(
        req,
        reply,
        await req.readPublic((tx) => publicMarkets(tx, todayIn(req.region.timeZone))),
      ),
  );

  // Open data: one dataset (verified prices), two distributions (JSON, CSV), and its metadata.
  const metadataUrl = (req: FastifyRequest) =>
    `${req.protocol}://${req.host}${req.basePath}/api/m/harga-pangan/open-data/metadata.json`;

  r.get(
    '/open-data/metadata.json',
    {
      config: { access: 'public' },
      schema: {
        tags: ['harga-pangan-open-data'],
        summary: 'Open data: what the price dataset is (DCAT-style metadata: publisher, licence, columns)',
        response: { 200: openDataMetadata },
      },
    },
    async (req, reply) => {
      const base = `${req.protocol}://${req.host}${req.basePath}/api/m/harga-pangan/open-data`;
      return sendCacheable(req, reply, pricesMetadata(req.region, base), 3600);
    },
  );

  r.get(
    '/open-data/prices',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags: ['harga-pangan-open-data'],
        summary:
          'Open data: verified price history as JSON (filters: from, to, commodity code, market, price type; snake_case columns, CC BY 4.0)',
        querystring: historyQuery,
        response: { 200: z.array(historyRow) },
      },
    },
    async (req, reply) => {
      const rows = await req.readPublic((tx) => history(tx, req.region.code, req.query));
      return sendCacheable(req, openDataLinks(reply, metadataUrl(req)), rows, 300);
    },
  );

  r.get(
    '/open-data/prices.csv',
    {
      config: { access: 'public', replica: true },
      schema: {
        tags: ['harga-pangan-open-data'],
        summary: `Open data: verified price history as CSV (columns: ${HISTORY_CSV_COLUMNS.join(', ')}; CC BY 4.0)`,
        querystring: historyQuery.extend(csvDialectQuery.shape),
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const { dialect, ...filters } = req.query;
      const rows = await req.readPublic((tx) => history(tx, req.region.code, filters));
      const csv = csvStream({
        header: true,
        columns: [...HISTORY_CSV_COLUMNS],
        timeZone: req.region.timeZone,
        dialect,
      });
      for (const x of rows) csv.write(HISTORY_CSV_COLUMNS.map((c) => x[c]));
      csv.end();
      return openDataLinks(reply, metadataUrl(req))
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .header('content-disposition', `attachment; filename="harga-pangan-${req.region.code}.csv"`)
        .send(csv);
    },
  );
}
