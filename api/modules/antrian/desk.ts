import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { maskNik } from '../../../shared/indonesia';
import type { DeskView } from '../../../shared/modules/antrian';
import { todayInRegion } from '../../core/calendar/region-calendar';
import type { Tx } from '../../core/db/client';
import { conflict, forbidden, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { notify } from '../../core/notifications/notify';
import { localClock } from './clock';
import { nearTheFront, queueOrder } from './queue';
import { antrianClerkService, antrianCounter, antrianService, antrianTicket } from './schema';
import { serviceOf, type UnitRow } from './setup';
import type { Ctx, TicketRow } from './tickets';

type Actor = { id: string; name: string };
type CounterRow = typeof antrianCounter.$inferSelect;

/** Staff who serve none of the unit's services do not see its desk (as if it were not there). */
const notServing = () => forbidden();

/** The services this clerk serves in the unit, with weights. */
export async function myServices(tx: Tx, unitId: string, userId: string) {
  return tx
    .select({
      id: antrianService.id,
      code: antrianService.code,
      name: antrianService.name,
      weight: antrianClerkService.weight,
    })
    .from(antrianClerkService)
    .innerJoin(antrianService, eq(antrianService.id, antrianClerkService.serviceId))
    .where(and(eq(antrianClerkService.userId, userId), eq(antrianService.unitId, unitId)))
    .orderBy(asc(antrianService.prefix));
}

/** The counter this clerk has open in the unit (or null). */
async function myCounter(tx: Tx, unitId: string, userId: string) {
  const [c] = await tx
    .select()
    .from(antrianCounter)
    .where(and(eq(antrianCounter.unitId, unitId), eq(antrianCounter.clerkId, userId)));
  return c ?? null;
}

async function requireCounter(tx: Tx, unit: UnitRow, clerk: Actor): Promise<CounterRow> {
  const c = await myCounter(tx, unit.id, clerk.id);
  if (!c && (await myServices(tx, unit.id, clerk.id)).length === 0) throw notServing();
  if (!c)
    throw conflict({ id: 'Buka loket Anda dulu.', en: 'Open your counter first.' }, { reason: 'no_counter' });
  return c;
}

async function active(tx: Tx, counterId: string) {
  const [t] = await tx
    .select()
    .from(antrianTicket)
    .where(and(eq(antrianTicket.counterId, counterId), inArray(antrianTicket.status, ['called', 'serving'])));
  return t ?? null;
}

const counterView = (c: CounterRow, clerkName: string | null) => ({
  id: c.id,
  number: c.number,
  name: c.name,
  status: c.status,
  clerkName: c.status === 'closed' ? null : clerkName,
});

/** What a clerk's screen shows: their counter, the ticket at it, and the queue they serve. */
export async function desk(tx: Tx, unit: UnitRow, clerk: Actor): Promise<DeskView> {
  const services = await myServices(tx, unit.id, clerk.id);
  if (services.length === 0) throw notServing();
  const counters = await tx
    .select()
    .from(antrianCounter)
    .where(eq(antrianCounter.unitId, unit.id))
    .orderBy(asc(antrianCounter.number));
  const mine = counters.find((c) => c.clerkId === clerk.id) ?? null;
  const current = mine ? await active(tx, mine.id) : null;
  const waiting = (await tx.execute(sql`
    select w.id, w.number, s.name as service, w.priority_code as priority, (w.channel = 'booking') as booked,
      w.issued_at as "issuedAt", (w.for_counter_id is not null) as "forCounter"
    from antrian_ticket w join antrian_service s on s.id = w.service_id
      join antrian_clerk_service cs on cs.service_id = w.service_id and cs.user_id = ${clerk.id}
    where w.unit_id = ${unit.id} and w.status = 'waiting'
      and (w.for_counter_id is null or w.for_counter_id = ${mine?.id ?? null})
    order by (w.for_counter_id is not null) desc, ${queueOrder(unit.orderRule, true)}
    limit 50
  `)) as unknown as { rows: (Omit<DeskView['waiting'][number], 'issuedAt'> & { issuedAt: string | Date })[] };
  const [served] = (
    (await tx.execute(sql`select count(*)::int as n from antrian_ticket
      where clerk_id = ${clerk.id} and unit_id = ${unit.id} and status = 'done' and day = ${await todayInRegion(tx)}`)) as unknown as {
      rows: { n: number }[];
    }
  ).rows;
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name },
    counter: mine ? counterView(mine, clerk.name) : null,
    counters: counters.map((c) => counterView(c, null)),
    services: services.map(({ code, name, weight }) => ({ code, name, weight })),
    unitServices: await tx
      .select({ code: antrianService.code, name: antrianService.name })
      .from(antrianService)
      .where(and(eq(antrianService.unitId, unit.id), eq(antrianService.active, true)))
      .orderBy(asc(antrianService.prefix)),
    current: current
      ? {
          id: current.id,
          number: current.number!,
          service: services.find((s) => s.id === current.serviceId)?.name ?? '',
          status: current.status,
          priority: current.priorityCode,
          calledAt: current.calledAt?.toISOString() ?? null,
          startedAt: current.startedAt?.toISOString() ?? null,
          callCount: current.callCount,
          nik: current.nik ? maskNik(current.nik) : null,
        }
      : null,
    waiting: waiting.rows.map((w) => ({ ...w, issuedAt: new Date(w.issuedAt).toISOString() })),
    servedToday: served?.n ?? 0,
  };
}

