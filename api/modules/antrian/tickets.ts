import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { timeZones } from '../../../shared/indonesia';
import type { AntrianSettings, bookingInput, issueInput } from '../../../shared/modules/antrian';
import type { TimeZoneCode, WorkingCalendar } from '../../core/calendar/working-days';
import type { Tx } from '../../core/db/client';
import { conflict, invalid, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { addDays, assertOpen, hoursOn, localClock, slotInstant, slotsOf } from './clock';
import {
  bookingCode,
  nextSeq,
  releasePlace,
  takePlace,
  takeSlot,
  ticketNumber,
  ticketToken,
} from './numbering';
import { antrianPriority, antrianService, antrianTicket } from './schema';
import { serviceOf, type UnitRow } from './setup';

export type Ctx = { regionId: string; tz: TimeZoneCode; calendar: WorkingCalendar; now: Date };
export type TicketRow = typeof antrianTicket.$inferSelect;

export const ticketNotFound = () => notFound({ id: 'Tiket tidak ditemukan.', en: 'Ticket not found.' });

const wallEvent = (unit: UnitRow, t: TicketRow) => ({
  // Numbers only: no name, NIK or account reaches the wall or the unit's public display.
  permission: 'core:live.watch',
  subject: t.id,
  data: { unitId: unit.id, unit: unit.code, serviceId: t.serviceId, number: t.number },
});

async function priorityOf(tx: Tx, code: string | null) {
  if (!code) return { code: null, weight: 0 };
  const [p] = await tx.select().from(antrianPriority).where(eq(antrianPriority.code, code));
  if (!p) throw invalid({ id: 'Prioritas tidak dikenal.', en: 'Unknown priority.' });
  return { code: p.code, weight: p.weight };
}

/**
 * A walk-in ticket from the unit's kiosk or from a citizen's phone, while the unit is open:
 * numbered atomically per service and local day, within the daily cap.
 */
export async function issueTicket(
  tx: Tx,
  ctx: Ctx,
  unit: UnitRow,
  input: z.infer<typeof issueInput>,
  by: { channel: 'kiosk' | 'web'; userId: string | null },
) {
  if (!unit.active) throw notFound();
  const service = await serviceOf(tx, unit.id, input.serviceCode);
  if (!service.active)
    throw conflict({ id: 'Layanan sedang tidak tersedia.', en: 'The service is not available.' });
  assertOpen(unit, ctx.now, ctx.tz, ctx.calendar);
  const priority = await priorityOf(tx, input.priorityCode);
  const { date: day } = localClock(ctx.now, ctx.tz);
  if (by.userId) {
    const [mine] = await tx
      .select({ number: antrianTicket.number })
      .from(antrianTicket)
      .where(
        and(
          eq(antrianTicket.userId, by.userId),
          eq(antrianTicket.serviceId, service.id),
          eq(antrianTicket.day, day),
          inArray(antrianTicket.status, ['waiting', 'called', 'serving']),
        ),
      );
    if (mine)
      throw conflict(
        {
          id: `Anda sudah memegang nomor ${mine.number} untuk layanan ini.`,
          en: `You already hold number ${mine.number} for this service.`,
        },
        { reason: 'already_waiting' },
      );
  }
  const seq = await takePlace(tx, ctx.regionId, service, day, true);
  const [ticket] = await tx
    .insert(antrianTicket)
    .values({
      regionId: ctx.regionId,
      token: ticketToken(),
      unitId: unit.id,
      serviceId: service.id,
      day,
      seq,
      number: ticketNumber(service, seq),
      status: 'waiting',
      channel: by.channel,
      priorityCode: priority.code,
      priorityWeight: priority.weight,
      userId: by.userId,
      nik: input.nik,
      issuedAt: ctx.now,
    })
    .returning();
  await emitEvent(tx, ctx.regionId, {
    type: 'antrian.ticket.issued',
    summary: {
      id: `Nomor ${ticket!.number} diambil di ${unit.name}`,
      en: `Ticket ${ticket!.number} taken at ${unit.name}`,
    },
    ...wallEvent(unit, ticket!),
  });
  return ticket!;
}

/** Booked slots of a service on a date with the places left (none on closed days). */
export async function slotsFor(tx: Tx, ctx: Ctx, unit: UnitRow, serviceCode: string, date: string) {
  const service = await serviceOf(tx, unit.id, serviceCode);
  const h = hoursOn(unit, date, ctx.calendar);
  if (!h || service.slotQuota === 0 || !service.active) return [];
  const starts = slotsOf(h, service.slotMinutes);
  const taken = (await tx.execute(sql`
    select to_char(slot_start at time zone ${sql.raw(`'${timeZones[ctx.tz]}'`)}, 'HH24:MI') as start, booked
    from antrian_slot where service_id = ${service.id}
      and slot_start >= ${slotInstant(date, '00:00', ctx.tz)} and slot_start < ${slotInstant(addDays(date, 1), '00:00', ctx.tz)}
  `)) as unknown as { rows: { start: string; booked: number }[] };
  const booked = new Map(taken.rows.map((r) => [r.start, Number(r.booked)]));
  const { date: today, time } = localClock(ctx.now, ctx.tz);
  return starts
    .filter((s) => date > today || s > time)
    .map((start) => ({ start, left: Math.max(0, service.slotQuota - (booked.get(start) ?? 0)) }));
}

const bookingRefused = (id: string, en: string, reason: string) => invalid({ id, en }, { reason });

/**
 * A booking for a date and slot ahead: within the booking window, on an open day and hour, below
 * the slot quota and the daily cap, once per person and slot. The number comes at check-in.
 */
export async function bookTicket(
  tx: Tx,
  ctx: Ctx,
  settings: AntrianSettings,
  unit: UnitRow,
  input: z.infer<typeof bookingInput>,
  userId: string,
) {
  if (!unit.active) throw notFound();
  const service = await serviceOf(tx, unit.id, input.serviceCode);
  const { date: today, time } = localClock(ctx.now, ctx.tz);
  if (input.date < today || (input.date === today && input.slot <= time))
    throw bookingRefused('Waktu itu sudah lewat.', 'That time has passed.', 'past');
  if (input.date > addDays(today, settings.bookingDaysAhead))
    throw bookingRefused(
      `Booking paling lambat ${settings.bookingDaysAhead} hari ke depan.`,
      `Bookings open at most ${settings.bookingDaysAhead} days ahead.`,
      'too_far',
    );
  if (!service.active || service.slotQuota === 0)
    throw bookingRefused(
      'Layanan ini tidak menerima booking.',
      'This service takes no bookings.',
      'no_booking',
    );
  const h = hoursOn(unit, input.date, ctx.calendar);
  if (!h) {
    const holiday = ctx.calendar.holiday(input.date);
    throw bookingRefused(
      `Unit layanan tutup pada tanggal itu${holiday ? ` (${holiday.name})` : ''}.`,
      `The unit is closed on that date${holiday ? ` (${holiday.name})` : ''}.`,
      holiday ? 'holiday' : 'closed_day',
    );
  }
  if (!slotsOf(h, service.slotMinutes).includes(input.slot))
    throw bookingRefused(
      `Jam ${input.slot} bukan slot layanan (${h.open}–${h.close}, tiap ${service.slotMinutes} menit).`,
      `${input.slot} is not a slot (${h.open}–${h.close}, every ${service.slotMinutes} minutes).`,
      'outside_hours',
    );
  const slotStart = slotInstant(input.date, input.slot, ctx.tz);
  // One booking per person, service and day: nobody can hold every slot of a day.
  const [twice] = await tx
    .select({ code: antrianTicket.bookingCode, slotStart: antrianTicket.slotStart })
    .from(antrianTicket)
    .where(
      and(
        eq(antrianTicket.userId, userId),
        eq(antrianTicket.serviceId, service.id),
        eq(antrianTicket.day, input.date),
        eq(antrianTicket.status, 'booked'),
      ),
    );
  if (twice) {
    const at = localClock(twice.slotStart!, ctx.tz).time;
    throw conflict(
      {
        id: `Anda sudah booking layanan ini pada tanggal itu pukul ${at} (kode ${twice.code}).`,
        en: `You already booked this service that day at ${at} (code ${twice.code}).`,
      },
      { reason: 'twice' },
    );
  }
  await takeSlot(tx, ctx.regionId, service, slotStart);
  await takePlace(tx, ctx.regionId, service, input.date, false);
  const [ticket] = await tx
    .insert(antrianTicket)
    .values({
      regionId: ctx.regionId,
      token: ticketToken(),
      unitId: unit.id,
      serviceId: service.id,
      day: input.date,
      status: 'booked',
      channel: 'booking',
      userId,
      nik: input.nik,
      bookingCode: bookingCode(),
      slotStart,
    })
    .returning();
  await emitEvent(tx, ctx.regionId, {
    type: 'antrian.ticket.booked',
    summary: {
      id: `Booking ${service.name} ${input.date} ${input.slot} di ${unit.name}`,
      en: `Booking for ${service.name} on ${input.date} ${input.slot} at ${unit.name}`,
    },
    ...wallEvent(unit, ticket!),
  });
  return ticket!;
}

/**
 * Check-in on arrival (kiosk, by QR or typed code; or a clerk): the booking gets its number and
 * joins the queue, ahead of walk-ins when the unit's rule says so.
 */
export async function checkIn(tx: Tx, ctx: Ctx, settings: AntrianSettings, unit: UnitRow, code: string) {
  const [t] = await tx
    .select()
    .from(antrianTicket)
    .where(and(eq(antrianTicket.bookingCode, code), eq(antrianTicket.unitId, unit.id)));
  if (!t)
    throw notFound({
      id: 'Kode booking tidak ditemukan di unit ini.',
      en: 'Booking code not found at this unit.',
    });
  if (t.status !== 'booked')
    throw conflict(
      {
        id: `Booking ini sudah ${t.number ? `check-in (nomor ${t.number})` : 'dibatalkan'}.`,
        en: 'This booking was already used or cancelled.',
      },
      { reason: 'used' },
    );
  const slot = t.slotStart!.getTime();
  const now = ctx.now.getTime();
  if (now < slot - settings.checkInEarlyMinutes * 60_000)
    throw conflict(
      {
        id: `Check-in dibuka ${settings.checkInEarlyMinutes} menit sebelum jadwal.`,
        en: `Check-in opens ${settings.checkInEarlyMinutes} minutes before the slot.`,
      },
      { reason: 'early' },
    );
  if (now > slot + settings.checkInGraceMinutes * 60_000)
    throw conflict(
      {
        id: 'Jadwal booking sudah lewat. Silakan ambil nomor antrean biasa.',
        en: 'The booked time has passed. Please take a regular ticket.',
      },
      { reason: 'late' },
    );
  const [service] = await tx.select().from(antrianService).where(eq(antrianService.id, t.serviceId));
  const seq = await nextSeq(tx, service!, t.day);
  const [ticket] = await tx
    .update(antrianTicket)
    .set({ seq, number: ticketNumber(service!, seq), status: 'waiting', issuedAt: ctx.now })
    .where(and(eq(antrianTicket.id, t.id), eq(antrianTicket.status, 'booked')))
    .returning();
  if (!ticket) throw conflict({ id: 'Booking ini sudah dipakai.', en: 'This booking was already used.' });
  await emitEvent(tx, ctx.regionId, {
    type: 'antrian.ticket.checked_in',
    summary: {
      id: `Booking check-in: nomor ${ticket.number}`,
      en: `Booking checked in: number ${ticket.number}`,
    },
    ...wallEvent(unit, ticket),
  });
  return ticket;
}

/** The citizen cancels a booking or a waiting ticket; a booking gives back its slot and place. */
export async function cancelTicket(tx: Tx, ctx: Ctx, unit: UnitRow, t: TicketRow) {
  if (t.status !== 'booked' && t.status !== 'waiting')
    throw conflict({
      id: 'Tiket ini tidak bisa dibatalkan lagi.',
      en: 'This ticket can no longer be cancelled.',
    });
  const [row] = await tx
    .update(antrianTicket)
    .set({ status: 'cancelled', finishedAt: ctx.now })
    .where(and(eq(antrianTicket.id, t.id), eq(antrianTicket.status, t.status)))
    .returning();
  if (!row)
    throw conflict({ id: 'Tiket baru saja berubah. Muat ulang.', en: 'The ticket just changed. Reload.' });
  if (t.status === 'booked') await releasePlace(tx, t.serviceId, t.day, t.slotStart);
  await emitEvent(tx, ctx.regionId, {
    type: 'antrian.ticket.cancelled',
    summary: {
      id: `Tiket ${t.number ?? t.bookingCode} dibatalkan`,
      en: `Ticket ${t.number ?? t.bookingCode} cancelled`,
    },
    ...wallEvent(unit, row),
  });
  return row;
}
