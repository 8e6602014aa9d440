import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { LaksaSettings, reportInput } from '../../../shared/modules/laksa';
import type { Tx } from '../../core/db/client';
import { regionArea, storedFile } from '../../core/db/schema';
import { conflict, invalid } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { laksaCategory, laksaReport, laksaReportPhoto, laksaReportStep, laksaTicketCounter } from './schema';
import { insideBounds } from './settings';
import type { WorkingCalendar } from './sla/calendar';

export type ParsedReportInput = z.infer<typeof reportInput>;

/** The region facts intake needs (resolved once per request by the route). */
export type IntakeEnv = {
  regionId: string;
  regionCode: string;
  settings: LaksaSettings;
  calendar: WorkingCalendar;
};

export type Submitter = {
  reporterId: string | null;
  contact?: { name?: string; email?: string; phone?: string } | null;
  source: 'app' | 'open311' | 'staff';
  idempotencyKey?: string | null;
  /**
   * Called once the submission is known to be new (not a replay of its idempotency key), before
   * anything is validated or written; throwing aborts the filing. The citizen route's flood limit:
   * checked here, a replay is answered without it, in the same transaction as the filing.
   */
  beforeFiling?: () => void;
};

/** Same key + same body = the same submission (a replay); same key + other body = a client bug. */
export const requestHash = (input: ParsedReportInput) =>
  createHash('sha256').update(JSON.stringify(input)).digest('base64url');

/** `LKS-3671-26-000123`: region code without dots, two-digit year (region time), yearly sequence. */
export function formatTicket(regionCode: string, year: number, n: number) {
  return `LKS-${regionCode.replace(/\./g, '')}-${String(year % 100).padStart(2, '0')}-${String(n).padStart(6, '0')}`;
}

/**
 * Files a report in the caller's transaction: validates category, location, area and photos,
 * numbers it, starts the verification SLA, records the first timeline step and the event.
 * A replay of the same idempotency key returns the report filed the first time (`created: false`).
 */