/** A clerk takes a counter for their shift (leaving any other counter they held, in any unit). */
export async function openCounter(tx: Tx, unit: UnitRow, clerk: Actor, counterId: string) {
  if ((await myServices(tx, unit.id, clerk.id)).length === 0) throw notServing();
  const [c] = await tx
    .select()
    .from(antrianCounter)
    .where(and(eq(antrianCounter.id, counterId), eq(antrianCounter.unitId, unit.id)));
  if (!c) throw notFound({ id: 'Loket tidak ditemukan.', en: 'Counter not found.' });
  if (c.clerkId && c.clerkId !== clerk.id && c.status !== 'closed')
    throw conflict({
      id: `${c.name} sedang dipakai petugas lain.`,
      en: `${c.name} is in use by another clerk.`,
    });
  // One person sits at one counter: the database holds that (antrian_counter_clerk_uq).
  const [held] = await tx.select().from(antrianCounter).where(eq(antrianCounter.clerkId, clerk.id));
  if (held && held.id !== c.id) await leave(tx, held);
  await tx
    .update(antrianCounter)
    .set({ clerkId: clerk.id, status: 'open', openedAt: new Date() })
    .where(eq(antrianCounter.id, c.id));
}

/** Pauses (a break: no calls) or resumes the clerk's counter. */
export async function pauseCounter(tx: Tx, unit: UnitRow, clerk: Actor, paused: boolean) {
  const c = await requireCounter(tx, unit, clerk);
  if (paused && (await active(tx, c.id)))
    throw conflict({
      id: 'Selesaikan nomor yang sedang dilayani dulu.',
      en: 'Finish the current ticket first.',
    });
  await tx
    .update(antrianCounter)
    .set({ status: paused ? 'paused' : 'open' })
    .where(eq(antrianCounter.id, c.id));
}

/** Ends the shift at the counter; a ticket called but not yet served goes back to the queue. */
export async function closeCounter(tx: Tx, unit: UnitRow, clerk: Actor) {
  await leave(tx, await requireCounter(tx, unit, clerk));
}

async function leave(tx: Tx, c: CounterRow) {
  const t = await active(tx, c.id);
  if (t?.status === 'serving')
    throw conflict({
      id: `Selesaikan nomor ${t.number} di ${c.name} dulu.`,
      en: `Finish number ${t.number} at ${c.name} first.`,
    });
  if (t)
    await tx
      .update(antrianTicket)
      .set({ status: 'waiting', counterId: null, clerkId: null, calledAt: null, callCount: 0 })
      .where(eq(antrianTicket.id, t.id));
  await tx
    .update(antrianCounter)
    .set({ clerkId: null, status: 'closed', openedAt: null })
    .where(eq(antrianCounter.id, c.id));
}

/**
 * Calls the next ticket (or the one asked for) to the clerk's counter. One UPDATE picks and
 * claims the row: `for update skip locked` makes two clerks pressing at the same instant take
 * two different tickets, and the partial unique index keeps one active ticket per counter.
 */
export async function callNext(tx: Tx, ctx: Ctx, unit: UnitRow, clerk: Actor, ticketId?: string) {
  const c = await requireCounter(tx, unit, clerk);
  if (c.status !== 'open')
    throw conflict({ id: 'Loket sedang jeda.', en: 'The counter is paused.' }, { reason: 'paused' });
  const current = await active(tx, c.id);
  if (current)
    throw conflict(
      {
        id: `Nomor ${current.number} masih di loket ini: selesaikan atau tandai tidak hadir dulu.`,
        en: `Number ${current.number} is still at this counter: finish it or mark it absent first.`,
      },
      { reason: 'busy' },
    );
  const pick = ticketId ? sql`and w.id = ${ticketId}` : sql``;
  const rows = (await tx.execute(sql`
    update antrian_ticket t set status = 'called', counter_id = ${c.id}, clerk_id = ${clerk.id},
      called_at = ${ctx.now.toISOString()}::timestamptz, call_count = 1, for_counter_id = null
    where t.region_id = ${ctx.regionId} and t.id = (
      select w.id from antrian_ticket w
        join antrian_service s on s.id = w.service_id
        join antrian_clerk_service cs on cs.service_id = w.service_id and cs.user_id = ${clerk.id}
      where w.unit_id = ${unit.id} and w.status = 'waiting'
        and (w.for_counter_id is null or w.for_counter_id = ${c.id}) ${pick}
      order by (w.for_counter_id is not null) desc, ${queueOrder(unit.orderRule, true)}
      limit 1 for update of w skip locked)
    returning t.id`)) as unknown as { rows: { id: string }[] };
  const id = rows.rows[0]?.id;
  if (!id) {
    if (ticketId)
      throw notFound({
        id: 'Nomor itu tidak menunggu di layanan Anda.',
        en: 'That number is not waiting in your services.',
      });
    return null;
  }
  const [t] = await tx.select().from(antrianTicket).where(eq(antrianTicket.id, id));
  await announce(tx, ctx, unit, c, t!, 'called');
  await notifyQueue(tx, ctx, unit, t!, c);
  return t!;
}

