import { randomBytes, randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../core/db/client';
import { conflict } from '../../core/errors';
import { antrianDay, antrianSlot } from './schema';
import type { ServiceRow } from './setup';

const full = (s: ServiceRow) =>
  conflict(
    {
      id: `Kuota antrean ${s.name} hari ini sudah habis (${s.dailyCap} nomor). Silakan datang lagi besok atau booking hari lain.`,
      en: `Today's tickets for ${s.name} are all taken (${s.dailyCap}). Please come back tomorrow or book another day.`,
    },
    { reason: 'daily_cap' },
  );

/**
 * Takes a place in the service's day: one upsert that only moves while `taken` is below the daily
 * cap (the row lock orders concurrent kiosks). A walk-in also takes the next sequence number; a
 * booking only holds its place and gets its number at check-in. Returns the sequence (walk-in).
 */
export async function takePlace(tx: Tx, regionId: string, s: ServiceRow, day: string, walkIn: boolean) {
  const step = walkIn ? 1 : 0;
  const [row] = await tx
    .insert(antrianDay)
    .values({ regionId, serviceId: s.id, day, taken: 1, seq: step })
    .onConflictDoUpdate({
      target: [antrianDay.regionId, antrianDay.serviceId, antrianDay.day],
      set: { taken: sql`${antrianDay.taken} + 1`, seq: sql`${antrianDay.seq} + ${step}` },
      setWhere: sql`${antrianDay.taken} < ${s.dailyCap}`,
    })
    .returning({ seq: antrianDay.seq });
  if (!row) throw full(s);
  return row.seq;
}

/** The next number for a booking checking in (its place was held when it booked). */
export async function nextSeq(tx: Tx, s: ServiceRow, day: string) {
  const [row] = await tx
    .update(antrianDay)
    .set({ seq: sql`${antrianDay.seq} + 1` })
    .where(and(eq(antrianDay.serviceId, s.id), eq(antrianDay.day, day)))
    .returning({ seq: antrianDay.seq });
  if (!row) throw new Error('a booked day has no antrian_day row');
  return row.seq;
}

/** Gives back a booking's place (cancelled before check-in). */
export async function releasePlace(tx: Tx, serviceId: string, day: string, slotStart: Date | null) {
  await tx
    .update(antrianDay)
    .set({ taken: sql`greatest(${antrianDay.taken} - 1, 0)` })
    .where(and(eq(antrianDay.serviceId, serviceId), eq(antrianDay.day, day)));
  if (slotStart)
    await tx
      .update(antrianSlot)
      .set({ booked: sql`greatest(${antrianSlot.booked} - 1, 0)` })
      .where(and(eq(antrianSlot.serviceId, serviceId), eq(antrianSlot.slotStart, slotStart)));
}

/** Holds one booking in a slot, while the slot is below its quota. */
export async function takeSlot(tx: Tx, regionId: string, s: ServiceRow, slotStart: Date) {
  const [row] = await tx
    .insert(antrianSlot)
    .values({ regionId, serviceId: s.id, slotStart, booked: 1 })
    .onConflictDoUpdate({
      target: [antrianSlot.regionId, antrianSlot.serviceId, antrianSlot.slotStart],
      set: { booked: sql`${antrianSlot.booked} + 1` },
      setWhere: sql`${antrianSlot.booked} < ${s.slotQuota}`,
    })
    .returning({ booked: antrianSlot.booked });
  if (!row)
    throw conflict(
      {
        id: 'Slot ini sudah penuh. Pilih jam lain.',
        en: 'This slot is full. Choose another time.',
      },
      { reason: 'slot_full' },
    );
}

/** A012: the prefix and the number, at least three digits (as wide as the range's end). */
export function ticketNumber(s: Pick<ServiceRow, 'prefix' | 'numberStart' | 'numberEnd'>, seq: number) {
  const width = Math.max(3, String(s.numberEnd).length);
  return `${s.prefix}${String(s.numberStart + seq - 1).padStart(width, '0')}`;
}

// No 0/O, 1/I/L: read aloud and typed from paper at a kiosk.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const bookingCode = () =>
  Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
export const ticketToken = () => randomBytes(16).toString('base64url');