export async function fileReport(tx: Tx, env: IntakeEnv, input: ParsedReportInput, who: Submitter) {
  const hash = requestHash(input);
  if (who.idempotencyKey) {
    const [prior] = await tx
      .select({ id: laksaReport.id, ticket: laksaReport.ticket, requestHash: laksaReport.requestHash })
      .from(laksaReport)
      .where(eq(laksaReport.idempotencyKey, who.idempotencyKey));
    if (prior) {
      if (prior.requestHash !== hash) throw idempotencyMismatch();
      return { id: prior.id, ticket: prior.ticket, created: false };
    }
  }
  who.beforeFiling?.();

  const [category] = await tx
    .select({
      id: laksaCategory.id,
      name: laksaCategory.name,
      kamtibmas: laksaCategory.kamtibmas,
      resolveDays: laksaCategory.resolveDays,
    })
    .from(laksaCategory)
    .where(and(eq(laksaCategory.id, input.categoryId), eq(laksaCategory.active, true)));
  if (!category)
    throw invalid(
      { id: 'Kategori tidak dikenal di daerah ini.', en: 'Unknown category for this region.' },
      { field: 'categoryId' },
    );

  if (!env.settings.allowOutsideBounds && !insideBounds(env.settings, input.lat, input.lng))
    throw invalid(
      { id: 'Lokasi berada di luar wilayah daerah ini.', en: 'The location is outside this region.' },
      { field: 'lat/lng' },
    );

  const area = input.areaCode ? await resolveArea(tx, input.areaCode) : { kecamatan: null, kelurahan: null };
  if (input.photoIds.length > 0) await checkPhotos(tx, input.photoIds, who.reporterId);

  const now = new Date();
  const year = Number(env.calendar.localDate(now).slice(0, 4));
  const [counter] = await tx
    .insert(laksaTicketCounter)
    .values({ regionId: env.regionId, year, last: 1 })
    .onConflictDoUpdate({
      target: [laksaTicketCounter.regionId, laksaTicketCounter.year],
      set: { last: sql`${laksaTicketCounter.last} + 1` },
    })
    .returning({ last: laksaTicketCounter.last });
  const ticket = formatTicket(env.regionCode, year, counter!.last);

  const [report] = await tx
    .insert(laksaReport)
    .values({
      regionId: env.regionId,
      ticket,
      type: input.type,
      categoryId: category.id,
      description: input.description,
      address: input.address,
      lat: input.lat,
      lng: input.lng,
      ...area,
      anonymous: input.anonymous,
      confidential: input.confidential,
      reporterId: who.reporterId,
      contact: who.contact ?? null,
      source: who.source,
      idempotencyKey: who.idempotencyKey ?? null,
      requestHash: hash,
      verifyDueAt: env.calendar.dueAfter(now, env.settings.verifyDays),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: laksaReport.id });
  const id = report!.id;

  if (input.photoIds.length > 0)
    await tx.insert(laksaReportPhoto).values(
      input.photoIds.map((fileId) => ({
        regionId: env.regionId,
        reportId: id,
        fileId,
        stage: 'report' as const,
      })),
    );
  await tx.insert(laksaReportStep).values({
    regionId: env.regionId,
    reportId: id,
    kind: 'status',
    toStatus: 'menunggu_verifikasi',
    actorLabel: 'Pelapor',
    photoIds: input.photoIds,
    visibility: 'public',
  });
  await emitEvent(tx, env.regionId, {
    type: 'laksa.report.created',
    permission: 'core:live.watch',
    subject: id,
    summary: { id: `Laporan baru ${ticket}: ${category.name}`, en: `New report ${ticket}: ${category.name}` },
    // Wall data only: never the reporter, never the text of a rahasia report.
    data: {
      ticket,
      status: 'menunggu_verifikasi',
      type: input.type,
      categoryId: category.id,
      categoryName: category.name,
      kamtibmas: category.kamtibmas,
      kecamatan: area.kecamatan,
      lat: input.lat,
      lng: input.lng,
      confidential: input.confidential,
      source: who.source,
    },
  });
  return { id, ticket, created: true };
}

export const idempotencyMismatch = () =>
  conflict({
    id: 'Kunci idempotensi ini sudah dipakai untuk laporan lain.',
    en: 'This idempotency key was already used for a different report.',
  });

/** A kelurahan/desa code gives its kecamatan too; a kecamatan code stands alone. Other regions' codes are invisible (RLS). */
async function resolveArea(tx: Tx, code: string) {
  const [row] = await tx
    .select({ code: regionArea.code, level: regionArea.level, parentCode: regionArea.parentCode })
    .from(regionArea)
    .where(eq(regionArea.code, code));
  if (!row)
    throw invalid(
      {
        id: 'Kecamatan/kelurahan tidak ada di daerah ini.',
        en: 'No such kecamatan/kelurahan in this region.',
      },
      { field: 'areaCode' },
    );
  return row.level === 'kecamatan'
    ? { kecamatan: row.code, kelurahan: null }
    : { kecamatan: row.parentCode, kelurahan: row.code };
}

/** Photos must have been uploaded (as images, via /api/files/photos) by the same person. */
export async function checkPhotos(tx: Tx, photoIds: string[], ownerId: string | null) {
  const unique = [...new Set(photoIds)];
  const rows = await tx
    .select({ id: storedFile.id })
    .from(storedFile)
    .where(and(inArray(storedFile.id, unique), ownerId ? eq(storedFile.ownerId, ownerId) : sql`false`));
  if (rows.length !== unique.length || unique.length !== photoIds.length)
    throw invalid(
      { id: 'Foto tidak ditemukan atau bukan milik Anda.', en: 'Photo not found or not yours.' },
      { field: 'photoIds' },
    );
}
