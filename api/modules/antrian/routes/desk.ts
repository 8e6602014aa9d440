import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  callInput,
  checkInInput,
  deskView,
  finishInput,
  openCounterInput,
  transferInput,
} from '../../../../shared/modules/antrian';
import type { Tx } from '../../../core/db/client';
import { conflict } from '../../../core/errors';
import { advance, callNext, closeCounter, desk, openCounter, pauseCounter, recall, transfer } from '../desk';
import { type UnitRow, unitByCode } from '../setup';
import { type Ctx, checkIn } from '../tickets';
import { tags as baseTags, ctxOf, settingsIn } from './context';

const tags = [...baseTags, 'antrian-desk'];
const serve = 'antrian:serve' as const;
const unitParams = z.object({ code: z.string().regex(/^[a-z0-9-]{2,40}$/) });

/** Runs a clerk's action on the unit and answers with the refreshed desk. */
function act(req: FastifyRequest, work: (tx: Tx, ctx: Ctx, unit: UnitRow) => Promise<unknown>) {
  return req.inRegion(async (tx) => {
    const unit = await unitByCode(tx, (req.params as { code: string }).code);
    await work(tx, await ctxOf(tx, req), unit);
    return desk(tx, unit, req.actor());
  });
}

/** The counter clerk's screen: open a counter, call, recall, start, finish, no-show, transfer, pause. */
export async function deskRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const post = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    work: (tx: Tx, ctx: Ctx, unit: UnitRow, req: FastifyRequest, input: z.infer<B>) => Promise<unknown>,
  ) =>
    r.post(
      `/desk/:code/${path}`,
      {
        config: { access: serve },
        schema: { tags, summary, params: unitParams, body, response: { 200: deskView } },
      },
      (req) => act(req, (tx, ctx, unit) => work(tx, ctx, unit, req, req.body as z.infer<B>)),
    );

  r.get(
    '/desk',
    {
      config: { access: serve },
      schema: {
        tags,
        operationId: 'listAntrianDeskUnits',
        summary: 'The units where I serve at least one service',
        response: { 200: z.array(z.object({ code: z.string(), name: z.string() })) },
      },
    },
    (req) =>
      req.inRegion(async (tx) => {
        const rows = (await tx.execute(sql`
          select distinct u.code, u.name from antrian_unit u join antrian_service s on s.unit_id = u.id
            join antrian_clerk_service cs on cs.service_id = s.id
          where cs.user_id = ${req.actor().id} and u.active order by u.name`)) as unknown as {
          rows: { code: string; name: string }[];
        };
        return rows.rows;
      }),
  );
  r.get(
    '/desk/:code',
    {
      config: { access: serve },
      schema: {
        tags,
        summary: 'My desk at the unit: my counter, the ticket at it, my queue',
        params: unitParams,
        response: { 200: deskView },
      },
    },
    (req) => req.inRegion(async (tx) => desk(tx, await unitByCode(tx, req.params.code), req.actor())),
  );
  const empty = z.object({}).default({});
  post('open', 'Open a counter for my shift', openCounterInput, (tx, _c, unit, req, b) =>
    openCounter(tx, unit, req.actor(), b.counterId),
  );
  post(
    'pause',
    'Pause (a break) or resume my counter',
    z.object({ paused: z.boolean() }),
    (tx, _c, unit, req, b) => pauseCounter(tx, unit, req.actor(), b.paused),
  );
  post('close', 'Close my counter at the end of the shift', empty, (tx, _c, unit, req) =>
    closeCounter(tx, unit, req.actor()),
  );
  post(
    'call',
    'Call the next ticket (or a given waiting one) to my counter',
    callInput,
    async (tx, ctx, unit, req, b) => {
      const t = await callNext(tx, ctx, unit, req.actor(), b.ticketId);
      if (!t && !b.ticketId)
        throw conflict(
          { id: 'Tidak ada yang menunggu di layanan Anda.', en: 'Nobody is waiting in your services.' },
          { reason: 'empty' },
        );
    },
  );
  post('recall', 'Call the ticket at my counter again', empty, (tx, ctx, unit, req) =>
    recall(tx, ctx, unit, req.actor()),
  );
  post('start', 'Start serving the ticket at my counter', empty, (tx, ctx, unit, req) =>
    advance(tx, ctx, unit, req.actor(), 'start'),
  );
  post('finish', 'Finish the ticket at my counter (what was served)', finishInput, (tx, ctx, unit, req, b) =>
    advance(tx, ctx, unit, req.actor(), 'finish', b.note),
  );
  post('no-show', 'Mark the called ticket absent', empty, (tx, ctx, unit, req) =>
    advance(tx, ctx, unit, req.actor(), 'no_show'),
  );
  post(
    'transfer',
    'Send the ticket at my counter to another service or counter',
    transferInput,
    (tx, ctx, unit, req, b) => transfer(tx, ctx, unit, req.actor(), b),
  );
  post(
    'check-in',
    'Check in a booking at the counter (code from the citizen)',
    checkInInput,
    async (tx, ctx, unit, _req, b) => checkIn(tx, ctx, await settingsIn(tx), unit, b.bookingCode),
  );
}
