import { desc, eq, type SQL, sql } from 'drizzle-orm';
import type { OrderRule, TicketView } from '../../../shared/modules/antrian';
import type { Tx } from '../../core/db/client';
import { antrianCounter, antrianRating, antrianService, antrianTicket, antrianUnit } from './schema';
import { type TicketRow, ticketNotFound } from './tickets';

/**
 * How "call next" orders waiting tickets (alias `w`, service `s`, the clerk's weight `cs`):
 * Novo SGA's order — bookings first, then priority, the clerk's and the service's weights, then
 * arrival — or a simpler rule the unit chose.
 */
export function queueOrder(rule: OrderRule, withClerk: boolean): SQL {
  const clerk = withClerk ? sql`cs.weight desc,` : sql``;
  switch (rule) {
    case 'arrival':
      return sql`w.issued_at asc, w.id asc`;
    case 'priority_arrival':
      return sql`w.priority_weight desc, ${clerk} s.weight desc, w.issued_at asc, w.id asc`;
    default:
      return sql`(w.channel = 'booking') desc, w.priority_weight desc, ${clerk} s.weight desc, w.issued_at asc, w.id asc`;
  }
}

const ranked = (unitId: string, serviceId: string, rule: OrderRule) => sql`
  select w.id, w.user_id as "userId", w.near_notified_at as "nearNotifiedAt",
    (row_number() over (order by ${queueOrder(rule, false)}) - 1)::int as ahead
  from antrian_ticket w join antrian_service s on s.id = w.service_id
  where w.unit_id = ${unitId} and w.service_id = ${serviceId} and w.status = 'waiting'`;

/** Holders of waiting tickets now fewer than `n` from the front who were not told yet. */
export async function nearTheFront(tx: Tx, unitId: string, serviceId: string, rule: OrderRule, n: number) {
  const rows = (await tx.execute(sql`
    select id, "userId", ahead from (${ranked(unitId, serviceId, rule)}) q
    where q.ahead < ${n} and q."userId" is not null and q."nearNotifiedAt" is null`)) as unknown as {
    rows: { id: string; userId: string; ahead: number }[];
  };
  return rows.rows;
}

/**
 * Where a waiting ticket stands, in one round trip: people ahead (the unit's order without any one
 * clerk's weights: what a citizen sees is the service's queue), the number called last in the
 * service today, today's mean service minutes (null before the first is done), and the counters
 * open for the service.
 */
async function standing(tx: Tx, t: TicketRow, rule: OrderRule) {
  const rows = (await tx.execute(sql`
    select
      (select ahead from (${ranked(t.unitId, t.serviceId, rule)}) q where q.id = ${t.id}) as ahead,
      (select number from antrian_ticket where service_id = ${t.serviceId} and day = ${t.day}
        and called_at is not null order by called_at desc limit 1) as "nowServing",
      (select avg(extract(epoch from finished_at - started_at)) / 60 from antrian_ticket
        where service_id = ${t.serviceId} and day = ${t.day} and status = 'done') as minutes,
      (select count(*) from antrian_counter c join antrian_clerk_service cs on cs.user_id = c.clerk_id
        where cs.service_id = ${t.serviceId} and c.status = 'open')::int as counters`)) as unknown as {
    rows: { ahead: number | null; nowServing: string | null; minutes: string | null; counters: number }[];
  };
  return rows.rows[0]!;
}

/** The ticket as its holder sees it: where it stands, the number now served, and a wait estimate. */
export async function ticketView(tx: Tx, t: TicketRow): Promise<TicketView> {
  const [ctx] = await tx
    .select({
      unitCode: antrianUnit.code,
      unitName: antrianUnit.name,
      orderRule: antrianUnit.orderRule,
      serviceCode: antrianService.code,
      serviceName: antrianService.name,
      standard: antrianService.standard,
      counter: antrianCounter.name,
      rated: antrianRating.score,
    })
    .from(antrianService)
    .innerJoin(antrianUnit, eq(antrianUnit.id, antrianService.unitId))
    .leftJoin(antrianCounter, eq(antrianCounter.id, sql`${t.counterId}::uuid`))
    .leftJoin(antrianRating, eq(antrianRating.ticketId, sql`${t.id}::uuid`))
    .where(eq(antrianService.id, t.serviceId));
  let ahead: number | null = null;
  let nowServing: string | null = null;
  let estimate: number | null = null;
  if (t.status === 'waiting') {
    const at = await standing(tx, t, ctx!.orderRule);
    ahead = at.ahead ?? 0;
    nowServing = at.nowServing;
    const minutes = at.minutes ? Number(at.minutes) : ctx!.standard.minutes;
    estimate = Math.round(((ahead + 1) * minutes) / Math.max(1, at.counters));
  }
  return {
    id: t.id,
    token: t.token,
    unit: { code: ctx!.unitCode, name: ctx!.unitName },
    service: { code: ctx!.serviceCode, name: ctx!.serviceName },
    number: t.number,
    status: t.status,
    channel: t.channel,
    priority: t.priorityCode,
    day: t.day,
    bookingCode: t.bookingCode,
    slotStart: t.slotStart?.toISOString() ?? null,
    issuedAt: t.issuedAt?.toISOString() ?? null,
    calledAt: t.calledAt?.toISOString() ?? null,
    counter: t.status === 'called' || t.status === 'serving' ? (ctx!.counter ?? null) : null,
    ahead,
    nowServing,
    estimatedWaitMinutes: estimate,
    rated: ctx!.rated != null,
  };
}

/** The newest row of a ticket by its token (a transfer continues it in a new row, same token). */
export async function ticketByToken(tx: Tx, token: string) {
  const [t] = await tx
    .select()
    .from(antrianTicket)
    .where(eq(antrianTicket.token, token))
    .orderBy(desc(antrianTicket.createdAt))
    .limit(1);
  if (!t) throw ticketNotFound();
  return t;
}
