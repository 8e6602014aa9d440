import { and, desc, eq, gte, inArray, lte, notInArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  closedStatuses,
  type nearbyQuery,
  type publicListQuery,
  type ReportStatus,
} from '../../../shared/modules/laksa';
import type { Tx } from '../../core/db/client';
import { opd, regionArea } from '../../core/db/schema';
import { inOrder } from './in-order';
import { newestFirst } from './inbox';
import { laksaCategory, laksaReportOpd, laksaReport as r } from './schema';

/** Public = verified, not rahasia, not rejected (rejections include duplicates and spam). */
export const publicWhere = and(
  eq(r.confidential, false),
  notInArray(r.status, ['menunggu_verifikasi', 'ditolak']),
);
const closed = [...closedStatuses];
const COUNT_CAP = 10_000;

export async function listPublic(tx: Tx, q: z.infer<typeof publicListQuery>) {
  const conds: (SQL | undefined)[] = [publicWhere];
  if (q.categoryId) conds.push(eq(r.categoryId, q.categoryId));
  if (q.kecamatan) conds.push(eq(r.kecamatan, q.kecamatan));
  if (q.status?.length) conds.push(inArray(r.status, q.status));
  if (q.bbox) {
    const [west, south, east, north] = q.bbox.split(',').map(Number) as [number, number, number, number];
    conds.push(gte(r.lat, south), lte(r.lat, north), gte(r.lng, west), lte(r.lng, east));
  }
  const where = and(...conds);
  const [items, counted] = await inOrder([
    tx
      .select({
        ticket: r.ticket,
        type: r.type,
        categoryName: laksaCategory.name,
        status: r.status,
        description: sql<string>`left(${r.description}, 200)`,
        kecamatanName: regionArea.name,
        lat: r.lat,
        lng: r.lng,
        supportCount: r.supportCount,
        createdAt: r.createdAt,
      })
      .from(r)
      .innerJoin(
        laksaCategory,
        and(eq(laksaCategory.regionId, r.regionId), eq(laksaCategory.id, r.categoryId)),
      )
      .leftJoin(regionArea, and(eq(regionArea.regionId, r.regionId), eq(regionArea.code, r.kecamatan)))
      .where(where)
      .orderBy(newestFirst, desc(r.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    // Counting stops at 10,000: an exact count over a large region costs more than the page.
    tx.execute(
      sql`select count(*)::int as n from (select 1 from ${r} where ${where} limit ${COUNT_CAP}) capped`,
    ),
  ]);
  return {
    items: items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
    total: (counted as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Counts per category, OPD and kecamatan over public reports. */
export async function publicStats(tx: Tx) {
  const tally = (key: SQL, name: SQL) => sql`select ${key} as key, ${name} as name, count(*)::int as total,
      count(*) filter (where ${r.status} not in ('selesai','ditolak','dialihkan'))::int as open,
      count(*) filter (where ${r.status} = 'selesai')::int as resolved`;
  const [totals] = await tx
    .select({
      total: sql<number>`count(*)::int`,
      open: sql<number>`(count(*) filter (where ${notInArray(r.status, closed)}))::int`,
      resolved: sql<number>`(count(*) filter (where ${r.status} = 'selesai'))::int`,
      averageRating: sql<number | null>`round(avg(${r.rating})::numeric, 2)::float8`,
    })
    .from(r)
    .where(publicWhere);
  type Row = { key: string; name: string; total: number; open: number; resolved: number };
  const run = async (q: SQL) => ((await tx.execute(q)) as unknown as { rows: Row[] }).rows;
  const [byCategory, byOpd, byKecamatan] = await inOrder([
    run(sql`${tally(sql`${laksaCategory.code}`, sql`${laksaCategory.name}`)} from ${r}
      join ${laksaCategory} on ${laksaCategory.regionId} = ${r.regionId} and ${laksaCategory.id} = ${r.categoryId}
      where ${publicWhere} group by 1, 2 order by 3 desc`),
    run(sql`${tally(sql`${opd.code}`, sql`${opd.shortName}`)} from ${r}
      join ${laksaReportOpd} on ${laksaReportOpd.regionId} = ${r.regionId} and ${laksaReportOpd.reportId} = ${r.id} and ${laksaReportOpd.active}
      join ${opd} on ${opd.regionId} = ${r.regionId} and ${opd.id} = ${laksaReportOpd.opdId}
      where ${publicWhere} group by 1, 2 order by 3 desc`),
    run(sql`${tally(sql`${regionArea.code}`, sql`${regionArea.name}`)} from ${r}
      join ${regionArea} on ${regionArea.regionId} = ${r.regionId} and ${regionArea.code} = ${r.kecamatan}
      where ${publicWhere} group by 1, 2 order by 3 desc`),
  ]);
  return {
    total: totals?.total ?? 0,
    open: totals?.open ?? 0,
    resolved: totals?.resolved ?? 0,
    averageRating: totals?.averageRating ?? null,
    byCategory,
    byOpd,
    byKecamatan,
  };
}

/** Open reports of the category within `radius` metres (equirectangular distance; fine at city scale). */
export async function nearbyOpen(tx: Tx, q: z.infer<typeof nearbyQuery>) {
  const dLat = q.radius / 111_320;
  const dLng = q.radius / (111_320 * Math.cos((q.lat * Math.PI) / 180));
  const distance = sql<number>`(sqrt(power((${r.lat} - ${q.lat}) * 111320, 2) + power((${r.lng} - ${q.lng}) * 111320 * cos(radians(${q.lat})), 2)))::int`;
  const rows = await tx
    .select({
      ticket: r.ticket,
      status: r.status,
      description: sql<string>`left(${r.description}, 200)`,
      address: r.address,
      distanceM: distance,
      supportCount: r.supportCount,
      createdAt: r.createdAt,
    })
    .from(r)
    .where(
      and(
        eq(r.categoryId, q.categoryId),
        eq(r.confidential, false),
        notInArray(r.status, [...closed, 'menunggu_verifikasi' as ReportStatus]),
        gte(r.lat, q.lat - dLat),
        lte(r.lat, q.lat + dLat),
        gte(r.lng, q.lng - dLng),
        lte(r.lng, q.lng + dLng),
      ),
    )
    .orderBy(distance)
    .limit(10);
  return rows
    .filter((x) => x.distanceM <= q.radius)
    .map((x) => ({ ...x, createdAt: x.createdAt.toISOString() }));
}
