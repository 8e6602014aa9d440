import { and, desc, eq, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { inboxQuery, ReportListItem } from '../../../shared/modules/laksa';
import { addDays, localInstant, type TimeZoneCode } from '../../core/calendar/working-days';
import { type Database, rowsOf, type Tx } from '../../core/db/client';
import { opd, regionArea } from '../../core/db/schema';
import { literalLimit, type RegionScope, readInRegion } from '../../core/db/scope';
import { isoMicros } from '../../core/db/times';
import { forbidden, invalid } from '../../core/errors';
import type { StaffAccess } from './access';
import { laksaCategory, laksaReportOpd, laksaReport as r } from './schema';

export type InboxFilters = z.infer<typeof inboxQuery>;

/**
 * Full-text search goes through `laksa_search_door` (migration 0019_search-door): the newest
 * matching reports after a cursor, newest first. Under row-level security `@@` is not LEAKPROOF,
 * so as the app role PostgreSQL may not use the (region_id, search) GIN index, and a term found
 * nowhere read the whole region (363 ms for 110,000 reports). The function is the one door to
 * that index; it filters by the transaction's own app.region_id, as the region policies do, and
 * its cost is bounded for any term.
 */
export type SearchHit = { id: string; at: string };
/** The API's times carry milliseconds, as `Date.toISOString` writes them. */
const toMillis = (iso: string) => `${iso.slice(0, 23)}Z`;
/** The door's call: matches of `q` after `after`, at most `k`. */
type Door = { q: string; after: SearchHit | null; k: number };

const isTicket = (q: string) => /^LKS-\d+-\d{2}-\d+$/.test(q.trim().toUpperCase());

/** Whether a search goes through the door (a ticket number has its own unique index). */
export const searchesText = (q: string | undefined): q is string => !!q && !isTicket(q);

/** The newest `k` matches of `q` after `after` (times as ISO text to the microsecond: none is skipped). */
const doorCall = ({ q, after, k }: Door) =>
  sql`laksa_search_door(${q}, ${after?.at ?? null}::timestamptz, ${after?.id ?? null}::uuid, ${k})`;
export const searchDoorQuery = (door: Door) =>
  sql`select id, ${isoMicros(sql`created_at`)} as at from ${doorCall(door)}`;

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
  door?: Door,
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
  // Before the next day starts: the day's last microsecond is still in it.
  if (f.to) conds.push(lt(r.createdAt, localInstant(addDays(f.to, 1), timeZone)));
  if (f.q) {
    conds.push(
      isTicket(f.q)
        ? eq(r.ticket, f.q.trim().toUpperCase())
        : door
          ? // The door's matches, by primary key (the door runs once, as an InitPlan).
            sql`${r.id} = any(array(select id from ${doorCall(door)}))`
          : // Not resolved (the export's permission check builds the clause and never runs it).
            sql`${r.search} @@ websearch_to_tsquery('simple', ${f.q})`,
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
  // As text, to the microsecond PostgreSQL keeps: a page's cursor is its last row's exact time
  // (a time cut to the millisecond would skip rows filed within that millisecond).
  created_at: sql<string>`${isoMicros(r.createdAt)}`.as('created_at'),
  updated_at: sql<string>`${isoMicros(r.updatedAt)}`.as('updated_at'),
};
type Row = { [K in keyof typeof listColumns]: (typeof listColumns)[K]['_']['type'] };

/** As the app's database handle renders SQL (snake_case columns). */
const dialect = new PgDialect({ casing: 'snake_case' });

/**
 * `select <columns> from laksa_report join …`, rendered once: it never changes, and rendering its
 * 17 columns on every request cost more server CPU than parsing the rows (bench/laksa profile).
 * Each page adds only its WHERE, order and limit.
 */
const listSelect = (() => {
  const built = drizzle
    .mock({ casing: 'snake_case' })
    .select(listColumns)
    .from(r)
    .innerJoin(laksaCategory, and(eq(laksaCategory.regionId, r.regionId), eq(laksaCategory.id, r.categoryId)))
    .leftJoin(regionArea, and(eq(regionArea.regionId, r.regionId), eq(regionArea.code, r.kecamatan)))
    .toSQL();
  if (built.params.length) throw new Error('the inbox columns must not carry parameters');
  return sql.raw(built.sql);
})();

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
  createdAt: toMillis(x.created_at),
  updatedAt: toMillis(x.updated_at),
});

