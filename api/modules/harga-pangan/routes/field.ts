import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  alertView,
  entryInput,
  entryResult,
  marketView,
  pendingQuery,
  priceRowView,
  sheetQuery,
  sheetView,
  verifyInput,
  verifyResult,
} from '../../../../shared/modules/harga-pangan';
import type { Tx } from '../../../core/db/client';
import { markAlertsRead, myAlerts } from '../alerts';
import { entrySheet, submitEntry } from '../entry';
import { assignedMarketIds, listMarkets, todayIn } from '../master';
import { settingsIn } from '../settings';
import { listPending, verifyPrices } from '../verify';
import { forgetRegion } from './cache';

const tags = ['harga-pangan-staff'];

/** Supervisors and managers may work on any market; enumerators only on theirs. */
const canAll = (req: FastifyRequest) =>
  req.permissions.has('harga-pangan:verify') || req.permissions.has('harga-pangan:manage');

export async function alertEnv(req: FastifyRequest, tx: Tx) {
  const s = await settingsIn(tx);
  return { regionId: req.region.id, today: todayIn(req.region.timeZone), alertWindowDays: s.alertWindowDays };
}

/** Field entry (petugas pasar), verification (supervisor) and TPID alerts. */
export async function fieldRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/entry/markets',
    {
      config: { access: 'harga-pangan:enter' },
      schema: {
        tags,
        summary: 'Markets the signed-in enumerator may enter prices for',
        response: { 200: z.array(marketView) },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const markets = await listMarkets(tx, true);
        if (canAll(req)) return markets;
        const mine = await assignedMarketIds(tx, req.actor().id);
        return markets.filter((m) => mine.has(m.id));
      }),
  );

  r.get(
    '/entry/sheet',
    {
      config: { access: 'harga-pangan:enter' },
      schema: {
        tags,
        summary: 'Entry screen of one market and day: every commodity with the previous verified price',
        querystring: sheetQuery,
        response: { 200: sheetView },
      },
    },
    (req) =>
      req.inRegion((tx) =>
        entrySheet(
          tx,
          { id: req.actor().id, canAll: canAll(req) },
          req.query.marketId,
          req.query.date ?? todayIn(req.region.timeZone),
        ),
      ),
  );

  r.post(
    '/entry',
    {
      config: { access: 'harga-pangan:enter' },
      schema: {
        tags,
        summary:
          "Save a market's prices for a day (all or nothing; the same day again updates). Idempotency-Key makes offline retries safe.",
        body: entryInput,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }),
        response: { 200: entryResult },
      },
    },
    (req) =>
      req.inRegion((tx) =>
        submitEntry(
          tx,
          { regionId: req.region.id, today: todayIn(req.region.timeZone) },
          { ...req.actor(), canAll: canAll(req) },
          req.body,
          req.headers['idempotency-key'],
        ),
      ),
  );

  r.get(
    '/verification',
    {
      config: { access: 'harga-pangan:verify' },
      schema: {
        tags,
        summary: 'Prices waiting for verification',
        querystring: pendingQuery,
        response: { 200: z.array(priceRowView) },
      },
    },
    (req) => req.inRegion((tx) => listPending(tx, req.query)),
  );

  r.post(
    '/verification',
    {
      config: { access: 'harga-pangan:verify' },
      schema: {
        tags,
        summary: 'Verify (optionally correct) prices: they become public; indicators and alerts follow',
        body: verifyInput,
        response: { 200: verifyResult },
      },
    },
    async (req) => {
      const result = await req.inRegion(async (tx) =>
        verifyPrices(tx, await alertEnv(req, tx), req.actor(), req.body),
      );
      forgetRegion(req.region.id);
      return result;
    },
  );

  r.get(
    '/alerts',
    {
      config: { access: 'harga-pangan:alerts' },
      schema: {
        tags,
        summary: "The signed-in TPID member's price alerts, newest first",
        response: { 200: z.array(alertView) },
      },
    },
    (req) => req.inRegion((tx) => myAlerts(tx, req.actor().id)),
  );

  r.post(
    '/alerts/read',
    { config: { access: 'harga-pangan:alerts' }, schema: { tags, summary: 'Mark every alert as read' } },
    async (req, reply) => {
      await req.inRegion((tx) => markAlertsRead(tx, req.actor().id));
      return reply.code(204).send();
    },
  );
}
