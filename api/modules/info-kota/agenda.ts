import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { TimeZoneName } from '../../../shared/indonesia';
import type { AgendaView, agendaInput } from '../../../shared/modules/info-kota';
import type { Tx } from '../../core/db/client';
import { opd } from '../../core/db/schema';
import { forbidden, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { type Desk, localToInstant, startOfLocalDay } from './desk';
import { ikEvent } from './schema';

type Row = typeof ikEvent.$inferSelect;
type Input = z.infer<typeof agendaInput>;
const WALL = 'core:live.watch';
const eventNotFound = () => notFound({ id: 'Agenda tidak ditemukan.', en: 'Event not found.' });

async function opdNames(tx: Tx) {
  const rows = await tx.select({ id: opd.id, name: opd.shortName }).from(opd);
  return new Map(rows.map((r) => [r.id, r.name]));
}

function view(e: Row, names: Map<string, string>): AgendaView {
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt?.toISOString() ?? null,
    place: e.place,
    lat: e.lat,
    lng: e.lng,
    opdName: e.opdId ? (names.get(e.opdId) ?? null) : null,
  };
}

const values = (input: Input, zone: TimeZoneName) => ({
  title: input.title,
  description: input.description,
  startsAt: localToInstant(input.startsAt, zone),
  endsAt: input.endsAt ? localToInstant(input.endsAt, zone) : null,
  place: input.place,
  lat: input.lat ?? null,
  lng: input.lng ?? null,
});

/** A writer may change their OPD's events; an editor any. */
async function mine(tx: Tx, desk: Desk, id: string) {
  const [e] = await tx.select().from(ikEvent).where(eq(ikEvent.id, id)).for('update');
  if (!e) throw eventNotFound();
  if (!desk.editor && e.createdBy !== desk.actor.id && !(e.opdId && desk.opdIds.includes(e.opdId)))
    throw forbidden();
  return e;
}

export async function createEvent(tx: Tx, regionId: string, desk: Desk, input: Input, zone: TimeZoneName) {
  if (!desk.writer) throw forbidden();
  const [e] = await tx
    .insert(ikEvent)
    .values({ regionId, ...values(input, zone), opdId: desk.opdIds[0] ?? null, createdBy: desk.actor.id })
    .returning();
  await emitEvent(tx, regionId, {
    type: 'info-kota.event.created',
    permission: WALL,
    actor: desk.actor,
    subject: e!.id,
    summary: { id: `Agenda kota: ${e!.title}`, en: `City agenda: ${e!.title}` },
    data: { startsAt: e!.startsAt.toISOString() },
  });
  return view(e!, await opdNames(tx));
}

export async function updateEvent(
  tx: Tx,
  regionId: string,
  desk: Desk,
  id: string,
  input: Input,
  zone: TimeZoneName,
) {
  await mine(tx, desk, id);
  const [e] = await tx.update(ikEvent).set(values(input, zone)).where(eq(ikEvent.id, id)).returning();
  await emitEvent(tx, regionId, {
    type: 'info-kota.event.updated',
    permission: WALL,
    actor: desk.actor,
    subject: id,
    summary: { id: `Agenda diubah: ${e!.title}`, en: `Event changed: ${e!.title}` },
  });
  return view(e!, await opdNames(tx));
}

export async function deleteEvent(tx: Tx, regionId: string, desk: Desk, id: string) {
  const e = await mine(tx, desk, id);
  await tx.delete(ikEvent).where(eq(ikEvent.id, id));
  await emitEvent(tx, regionId, {
    type: 'info-kota.event.deleted',
    permission: WALL,
    actor: desk.actor,
    subject: id,
    summary: { id: `Agenda dihapus: ${e.title}`, en: `Event removed: ${e.title}` },
  });
}

/** Upcoming events (from the start of today in the region's zone), or the last 90 days. */
export async function listEvents(tx: Tx, zone: TimeZoneName, when: 'upcoming' | 'past', now = new Date()) {
  const today = startOfLocalDay(now, zone);
  const rows =
    when === 'upcoming'
      ? await tx
          .select()
          .from(ikEvent)
          .where(gte(ikEvent.startsAt, today))
          .orderBy(asc(ikEvent.startsAt))
          .limit(100)
      : await tx
          .select()
          .from(ikEvent)
          .where(
            and(
              lt(ikEvent.startsAt, today),
              gte(ikEvent.startsAt, new Date(today.getTime() - 90 * 86_400_000)),
            ),
          )
          .orderBy(desc(ikEvent.startsAt))
          .limit(100);
  const names = await opdNames(tx);
  return rows.map((e) => view(e, names));
}
