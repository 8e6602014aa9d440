import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { z } from 'zod';
import type { LaksaSettings, reportInput } from '../../../shared/modules/laksa';
import type { WorkingCalendar } from '../../core/calendar/working-days';
import type { Tx } from '../../core/db/client';
import { prepareStatement, renderable } from '../../core/db/prepared';
import { storedFile } from '../../core/db/schema';
import { conflict, invalid } from '../../core/errors';
import { prepareEventWith } from '../../core/events/emit';
import { locateArea } from '../../core/regions/locate';
import { laksaReport, laksaReportStep } from './schema';
import { insideBounds } from './settings';
import { filedWrites } from './stats';
import { wallChange } from './wall';

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

/**
 * Same key + same body from the same person = the same submission (a replay); anything else with a
 * used key is a conflict (so nobody can fetch another person's report by replaying its key).
 */
export const requestHash = (input: ParsedReportInput, submitter: string | null) =>
  createHash('sha256')
    .update(JSON.stringify([submitter, input]))
    .digest('base64url');

/**
 * Intake's statements are built once per process (core prepareStatement: the SQL text is drizzle's
 * own) and run as prepared statements: on PostgreSQL each connection parses and plans them once.
 * A report costs three round trips besides BEGIN/COMMIT: the lookup, the photo check when there
 * are photos, and the writes with their event (bench/laksa: 11 before).
 */
const build = drizzle.mock({ casing: 'snake_case' });
const value = sql.placeholder;

/**
 * One round trip before the writes: the Idempotency-Key's earlier report, the category, the picked
 * area, and the region's next ticket number (the counter is bumped only when the key is new; a
 * rejected filing rolls it back with the transaction, so tickets stay gapless).
 */
const lookup = prepareStatement<{
  number: number | null;
  prior_id: string | null;
  prior_ticket: string | null;
  prior_hash: string | null;
  category_id: string | null;
  category_name: string;
  category_name_en: string;
  kamtibmas: boolean;
  area_code: string | null;
  area_level: 'kecamatan' | 'kelurahan' | 'desa' | null;
  area_parent: string | null;
}>(
  'laksa_intake_lookup',
  renderable(sql`with counter as (
      insert into laksa_ticket_counter (region_id, year, last)
      select ${value('regionId')}::uuid, ${value('year')}::smallint, 1
      where not exists (select 1 from laksa_report where idempotency_key = ${value('key')})
      on conflict (region_id, year) do update set last = laksa_ticket_counter.last + 1
      returning last)
    select (select last from counter) as number,
      p.id as prior_id, p.ticket as prior_ticket, p.request_hash as prior_hash,
      c.id as category_id, c.name as category_name, c.name_en as category_name_en, c.kamtibmas,
      a.code as area_code, a.level as area_level, a.parent_code as area_parent
    from (values (1)) as one (x)
    left join laksa_report p on p.idempotency_key = ${value('key')}
    left join laksa_category c on c.id = ${value('categoryId')}::uuid and c.active
    left join region_area a on a.code = ${value('areaCode')}`),
);

