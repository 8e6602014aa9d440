import { and, desc, eq, gt, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { TimeZoneName } from '../../../shared/indonesia';
import type { AnnouncementView, announcementInput } from '../../../shared/modules/info-kota';
import type { Tx } from '../../core/db/client';
import { opd, regionArea } from '../../core/db/schema';
import { conflict, forbidden, invalid, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { notify } from '../../core/notifications/notify';
import { type Desk, localToInstant } from './desk';
import { ikAnnouncement } from './schema';

type Row = typeof ikAnnouncement.$inferSelect;
type Input = z.infer<typeof announcementInput>;
const WALL = 'core:live.watch';
const announcementNotFound = () =>
  notFound({ id: 'Pengumuman tidak ditemukan.', en: 'Announcement not found.' });

async function names(tx: Tx) {
  const [opds, areas] = await Promise.all([
    tx.select({ id: opd.id, name: opd.shortName }).from(opd),
    tx.select({ code: regionArea.code, name: regionArea.name, level: regionArea.level }).from(regionArea),
  ]);
  return {
    opd: new Map(opds.map((o) => [o.id, o.name])),
    area: new Map(areas.map((a) => [a.code, a.name])),
  };
}

function view(a: Row, n: Awaited<ReturnType<typeof names>>): AnnouncementView {
  return {
    id: a.id,
    title: a.title,
    body: a.body,
    validFrom: a.validFrom.toISOString(),
    validUntil: a.validUntil.toISOString(),
    areaCode: a.areaCode,
    areaName: a.areaCode ? (n.area.get(a.areaCode) ?? null) : null,
    audience: a.audience,
    audienceModule: a.audienceModule,
    urgent: a.urgent,
    withdrawn: a.withdrawnAt !== null,
    opdName: a.opdId ? (n.opd.get(a.opdId) ?? null) : null,
  };
}

/** The area must be a kecamatan or kelurahan/desa of this region (RLS confines the lookup to it). */
async function checkArea(tx: Tx, code: string | null | undefined) {
  if (!code) return;
  const [area] = await tx.select({ code: regionArea.code }).from(regionArea).where(eq(regionArea.code, code));
  if (!area)
    throw invalid(
      {
        id: 'Wilayah sasaran bukan kecamatan atau kelurahan daerah ini.',
        en: 'The target area is not a kecamatan or kelurahan of this region.',
      },
      { areaCode: code },
    );
}

function times(input: Input, zone: TimeZoneName) {
  return {
    validFrom: localToInstant(input.validFrom, zone),
    validUntil: localToInstant(input.validUntil, zone),
  };
}

/** Tells the followers of `info-kota.announcements` (in its area) once the announcement is in force. */
async function announce(tx: Tx, regionId: string, a: Row, now: Date) {
  if (a.notifiedAt || a.withdrawnAt || a.validFrom > now || a.validUntil <= now) return;
  const body = a.body.length > 160 ? `${a.body.slice(0, 157)}…` : a.body;
  const ttl = Math.max(60, Math.min(7 * 86400, Math.round((a.validUntil.getTime() - now.getTime()) / 1000)));
  await notify(tx, regionId, {
    topic: 'info-kota.announcements',
    title: { id: a.urgent ? `PENTING: ${a.title}` : a.title, en: a.urgent ? `URGENT: ${a.title}` : a.title },
    body: { id: body, en: body },
    url: `/layanan/info-kota/pengumuman#p-${a.id}`,
    to: { broadcast: true, areaCode: a.areaCode },
    urgency: a.urgent ? 'high' : 'normal',
    ttlSeconds: ttl,
  });
  await tx.update(ikAnnouncement).set({ notifiedAt: now }).where(eq(ikAnnouncement.id, a.id));
}

export async function createAnnouncement(
  tx: Tx,
  regionId: string,
  desk: Desk,
  input: Input,
  zone: TimeZoneName,
  now = new Date(),
) {
  if (!desk.editor) throw forbidden();
  await checkArea(tx, input.areaCode);
  if (input.audience === 'pengguna-layanan' && !input.audienceModule)
    throw invalid({ id: 'Pilih layanan sasaran.', en: 'Choose the target service.' });
  const [a] = await tx
    .insert(ikAnnouncement)
    .values({
      regionId,
      title: input.title,
      body: input.body,
      ...times(input, zone),
      areaCode: input.areaCode ?? null,
      audience: input.audience,
      audienceModule: input.audience === 'pengguna-layanan' ? (input.audienceModule ?? null) : null,
      urgent: input.urgent,
      opdId: desk.opdIds[0] ?? null,
      createdBy: desk.actor.id,
    })
    .returning();
  await emitEvent(tx, regionId, {
    type: 'info-kota.announcement.created',
    permission: WALL,
    actor: desk.actor,
    subject: a!.id,
    summary: {
      id: `${a!.urgent ? 'Pengumuman penting' : 'Pengumuman'}: ${a!.title}`,
      en: `${a!.urgent ? 'Urgent announcement' : 'Announcement'}: ${a!.title}`,
    },
    data: { urgent: a!.urgent, areaCode: a!.areaCode },
  });
  await announce(tx, regionId, a!, now);
  return view(a!, await names(tx));
}

export async function updateAnnouncement(
  tx: Tx,
  regionId: string,
  desk: Desk,
  id: string,
  input: Input,
  zone: TimeZoneName,
  now = new Date(),
) {
  const [a] = await tx.select().from(ikAnnouncement).where(eq(ikAnnouncement.id, id)).for('update');
  if (!a) throw announcementNotFound();
  if (!desk.editor) throw forbidden();
  if (a.withdrawnAt)
    throw conflict({ id: 'Pengumuman sudah ditarik.', en: 'The announcement was withdrawn.' });
  await checkArea(tx, input.areaCode);
  const [u] = await tx
    .update(ikAnnouncement)
    .set({
      title: input.title,
      body: input.body,
      ...times(input, zone),
      areaCode: input.areaCode ?? null,
      audience: input.audience,
      audienceModule: input.audience === 'pengguna-layanan' ? (input.audienceModule ?? null) : null,
      urgent: input.urgent,
    })
    .where(eq(ikAnnouncement.id, id))
    .returning();
  await emitEvent(tx, regionId, {
    type: 'info-kota.announcement.updated',
    permission: WALL,
    actor: desk.actor,
    subject: id,
    summary: { id: `Pengumuman diubah: ${u!.title}`, en: `Announcement changed: ${u!.title}` },
    data: { urgent: u!.urgent, areaCode: u!.areaCode },
  });
  await announce(tx, regionId, u!, now);
  return view(u!, await names(tx));
}

export async function withdrawAnnouncement(tx: Tx, regionId: string, desk: Desk, id: string) {
  const [found] = await tx
    .select({ id: ikAnnouncement.id })
    .from(ikAnnouncement)
    .where(eq(ikAnnouncement.id, id));
  if (!found) throw announcementNotFound();
  if (!desk.editor) throw forbidden();
  const [u] = await tx
    .update(ikAnnouncement)
    .set({ withdrawnAt: new Date() })
    .where(and(eq(ikAnnouncement.id, id), isNull(ikAnnouncement.withdrawnAt)))
    .returning();
  if (!u) throw announcementNotFound();
  await emitEvent(tx, regionId, {
    type: 'info-kota.announcement.withdrawn',
    permission: WALL,
    actor: desk.actor,
    subject: id,
    summary: { id: `Pengumuman ditarik: ${u.title}`, en: `Announcement withdrawn: ${u.title}` },
    data: { urgent: u.urgent },
  });
  return view(u, await names(tx));
}

export async function listDeskAnnouncements(tx: Tx, desk: Desk) {
  if (!desk.writer) throw forbidden();
  const rows = await tx.select().from(ikAnnouncement).orderBy(desc(ikAnnouncement.validFrom)).limit(200);
  const n = await names(tx);
  return rows.map((a) => view(a, n));
}

/**
 * Announcements in force now, urgent first. With `area`: those for the whole region, for that area,
 * for the kecamatan a kelurahan lies in, and (for a kecamatan) for its kelurahan.
 */
export async function announcementsInForce(tx: Tx, now: Date, area?: string, onlyUrgent = false) {
  let areaFilter: SQL | undefined;
  if (area) {
    const codes = [area];
    if (area.split('.').length === 4) codes.push(area.split('.').slice(0, 3).join('.'));
    const kelurahan =
      area.split('.').length === 3
        ? await tx.select({ code: regionArea.code }).from(regionArea).where(eq(regionArea.parentCode, area))
        : [];
    codes.push(...kelurahan.map((k) => k.code));
    areaFilter = or(isNull(ikAnnouncement.areaCode), inArray(ikAnnouncement.areaCode, codes));
  }
  const rows = await tx
    .select()
    .from(ikAnnouncement)
    .where(
      and(
        isNull(ikAnnouncement.withdrawnAt),
        lte(ikAnnouncement.validFrom, now),
        gt(ikAnnouncement.validUntil, now),
        onlyUrgent ? eq(ikAnnouncement.urgent, true) : undefined,
        areaFilter,
      ),
    )
    .orderBy(desc(ikAnnouncement.urgent), desc(ikAnnouncement.validFrom))
    .limit(50);
  const n = await names(tx);
  return rows.map((a) => view(a, n));
}

/** The task: announcements whose validity began since the last run are sent out now. */
export async function announceDue(tx: Tx, regionId: string, now = new Date()) {
  const due = await tx
    .select()
    .from(ikAnnouncement)
    .where(
      and(
        isNull(ikAnnouncement.notifiedAt),
        isNull(ikAnnouncement.withdrawnAt),
        lte(ikAnnouncement.validFrom, now),
        gt(ikAnnouncement.validUntil, now),
      ),
    )
    .limit(100)
    .for('update', { skipLocked: true });
  for (const a of due) await announce(tx, regionId, a, now);
  return due.length;
}
