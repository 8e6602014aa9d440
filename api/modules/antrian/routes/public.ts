import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../../../shared/dates';
import {
  checkInInput,
  displayView,
  issueInput,
  priorityView,
  ratingInput,
  slotView,
  ticketView,
  unitView,
} from '../../../../shared/modules/antrian';
import type { Tx } from '../../../core/db/client';
import { serveEventStream } from '../../../core/events/event-stream';
import { localClock } from '../clock';
import { coalesceForDisplay, displaySnapshot, forUnit } from '../display';
import { ticketByToken, ticketView as viewOf } from '../queue';
import { rate } from '../reports';
import { listPriorities, listUnits, unitByCode, unitById, unitNotFound } from '../setup';
import { cancelTicket, checkIn, issueTicket, slotsFor } from '../tickets';
import { ctxOf, kioskUnit, settingsIn, tags } from './context';

const unitParams = z.object({ code: z.string().regex(/^[a-z0-9-]{2,40}$/) });
/** One active unit as citizens and its kiosk see it. */
async function activeUnitView(tx: Tx, req: FastifyRequest, code: string) {
  const c = await ctxOf(tx, req);
  const [unit] = await listUnits(tx, { includeInactive: false, tz: c.tz, calendar: c.calendar, code });
  if (!unit) throw unitNotFound();
  return unit;
}

const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });

/**
 * What anyone may use: the units and their service standards, free slots, the TV display and its
 * stream, a ticket followed by its printed QR (the token is the proof), and the unit's kiosk
 * (proved by the kiosk key). None of these read a session (`anonymous`), so no cookie is needed.
 */
export async function publicRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const open = { access: 'public' as const, anonymous: true };

  r.get(
    '/units',
    {
      config: open,
      schema: {
        tags,
        summary: 'Service units with their services, standards and people waiting',
        response: { 200: z.array(unitView) },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const c = await ctxOf(tx, req);
        return listUnits(tx, { includeInactive: false, tz: c.tz, calendar: c.calendar });
      }),
  );
  r.get(
    '/units/:code',
    {
      config: open,
      schema: { tags, summary: 'One service unit', params: unitParams, response: { 200: unitView } },
    },
    (req) => req.inRegion((tx) => activeUnitView(tx, req, req.params.code)),
  );
  r.get(
    '/units/:code/slots',
    {
      config: open,
      schema: {
        tags,
        summary: 'Booking slots of a service on a date, with the places left',
        params: unitParams,
        querystring: z.object({ service: z.string().max(40), date: isoDate }),
        response: { 200: z.array(slotView) },
      },
    },
    (req) =>
      req.inRegion(async (tx) =>
        slotsFor(
          tx,
          await ctxOf(tx, req),
          await unitByCode(tx, req.params.code),
          req.query.service,
          req.query.date,
        ),
      ),
  );
  r.get(
    '/priorities',
    {
      config: open,
      schema: {
        tags,
        summary: 'Priority groups (lansia, disabilitas, ibu hamil)',
        response: { 200: z.array(priorityView) },
      },
    },
    (req) => req.inRegion((tx) => listPriorities(tx)),
  );
  r.get(
    '/units/:code/display',
    {
      config: open,
      schema: {
        tags,
        summary: 'The unit display: last calls and people waiting per service',
        params: unitParams,
        response: { 200: displayView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const unit = await unitByCode(tx, req.params.code);
        return displaySnapshot(tx, unit, localClock(new Date(), req.region.timeZone).date);
      }),
  );
  r.get(
    '/units/:code/stream',
    {
      config: open,
      schema: {
        tags,
        summary:
          'Live calls and queue changes of one unit (text/event-stream), for its display and ticket holders',
        params: unitParams,
        querystring: z.object({ lastEventId: z.coerce.number().int().min(0).optional() }),
      },
    },
    async (req, reply) => {
      const unit = await req.inRegion((tx) => unitByCode(tx, req.params.code));
      const { bus, streams } = app.simpul;
      const regionId = req.region.id;
      const accepts = forUnit(unit.id);
      await serveEventStream(req, reply, streams, {
        anonymous: true,
        accepts,
        subscribe: (send) => {
          const coalesced = coalesceForDisplay(send);
          const off = bus.subscribe({ regionId, accepts, send: coalesced });
          return () => {
            coalesced.stop();
            off();
          };
        },
        since: (after) => bus.since(regionId, after),
      });
    },
  );

  // ---------- a ticket by its token ----------
  r.get(
    '/t/:token',
    {
      config: open,
      schema: {
        tags,
        summary: 'A ticket by its token: status, people ahead, estimated wait',
        params: tokenParams,
        response: { 200: ticketView },
      },
    },
    (req) => req.inRegion(async (tx) => viewOf(tx, await ticketByToken(tx, req.params.token))),
  );
  r.post(
    '/t/:token/cancel',
    {
      config: open,
      schema: {
        tags,
        summary: 'Cancel a waiting ticket or a booking by its token',
        params: tokenParams,
        response: { 200: ticketView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const t = await ticketByToken(tx, req.params.token);
        const unit = await unitById(tx, t.unitId);
        return viewOf(tx, await cancelTicket(tx, await ctxOf(tx, req), unit, t));
      }),
  );
  r.post(
    '/t/:token/rating',
    {
      config: open,
      schema: {
        tags,
        summary: 'Rate the service (1–4, optionally the nine SKM elements), once',
        params: tokenParams,
        body: ratingInput,
      },
    },
    async (req, reply) => {
      await req.inRegion(async (tx) => {
        const t = await ticketByToken(tx, req.params.token);
        await rate(tx, req.region.id, t, req.body);
      });
      return reply.code(204).send();
    },
  );

  // ---------- kiosk ----------
  r.get(
    '/kiosk/:code',
    {
      config: open,
      schema: {
        tags,
        summary: 'The unit as its kiosk shows it (checks the kiosk key)',
        params: unitParams,
        response: { 200: unitView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        await kioskUnit(tx, req, req.params.code);
        return activeUnitView(tx, req, req.params.code);
      }),
  );
  r.post(
    '/kiosk/:code/tickets',
    {
      config: open,
      schema: {
        tags,
        summary: 'Issue a walk-in ticket at the unit’s kiosk (header x-kiosk-key)',
        params: unitParams,
        body: issueInput,
        response: { 201: ticketView },
      },
    },
    async (req, reply) => {
      const view = await req.inRegion(async (tx) => {
        const unit = await kioskUnit(tx, req, req.params.code);
        const t = await issueTicket(tx, await ctxOf(tx, req), unit, req.body, {
          channel: 'kiosk',
          userId: null,
        });
        return viewOf(tx, t);
      });
      return reply.code(201).send(view);
    },
  );
  r.post(
    '/kiosk/:code/check-in',
    {
      config: open,
      schema: {
        tags,
        summary: 'Check in a booking on arrival at the kiosk (QR or typed code; header x-kiosk-key)',
        params: unitParams,
        body: checkInInput,
        response: { 200: ticketView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const unit = await kioskUnit(tx, req, req.params.code);
        const t = await checkIn(tx, await ctxOf(tx, req), await settingsIn(tx), unit, req.body.bookingCode);
        return viewOf(tx, t);
      }),
  );
}
