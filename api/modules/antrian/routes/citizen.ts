import { and, desc, eq, gte } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bookingInput, issueInput, ticketView } from '../../../../shared/modules/antrian';
import { addDays, localClock } from '../clock';
import { ticketView as viewOf } from '../queue';
import { antrianTicket } from '../schema';
import { unitByCode, unitById } from '../setup';
import { bookTicket, cancelTicket, issueTicket, ticketNotFound } from '../tickets';
import { ctxOf, settingsIn, tags } from './context';

const unitParams = z.object({ code: z.string().regex(/^[a-z0-9-]{2,40}$/) });

/** A signed-in citizen: take a ticket from the phone, book a slot, follow and cancel their tickets. */
export async function citizenRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/units/:code/tickets',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Take a walk-in ticket from the phone while the unit is open',
        params: unitParams,
        body: issueInput,
        response: { 201: ticketView },
      },
    },
    async (req, reply) => {
      const view = await req.inRegion(async (tx) => {
        const unit = await unitByCode(tx, req.params.code);
        const t = await issueTicket(tx, await ctxOf(tx, req), unit, req.body, {
          channel: 'web',
          userId: req.actor().id,
        });
        return viewOf(tx, t);
      });
      return reply.code(201).send(view);
    },
  );
  r.post(
    '/units/:code/bookings',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Book a slot ahead; the booking code checks in on arrival',
        params: unitParams,
        body: bookingInput,
        response: { 201: ticketView },
      },
    },
    async (req, reply) => {
      const view = await req.inRegion(async (tx) => {
        const unit = await unitByCode(tx, req.params.code);
        const t = await bookTicket(
          tx,
          await ctxOf(tx, req),
          await settingsIn(tx),
          unit,
          req.body,
          req.actor().id,
        );
        return viewOf(tx, t);
      });
      return reply.code(201).send(view);
    },
  );
  r.get(
    '/tickets/mine',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'My tickets and bookings from yesterday on (newest first)',
        response: { 200: z.array(ticketView) },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const since = addDays(localClock(new Date(), req.region.timeZone).date, -1);
        const rows = await tx
          .select()
          .from(antrianTicket)
          .where(and(eq(antrianTicket.userId, req.actor().id), gte(antrianTicket.day, since)))
          .orderBy(desc(antrianTicket.createdAt))
          .limit(20);
        // A transfer continues a ticket in a new row: show each token once, at its newest row.
        const seen = new Set<string>();
        const newest = rows.filter((t) => !seen.has(t.token) && seen.add(t.token));
        return Promise.all(newest.map((t) => viewOf(tx, t)));
      }),
  );
  r.post(
    '/tickets/:id/cancel',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Cancel my waiting ticket or booking',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: ticketView },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const [t] = await tx
          .select()
          .from(antrianTicket)
          .where(and(eq(antrianTicket.id, req.params.id), eq(antrianTicket.userId, req.actor().id)));
        if (!t) throw ticketNotFound();
        return viewOf(tx, await cancelTicket(tx, await ctxOf(tx, req), await unitById(tx, t.unitId), t));
      }),
  );
}
