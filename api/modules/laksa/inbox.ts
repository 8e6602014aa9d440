import { and, desc, eq, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { inboxQuery, ReportListItem } from '../../../shared/modules/laksa';
import { localInstant, type TimeZoneCode } from '../../core/calendar/working-days';
import type { Database, Tx } from '../../core/db/client';
import { opd, regionArea } from '../../core/db/schema';
import { type RegionScope, readInRegion } from '../../core/db/scope';
import { forbidden, invalid } from '../../core/errors';
import type { StaffAccess } from './access';
import { laksaCategory, laksaReportOpd, laksaReport as r } from './schema';

export type InboxFilters = z.infer<typeof inboxQuery>;

/** Running deadline passed (same rule as views.ts `slaOf`), as SQL so it can filter and sort. */
export const overdueSql = sql<boolean>`(${r.status} <> 'ditunda' and (
  (${r.status} = 'menunggu_verifikasi' and ${r.verifyDueAt} < now())
  or (${r.status} = 'didisposisikan' and ${r.respondedAt} is null and ${r.followUpDueAt} < now())
  or (${r.status} in ('terverifikasi','didisposisikan','diproses','ditinjau_ulang') and ${r.resolveDueAt} < now())))`;

const assignedTo = (opdIds: string[], activeOnly: boolean) =>
  sql`exists (select 1 from ${laksaReportOpd} where ${laksaReportOpd.regionId} = ${r.regionId} and ${laksaReportOpd.reportId} = ${r.id}
    and ${inArray(laksaReportOpd.opdId, opdIds)}${activeOnly ? sql` and ${laksaReportOpd.active}` : sql``})`;
const kamtibmas = sql`${laksaCategory.kamtibmas} and ${r.status} <> 'menunggu_verifikasi'`;

/** The WHERE clause of an inbox, export or map request, limited to what this staff member may see. */
export function inboxWhere(
  a: StaffAccess,
  f: Omit<InboxFilters, 'cursor' | 'limit'>,
  timeZone: TimeZoneCode,
): SQL | undefined {
  const seesAll = a.readAll || a.verify;
  const conds: (SQL | undefined)[] = [];
  switch (f.queue) {
    case 'verification':
      if (!a.verify) throw forbidden();
      conds.push(eq(r.status, 'menunggu_verifikasi'));
      break;
    case 'opd':
      if (!a.handle || a.opdIds.length === 0) throw forbidden();
      conds.push(assignedTo(a.opdIds, true));
      break;
    case 'police':
      if (!a.police && !seesAll) throw forbidden();
      conds.push(kamtibmas);
      break;
    default:
      if (!seesAll) {
        const mine = [
          a.handle && a.opdIds.length ? assignedTo(a.opdIds, false) : undefined,
          a.police ? kamtibmas : undefined,
        ].filter(Boolean) as SQL[];
        if (mine.length === 0) throw forbidden();
        conds.push(or(...mine));
      }
  }
  if (f.status?.length) conds.push(inArray(r.status, f.status));
  if (f.categoryId) conds.push(eq(r.categoryId, f.categoryId));
  if (f.opdId) conds.push(assignedTo([f.opdId], true));
  if (f.kecamatan) conds.push(eq(r.kecamatan, f.kecamatan));
  if (f.overdue !== undefined) conds.push(f.overdue ? overdueSql : sql`not ${overdueSql}`);
  if (f.from) conds.push(gte(r.createdAt, localInstant(f.from, timeZone)));
  if (f.to) conds.push(lte(r.createdAt, localInstant(f.to, timeZone, '23:59:59.999')));
  if (f.q) {
    const ticket = f.q.trim().toUpperCase();
    conds.push(
      /^LKS-\d+-\d{2}-\d+$/.test(ticket)
        ? eq(r.ticket, ticket)
        : // The same test (search is NOT NULL), but opaque to the row estimate. Under row-level
          // security `@@` (not LEAKPROOF) cannot use the GIN index; words that come together
          // ('lampu pju mati') were estimated far too rare, and PostgreSQL then read every report
          // of every region instead of the region's newest reports until the page is full.
          sql`coalesce(${r.search} @@ websearch_to_tsquery('simple', ${f.q}), false)`,
    );
  }
  return and(...conds);
}

/**
 * Columns of an inbox row, each under its SQL alias, so a row reads the same whether drizzle ran
 * it in a transaction (export) or `readInRegion` returned it raw (the inbox: one round trip).
 */
const listColumns = {
  id: sql<string>`${r.id}`.as('id'),
  ticket: sql<string>`${r.ticket}`.as('ticket'),
  type: sql<ReportListItem['type']>`${r.type}`.as('type'),
  category_name: sql<string>`${laksaCategory.name}`.as('category_name'),
  status: sql<ReportListItem['status']>`${r.status}`.as('status'),
  description: sql<string>`left(${r.description}, 200)`.as('description'),
  address: sql<string | null>`${r.address}`.as('address'),
  kecamatan_name: sql<string | null>`${regionArea.name}`.as('kecamatan_name'),
  opd_names: sql<
    string[]
  >`coalesce((select array_agg(${opd.shortName} order by ${opd.shortName}) from ${laksaReportOpd}
    join ${opd} on ${opd.regionId} = ${laksaReportOpd.regionId} and ${opd.id} = ${laksaReportOpd.opdId}
    where ${laksaReportOpd.regionId} = ${r.regionId} and ${laksaReportOpd.reportId} = ${r.id} and ${laksaReportOpd.active}), '{}')`.as(
    'opd_names',
  ),
  lat: sql<number>`${r.lat}`.as('lat'),
  lng: sql<number>`${r.lng}`.as('lng'),
  support_count: sql<number>`${r.supportCount}`.as('support_count'),
  anonymous: sql<boolean>`${r.anonymous}`.as('anonymous'),
  confidential: sql<boolean>`${r.confidential}`.as('confidential'),
  overdue: sql<boolean>`${overdueSql}`.as('overdue'),
  created_at: sql<Date | string>`${r.createdAt}`.as('created_at'),
  updated_at: sql<Date | string>`${r.updatedAt}`.as('updated_at'),
};
type Row = { [K in keyof typeof listColumns]: (typeof listColumns)[K]['_']['type'] };

/** Any drizzle instance: a transaction (runs it) or the database handle (only builds it). */
type QueryBuilder = Pick<Tx, 'select'>;

function baseQuery(qb: QueryBuilder, where: SQL | undefined) {
  return qb
    .select(listColumns)
    .from(r)
    .innerJoin(laksaCategory, and(eq(laksaCategory.regionId, r.regionId), eq(laksaCategory.id, r.categoryId)))
    .leftJoin(regionArea, and(eq(regionArea.regionId, r.regionId), eq(regionArea.code, r.kecamatan)))
    .where(where);
}

const toItem = (x: Row): ReportListItem => ({
  id: x.id,
  ticket: x.ticket,
  type: x.type,
  categoryName: x.category_name,
  status: x.status,
  description: x.description,
  address: x.address,
  kecamatanName: x.kecamatan_name,
  opdNames: x.opd_names,
  lat: Number(x.lat),
  lng: Number(x.lng),
  supportCount: Number(x.support_count),
  anonymous: x.anonymous,
  confidential: x.confidential,
  overdue: x.overdue,
  createdAt: new Date(x.created_at).toISOString(),
  updatedAt: new Date(x.updated_at).toISOString(),
});

const encodeCursor = (x: Row) =>
  Buffer.from(`${new Date(x.created_at).toISOString()}|${x.id}`).toString('base64url');
function decodeCursor(c: string) {
  const [at, id] = Buffer.from(c, 'base64url').toString().split('|');
  const when = new Date(at ?? '');
  if (!id || Number.isNaN(when.getTime()) || !/^[0-9a-f-]{36}$/.test(id))
    throw invalid({ id: 'Kursor halaman tidak valid.', en: 'Invalid page cursor.' }, { field: 'cursor' });
  return { when, id };
}

/**
 * Newest first, in the order the (region_id, …, created_at DESC NULLS LAST, id) indexes keep: a
 * plain `desc` means NULLS FIRST, which no index provides, and PostgreSQL would then read and sort
 * every report of the region for one page. created_at is NOT NULL, so the order is the same.
 */
export const newestFirst = sql`${r.createdAt} desc nulls last`;

function pageQuery(qb: QueryBuilder, a: StaffAccess, f: InboxFilters, timeZone: TimeZoneCode) {
  const where = inboxWhere(a, f, timeZone);
  const after = f.cursor ? decodeCursor(f.cursor) : null;
  return baseQuery(
    qb,
    and(
      where,
      after
        ? and(
            // Implied by the next line; lets the index scan start at the cursor instead of the newest row.
            lte(r.createdAt, after.when),
            or(lt(r.createdAt, after.when), and(eq(r.createdAt, after.when), lt(r.id, after.id))),
          )
        : undefined,
    ),
  )
    .orderBy(newestFirst, desc(r.id))
    .limit(f.limit + 1);
}

function toPage(rows: Row[], limit: number) {
  const items = rows.slice(0, limit);
  return {
    items: items.map(toItem),
    nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]!) : null,
  };
}