/** A page resumes after its last row, a search after the last match it looked at: its exact time. */
const encodeCursor = (h: SearchHit) => Buffer.from(`${h.at}|${h.id}`).toString('base64url');
/** A cursor's time: ISO, UTC, up to microseconds (older cursors carry milliseconds). */
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
function decodeCursor(c: string): SearchHit {
  const [at, id, ...rest] = Buffer.from(c, 'base64url').toString().split('|');
  if (
    !at ||
    !id ||
    rest.length ||
    !CURSOR_TIME.test(at) ||
    Number.isNaN(new Date(at).getTime()) ||
    !/^[0-9a-f-]{36}$/.test(id)
  )
    throw invalid({ id: 'Kursor halaman tidak valid.', en: 'Invalid page cursor.' }, { field: 'cursor' });
  return { at, id };
}

/**
 * Newest first, in the order the (region_id, …, created_at DESC NULLS LAST, id) indexes keep: a
 * plain `desc` means NULLS FIRST, which no index provides, and PostgreSQL would then read and sort
 * every report of the region for one page. created_at is NOT NULL, so the order is the same.
 */
export const newestFirst = sql`${r.createdAt} desc nulls last`;

function pageQuery(a: StaffAccess, f: InboxFilters, timeZone: TimeZoneCode, door?: Door): SQL {
  const after = f.cursor ? decodeCursor(f.cursor) : null;
  const at = sql`${after?.at}::timestamptz`;
  const where = and(
    inboxWhere(a, f, timeZone, door),
    after
      ? and(
          // Implied by the next line; lets the index scan start at the cursor instead of the newest row.
          lte(r.createdAt, at),
          or(lt(r.createdAt, at), and(eq(r.createdAt, at), lt(r.id, after.id))),
        )
      : undefined,
  );
  return sql`${listSelect}${where ? sql` where ${where}` : sql``} order by ${newestFirst}, ${desc(r.id)} limit ${literalLimit(f.limit + 1)}`;
}

function toPage(rows: Row[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toItem),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
  };
}

/** How a page's statements reach the database: in a transaction, or one round trip each. */
type Reader = <R>(query: SQL) => Promise<R[]>;

const txReader =
  (tx: Tx): Reader =>
  async <R>(query: SQL) =>
    rowsOf<R>(await tx.execute(query));

const roundTripReader =
  (database: Database, scope: RegionScope): Reader =>
  <R>(query: SQL) =>
    readInRegion<R>(database, scope, dialect.sqlToQuery(query));

/** Search rounds before a page with filters that drop most matches is returned short (with a cursor). */
const MAX_SEARCH_ROUNDS = 10;

/** One page, newest first, keyset-paginated on (created_at, id) so deep pages cost the same as the first. */
async function readPage(read: Reader, a: StaffAccess, f: InboxFilters, timeZone: TimeZoneCode) {
  if (!searchesText(f.q)) return toPage(await read<Row>(pageQuery(a, f, timeZone)), f.limit);
  // A search: the page of the door's newest matches that the other filters and access keep. With
  // no other filter that is all of them (one round trip); otherwise, while the page is short and
  // the door had more, again after its last match.
  const filtered = inboxWhere(a, { ...f, q: undefined }, timeZone) !== undefined;
  const rows: Row[] = [];
  let after: SearchHit | null = f.cursor ? decodeCursor(f.cursor) : null;
  for (let round = 0; round < MAX_SEARCH_ROUNDS; round++) {
    const door = { q: f.q, after, k: f.limit + 1 - rows.length };
    const page = { ...f, cursor: undefined, limit: door.k - 1 };
    rows.push(...(await read<Row>(pageQuery(a, page, timeZone, door))));
    if (rows.length > f.limit || !filtered) return toPage(rows, f.limit);
    const hits = await read<SearchHit>(searchDoorQuery(door));
    if (hits.length < door.k) return toPage(rows, f.limit);
    after = hits[hits.length - 1]!;
  }
  return { ...toPage(rows, f.limit), nextCursor: after ? encodeCursor(after) : null };
}

export function listInbox(tx: Tx, a: StaffAccess, f: InboxFilters, timeZone: TimeZoneCode) {
  return readPage(txReader(tx), a, f, timeZone);
}

/** The same page in one database round trip per statement (scope + SELECT), for the staff inbox route. */
export function readInbox(
  database: Database,
  scope: RegionScope,
  a: StaffAccess,
  f: InboxFilters,
  timeZone: TimeZoneCode,
) {
  inboxWhere(a, f, timeZone); // permission errors before any round trip
  return readPage(roundTripReader(database, scope), a, f, timeZone);
}

export async function mapPoints(tx: Tx, a: StaffAccess, f: InboxFilters, timeZone: TimeZoneCode) {
  const door = searchesText(f.q) ? { q: f.q, after: null, k: 5000 } : undefined;
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
    .where(inboxWhere(a, f, timeZone, door))
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