/** Calls the ticket at the counter again (the display and speaker repeat it). */
export async function recall(tx: Tx, ctx: Ctx, unit: UnitRow, clerk: Actor) {
  const c = await requireCounter(tx, unit, clerk);
  const t = await active(tx, c.id);
  if (t?.status !== 'called')
    throw conflict({ id: 'Tidak ada nomor yang sedang dipanggil.', en: 'No ticket is being called.' });
  const [row] = await tx
    .update(antrianTicket)
    .set({ callCount: sql`${antrianTicket.callCount} + 1` })
    .where(eq(antrianTicket.id, t.id))
    .returning();
  await announce(tx, ctx, unit, c, row!, 'recalled');
  return row!;
}

/** Moves the counter's ticket on: start serving, finish, or mark it absent. */
export async function advance(
  tx: Tx,
  ctx: Ctx,
  unit: UnitRow,
  clerk: Actor,
  action: 'start' | 'finish' | 'no_show',
  note = '',
) {
  const c = await requireCounter(tx, unit, clerk);
  const t = await active(tx, c.id);
  const allowed = { start: ['called'], finish: ['called', 'serving'], no_show: ['called'] }[action];
  if (!t || !allowed.includes(t.status))
    throw conflict(
      {
        id: 'Aksi ini tidak berlaku untuk nomor di loket.',
        en: 'This action does not apply to the ticket at the counter.',
      },
      { reason: 'state' },
    );
  const set =
    action === 'start'
      ? { status: 'serving' as const, startedAt: ctx.now }
      : action === 'finish'
        ? {
            status: 'done' as const,
            startedAt: t.startedAt ?? ctx.now,
            finishedAt: ctx.now,
            note: note || null,
          }
        : { status: 'no_show' as const, finishedAt: ctx.now };
  const [row] = await tx.update(antrianTicket).set(set).where(eq(antrianTicket.id, t.id)).returning();
  await emitEvent(tx, ctx.regionId, {
    type: `antrian.ticket.${action === 'start' ? 'started' : action === 'finish' ? 'finished' : 'no_show'}`,
    summary: {
      id: `${row!.number} ${action === 'start' ? 'dilayani' : action === 'finish' ? 'selesai' : 'tidak hadir'} di ${c.name}`,
      en: `${row!.number} ${action === 'start' ? 'being served' : action === 'finish' ? 'done' : 'absent'} at ${c.name}`,
    },
    permission: 'core:live.watch',
    subject: row!.id,
    data: { unitId: unit.id, unit: unit.code, serviceId: row!.serviceId, number: row!.number },
  });
  if (action === 'finish' && row!.userId)
    await notify(tx, ctx.regionId, {
      topic: 'antrian.ticket',
      title: {
        id: `Layanan ${row!.number} selesai — beri penilaian`,
        en: `Service ${row!.number} done — rate it`,
      },
      body: {
        id: 'Satu ketukan: seberapa puas Anda dengan layanan tadi?',
        en: 'One tap: how satisfied were you?',
      },
      url: `/layanan/antrian/t/${row!.token}`,
      to: { users: [row!.userId] },
    });
  return row!;
}

/**
 * Sends the counter's ticket to another service (it queues there with the same number) or to a
 * specific counter (that counter calls it next). The old row ends as `transferred`.
 */