/** One page, newest first, keyset-paginated on (created_at, id) so deep pages cost the same as the first. */
export async function listInbox(tx: Tx, a: StaffAccess, f: InboxFilters, timeZone: TimeZoneCode) {
  return toPage(await pageQuery(tx, a, f, timeZone), f.limit);
}

/** The same page in one database round trip (scope + SELECT), for the staff inbox route. */
export async function readInbox(
  database: Database,
  scope: RegionScope,
  a: StaffAccess,
  f: InboxFilters,
  timeZone: TimeZoneCode,
) {
  return toPage(await readInRegion<Row>(database, scope, pageQuery(database.db, a, f, timeZone)), f.limit);
}

export async function mapPoints(tx: Tx, a: StaffAccess, f: InboxFilters, timeZone: TimeZoneCode) {
  return tx
    .select({
      id: r.id,
      ticket: r.ticket,
      lat: r.lat,
      lng: r.lng,
      status: r.status,
      categoryName: laksaCategory.name,
    })
    .from(r)
    .innerJoin(laksaCategory, and(eq(laksaCategory.regionId, r.regionId), eq(laksaCategory.id, r.categoryId)))
    .where(inboxWhere(a, f, timeZone))
    .orderBy(newestFirst)
    .limit(5000);
}

/** Export rows in pages of 1,000 (bounded memory), at most `max`. */
export async function* exportRows(
  tx: Tx,
  a: StaffAccess,
  f: InboxFilters,
  timeZone: TimeZoneCode,
  max = 50_000,
) {
  let cursor: string | undefined;
  let sent = 0;
  do {
    const page = await listInbox(tx, a, { ...f, cursor, limit: 100 }, timeZone);
    for (const item of page.items) {
      yield item;
      if (++sent >= max) return;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
