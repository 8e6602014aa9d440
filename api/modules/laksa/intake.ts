import { createHash } from 'node:crypto';
import { and, eq, inArray, is, Param, Placeholder, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { z } from 'zod';
import type { LaksaSettings, reportInput } from '../../../shared/modules/laksa';
import type { WorkingCalendar } from '../../core/calendar/working-days';
import type { Tx } from '../../core/db/client';
import { queryPrepared } from '../../core/db/prepared';
import { regionArea, storedFile } from '../../core/db/schema';
import { conflict, invalid } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { locateArea } from '../../core/regions/locate';
import { laksaCategory, laksaReport, laksaReportPhoto, laksaReportStep, laksaTicketCounter } from './schema';
import { insideBounds } from './settings';
import { countFiled } from './stats';
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
 * Intake's statements, built once per process with drizzle (so the SQL text is drizzle's own) and
 * run as prepared statements (core/db/prepared.ts): on PostgreSQL each connection parses and plans
 * them once instead of for every report (bench/laksa: the transaction runs ~1.5× faster prepared).
 */
const build = drizzle.mock({ casing: 'snake_case' });
const value = sql.placeholder;

function prepared<Row>(name: string, query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql: text, params } = query.toSQL();
  return (tx: Tx, values: Record<string, unknown>): Promise<Row[]> => {
    // As drizzle binds: null stays SQL NULL, anything else goes through the column's encoder.
    const args = params.map((x) => {
      if (is(x, Placeholder)) return values[x.name];
      if (is(x, Param) && is(x.value, Placeholder)) {
        const v = values[x.value.name];
        return v === null || v === undefined ? null : x.encoder.mapToDriverValue(v);
      }
      return x;
    });
    return queryPrepared<Row>(tx, name, text, args);
  };
}

const statements = {
  prior: prepared<{ id: string; ticket: string; request_hash: string | null }>(
    'laksa_intake_prior',
    build
      .select({ id: laksaReport.id, ticket: laksaReport.ticket, requestHash: laksaReport.requestHash })
      .from(laksaReport)
      .where(eq(laksaReport.idempotencyKey, value('key'))),
  ),
  category: prepared<{ id: string; name: string; name_en: string; kamtibmas: boolean; resolve_days: number }>(
    'laksa_intake_category_v2',
    build
      .select({
        id: laksaCategory.id,
        name: laksaCategory.name,
        nameEn: laksaCategory.nameEn,
        kamtibmas: laksaCategory.kamtibmas,
        resolveDays: laksaCategory.resolveDays,
      })
      .from(laksaCategory)
      .where(and(eq(laksaCategory.id, value('id')), eq(laksaCategory.active, true))),
  ),
  area: prepared<{ code: string; level: 'kecamatan' | 'kelurahan' | 'desa'; parent_code: string | null }>(
    'laksa_intake_area',
    build
      .select({ code: regionArea.code, level: regionArea.level, parentCode: regionArea.parentCode })
      .from(regionArea)
      .where(eq(regionArea.code, value('code'))),
  ),
  counter: prepared<{ last: number }>(
    'laksa_intake_counter',
    build
      .insert(laksaTicketCounter)
      .values({ regionId: value('regionId'), year: value('year'), last: 1 })
      .onConflictDoUpdate({
        target: [laksaTicketCounter.regionId, laksaTicketCounter.year],
        set: { last: sql`${laksaTicketCounter.last} + 1` },
      })
      .returning({ last: laksaTicketCounter.last }),
  ),
  report: prepared<{ id: string }>(
    'laksa_intake_report',
    build
      .insert(laksaReport)
      .values({
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
      .returning({ id: laksaReport.id }),
  ),
  step: prepared(
    'laksa_intake_step',
    build.insert(laksaReportStep).values({
      regionId: value('regionId'),
      reportId: value('reportId'),
      kind: 'status',
      toStatus: 'menunggu_verifikasi',
      actorLabel: 'Pelapor',
      photoIds: value('photoIds'),
      visibility: 'public',
    }),
  ),
};

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
  if (who.idempotencyKey) {
    const [prior] = await statements.prior(tx, { key: who.idempotencyKey });
    if (prior) {
      if (prior.request_hash !== hash) throw idempotencyMismatch();
      return { id: prior.id, ticket: prior.ticket, created: false };
    }
  }
  who.beforeFiling?.();

  const [category] = await statements.category(tx, { id: input.categoryId });
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

  // No area picked: the pin's own kecamatan/kelurahan (core locateArea: outline, else nearest
  // centroid; nothing outside the region) so routing rules per kecamatan and the stats apply.
  const area = input.areaCode
    ? await resolveArea(tx, input.areaCode)
    : await areaAt(tx, env, input.lat, input.lng);
  if (input.photoIds.length > 0) await checkPhotos(tx, input.photoIds, who.reporterId);

  const now = new Date();
  const year = Number(env.calendar.localDate(now).slice(0, 4));
  const [counter] = await statements.counter(tx, { regionId: env.regionId, year });
  const ticket = formatTicket(env.regionCode, year, counter!.last);

  const [report] = await statements.report(tx, {
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
  });
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
  await statements.step(tx, { regionId: env.regionId, reportId: id, photoIds: input.photoIds });
  await countFiled(tx, env.regionId, { categoryId: category.id, kecamatan: area.kecamatan });
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
        category: { name: category.name, nameEn: category.name_en },
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

async function resolveArea(tx: Tx, code: string) {
  const [row] = await statements.area(tx, { code });
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
    : { kecamatan: row.parent_code, kelurahan: row.code };
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