export async function transfer(
  tx: Tx,
  ctx: Ctx,
  unit: UnitRow,
  clerk: Actor,
  to: { serviceCode?: string; counterId?: string },
) {
  const c = await requireCounter(tx, unit, clerk);
  const t = await active(tx, c.id);
  if (!t) throw conflict({ id: 'Tidak ada nomor di loket ini.', en: 'No ticket at this counter.' });
  let serviceId = t.serviceId;
  let forCounterId: string | null = null;
  if (to.serviceCode) serviceId = (await serviceOf(tx, unit.id, to.serviceCode)).id;
  if (to.counterId) {
    const [target] = await tx
      .select()
      .from(antrianCounter)
      .where(and(eq(antrianCounter.id, to.counterId), eq(antrianCounter.unitId, unit.id)));
    if (!target || target.id === c.id)
      throw notFound({ id: 'Loket tujuan tidak ditemukan.', en: 'Target counter not found.' });
    forCounterId = target.id;
  }
  await tx
    .update(antrianTicket)
    .set({ status: 'transferred', finishedAt: ctx.now, startedAt: t.startedAt ?? ctx.now })
    .where(eq(antrianTicket.id, t.id));
  const { id: _id, createdAt: _c, seq: _s, ...rest } = t;
  const [next] = await tx
    .insert(antrianTicket)
    .values({
      ...rest,
      serviceId,
      status: 'waiting',
      issuedAt: ctx.now,
      calledAt: null,
      counterId: null,
      clerkId: null,
      callCount: 0,
      startedAt: null,
      finishedAt: null,
      forCounterId,
      transferredFromId: t.id,
      nearNotifiedAt: null,
    })
    .returning();
  await emitEvent(tx, ctx.regionId, {
    type: 'antrian.ticket.transferred',
    summary: { id: `${t.number} dialihkan dari ${c.name}`, en: `${t.number} transferred from ${c.name}` },
    permission: 'core:live.watch',
    subject: next!.id,
    data: { unitId: unit.id, unit: unit.code, serviceId, number: t.number },
  });
  return next!;
}

/** The call on the unit's display and speaker: an event with the number and the counter only. */
async function announce(
  tx: Tx,
  ctx: Ctx,
  unit: UnitRow,
  c: CounterRow,
  t: TicketRow,
  kind: 'called' | 'recalled',
) {
  const [s] = await tx
    .select({ name: antrianService.name })
    .from(antrianService)
    .where(eq(antrianService.id, t.serviceId));
  await emitEvent(tx, ctx.regionId, {
    type: `antrian.ticket.${kind}`,
    summary: {
      id: `Nomor ${t.number} ${kind === 'recalled' ? 'dipanggil ulang' : 'dipanggil'} ke ${c.name}`,
      en: `Number ${t.number} ${kind === 'recalled' ? 'called again' : 'called'} to ${c.name}`,
    },
    permission: 'core:live.watch',
    subject: t.id,
    data: {
      unitId: unit.id,
      unit: unit.code,
      serviceId: t.serviceId,
      number: t.number,
      counter: c.name,
      counterNumber: c.number,
      service: s?.name ?? '',
      priority: t.priorityWeight > 0,
      calledAt: ctx.now.toISOString(),
    },
  });
}

/** "Dipanggil" to the called ticket's holder, and "n lagi" to those now close to the front. */
async function notifyQueue(tx: Tx, ctx: Ctx, unit: UnitRow, called: TicketRow, c: CounterRow) {
  if (called.userId)
    await notify(tx, ctx.regionId, {
      topic: 'antrian.ticket',
      title: {
        id: `Nomor ${called.number} dipanggil ke ${c.name}`,
        en: `Number ${called.number} called to ${c.name}`,
      },
      body: { id: `Silakan menuju ${c.name}, ${unit.name}.`, en: `Please go to ${c.name}, ${unit.name}.` },
      url: `/layanan/antrian/t/${called.token}`,
      to: { users: [called.userId] },
      urgency: 'high',
    });
  const near = await nearTheFront(tx, unit.id, called.serviceId, unit.orderRule, unit.notifyAhead);
  if (near.length === 0) return;
  const rows = await tx
    .update(antrianTicket)
    .set({ nearNotifiedAt: ctx.now })
    .where(
      inArray(
        antrianTicket.id,
        near.map((n) => n.id),
      ),
    )
    .returning({ userId: antrianTicket.userId, number: antrianTicket.number, token: antrianTicket.token });
  for (const r of rows) {
    const ahead = near.find((n) => n.userId === r.userId)?.ahead ?? 0;
    await notify(tx, ctx.regionId, {
      topic: 'antrian.ticket',
      title: {
        id: `Nomor ${r.number}: ${ahead === 0 ? 'Anda berikutnya' : `${ahead} orang lagi`}`,
        en: `Number ${r.number}: ${ahead === 0 ? 'you are next' : `${ahead} ahead of you`}`,
      },
      body: {
        id: `Bersiaplah di dekat loket, ${unit.name}.`,
        en: `Get ready near the counters, ${unit.name}.`,
      },
      url: `/layanan/antrian/t/${r.token}`,
      to: { users: [r.userId!] },
    });
  }
}

export const todayOf = (ctx: Ctx) => localClock(ctx.now, ctx.tz).date;