/** The filing's rows and its event, as one statement (core prepareEventWith). */
const file = prepareEventWith('laksa_intake_file', [
  build
    .insert(laksaReport)
    .values({
      id: value('id'),
      regionId: value('regionId'),
      ticket: value('ticket'),
      type: value('type'),
      categoryId: value('categoryId'),
      description: value('description'),
      address: value('address'),
      lat: value('lat'),
      lng: value('lng'),
      kecamatan: value('kecamatan'),
      kelurahan: value('kelurahan'),
      anonymous: value('anonymous'),
      confidential: value('confidential'),
      reporterId: value('reporterId'),
      contact: value('contact'),
      source: value('source'),
      idempotencyKey: value('idempotencyKey'),
      requestHash: value('requestHash'),
      verifyDueAt: value('verifyDueAt'),
      createdAt: value('createdAt'),
      updatedAt: value('updatedAt'),
    })
    .getSQL(),
  build
    .insert(laksaReportStep)
    .values({
      regionId: value('regionId'),
      reportId: value('id'),
      kind: 'status',
      toStatus: 'menunggu_verifikasi',
      actorLabel: 'Pelapor',
      photoIds: value('photoIds'),
      visibility: 'public',
    })
    .getSQL(),
  // Always there (no photos inserts nothing), so the statement's text never changes.
  sql`insert into laksa_report_photo (region_id, report_id, file_id, stage)
    select ${value('regionId')}::uuid, ${value('id')}::uuid, f, 'report' from unnest(${value('photoList')}::uuid[]) as f`,
  ...filedWrites(value('regionId'), { categoryId: value('categoryId'), kecamatan: value('kecamatan') }),
]);

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
  const hash = requestHash(input, who.reporterId ?? (who.contact ? JSON.stringify(who.contact) : null));
  const now = new Date();
  const year = Number(env.calendar.localDate(now).slice(0, 4));
  const [found] = await lookup(tx, {
    regionId: env.regionId,
    year,
    key: who.idempotencyKey ?? null,
    categoryId: input.categoryId,
    areaCode: input.areaCode ?? null,
  });
  if (found?.prior_id) {
    if (found.prior_hash !== hash) throw idempotencyMismatch();
    return { id: found.prior_id, ticket: found.prior_ticket!, created: false };
  }
  who.beforeFiling?.();

  if (!found?.category_id)
    throw invalid(
      { id: 'Kategori tidak dikenal di daerah ini.', en: 'Unknown category for this region.' },
      { field: 'categoryId' },
    );
  const category = { id: found.category_id, name: found.category_name, nameEn: found.category_name_en };

  if (!env.settings.allowOutsideBounds && !insideBounds(env.settings, input.lat, input.lng))
    throw invalid(
      { id: 'Lokasi berada di luar wilayah daerah ini.', en: 'The location is outside this region.' },
      { field: 'lat/lng' },
    );

  // No area picked: the pin's own kecamatan/kelurahan (core locateArea: outline, else nearest
  // centroid; nothing outside the region) so routing rules per kecamatan and the stats apply.
  const area = input.areaCode ? pickedArea(found) : await areaAt(tx, env, input.lat, input.lng);
  if (input.photoIds.length > 0) await checkPhotos(tx, input.photoIds, who.reporterId);

  const ticket = formatTicket(env.regionCode, year, found.number!);
  const id = randomUUID();
  const values = {
    id,
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
    photoIds: input.photoIds,
    // A PostgreSQL array literal: the same on pg and PGlite (a JS array would be spread into a list).
    photoList: `{${input.photoIds.join(',')}}`,
  };
  await file(tx, values, env.regionId, {
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
      kamtibmas: found.kamtibmas,
      kecamatan: area.kecamatan,
      // A rahasia report's location stays off the wall (and its event) altogether.
      lat: input.confidential ? null : input.lat,
      lng: input.confidential ? null : input.lng,
      confidential: input.confidential,
      source: who.source,
      wall: wallChange({
        id,
        ticket,
        status: 'menunggu_verifikasi',
        lat: input.lat,
        lng: input.lng,
        confidential: input.confidential,
        overdue: false,
        overdueLevel: 0,
        category: { name: category.name, nameEn: category.nameEn },
        at: now,
      }),
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
async function areaAt(tx: Tx, env: IntakeEnv, lat: number, lng: number) {
  const found = await locateArea(tx, env.regionId, env.settings.bounds, lat, lng);
  return { kecamatan: found.kecamatan?.code ?? null, kelurahan: found.kelurahan?.code ?? null };
}

function pickedArea(found: {
  area_code: string | null;
  area_level: string | null;
  area_parent: string | null;
}) {
  if (!found.area_code)
    throw invalid(
      {
        id: 'Kecamatan/kelurahan tidak ada di daerah ini.',
        en: 'No such kecamatan/kelurahan in this region.',
      },
      { field: 'areaCode' },
    );
  return found.area_level === 'kecamatan'
    ? { kecamatan: found.area_code, kelurahan: null }
    : { kecamatan: found.area_parent, kelurahan: found.area_code };
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
