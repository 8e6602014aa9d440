import { and, desc, eq, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { inboxQuery, ReportListItem } from '../../../shared/modules/laksa';
import type { Tx } from '../../core/db/client';
import { opd, regionArea } from '../../core/db/schema';
import { forbidden, invalid } from '../../core/errors';
import type { StaffAccess } from './access';
import { laksaCategory, laksaReportOpd, laksaReport as r } from './schema';

export type InboxFilters = z.infer<typeof inboxQuery>;
const offsets = { WIB: '+07:00', WITA: '+08:00', WIT: '+09:00' } as const;

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
  timeZone: keyof typeof offsets,
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
  if (f.from) conds.push(gte(r.createdAt, new Date(`${f.from}T00:00:00${offsets[timeZone]}`)));
  if (f.to) conds.push(lte(r.createdAt, new Date(`${f.to}T23:59:59.999${offsets[timeZone]}`)));
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

const listColumns = {
  id: r.id,
  ticket: r.ticket,
  type: r.type,
  categoryName: laksaCategory.name,
  status: r.status,
  description: sql<string>`left(${r.description}, 200)`,
  address: r.address,
  kecamatanName: regionArea.name,
  opdNames: sql<
    string[]
  >`coalesce((select array_agg(${opd.shortName} order by ${opd.shortName}) from ${laksaReportOpd}
    join ${opd} on ${opd.regionId} = ${laksaReportOpd.regionId} and ${opd.id} = ${laksaReportOpd.opdId}
    where ${laksaReportOpd.regionId} = ${r.regionId} and ${laksaReportOpd.reportId} = ${r.id} and ${laksaReportOpd.active}), '{}')`,
  lat: r.lat,
  lng: r.lng,
  supportCount: r.supportCount,
  anonymous: r.anonymous,
  confidential: r.confidential,
  overdue: overdueSql,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
};

function baseQuery(tx: Tx, where: SQL | undefined) {
  return tx
    .select(listColumns)
    .from(r)
    .innerJoin(laksaCategory, and(eq(laksaCategory.regionId, r.regionId), eq(laksaCategory.id, r.categoryId)))
    .leftJoin(regionArea, and(eq(regionArea.regionId, r.regionId), eq(regionArea.code, r.kecamatan)))
    .where(where);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];
const toItem = (x: Row): ReportListItem => ({
  ...x,
  createdAt: new Date(x.createdAt).toISOString(),
  updatedAt: new Date(x.updatedAt).toISOString(),
});

const encodeCursor = (x: Row) =>
  Buffer.from(`${new Date(x.createdAt).toISOString()}|${x.id}`).toString('base64url');
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

/** One page, newest first, keyset-paginated on (created_at, id) so deep pages cost the same as the first. */
export async function listInbox(tx: Tx, a: StaffAccess, f: InboxFilters, timeZone: keyof typeof offsets) {
  const where = inboxWhere(a, f, timeZone);
  const after = f.cursor ? decodeCursor(f.cursor) : null;
  const page = await baseQuery(
    tx,
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
  const more = page.length > f.limit;
  const items = page.slice(0, f.limit);
  return { items: items.map(toItem), nextCursor: more ? encodeCursor(items[items.length - 1]!) : null };
}

export async function mapPoints(tx: Tx, a: StaffAccess, f: InboxFilters, timeZone: keyof typeof offsets) {
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
  timeZone: keyof typeof offsets,
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
