import { sql } from 'drizzle-orm';
import type { Tx } from '../../core/db/client';
import { ALL_OPD } from './schema';

/**
 * Keeps the LIVE Room rollups (schema.ts `laksa_stat_day`, `laksa_stat_intake`) in step with the
 * reports, inside the transaction of the change: a rolled-back action counts nothing, a committed
 * one is on the wall as its event arrives. Days are the region's local days.
 */

/** Today in the region's time zone, in SQL (the region row knows its zone). */
const localToday = (regionId: unknown) => sql`(select (now() at time zone case r.time_zone
    when 'WITA' then 'Asia/Makassar' when 'WIT' then 'Asia/Jayapura' else 'Asia/Jakarta' end)::date
  from region r where r.id = ${regionId})`;

const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

const minutesBetween = (from: Date, to: Date) =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));

type Delta = {
  received?: number;
  resolved?: number;
  slaMet?: number;
  ratingSum?: number;
  ratingCount?: number;
  responseMinutes?: number;
  resolutionMinutes?: number;
};

/** Adds `delta` to today's rows of `opdIds` (and of the region-wide row when `region`). */
async function bump(tx: Tx, regionId: string, opdIds: readonly string[], region: boolean, d: Delta) {
  const ids = region ? [ALL_OPD, ...opdIds.filter((o) => o !== ALL_OPD)] : [...opdIds];
  if (ids.length > 0) await tx.execute(bumpSql(regionId, ids, d));
}

function bumpSql(regionId: unknown, ids: readonly string[], d: Delta) {
  const arr = (m?: number) => (m === undefined ? '{}' : `{${m}}`);
  return sql`
    insert into laksa_stat_day (region_id, day, opd_id, received, resolved, sla_met, rating_sum, rating_count,
      response_minutes, resolution_minutes)
    select ${regionId}::uuid, ${localToday(regionId)}, o, ${d.received ?? 0}::int, ${d.resolved ?? 0}::int,
      ${d.slaMet ?? 0}::int, ${d.ratingSum ?? 0}::int, ${d.ratingCount ?? 0}::int,
      ${arr(d.responseMinutes)}::int[], ${arr(d.resolutionMinutes)}::int[]
    from unnest(${uuidArray(ids)}::uuid[]) as o
    on conflict (region_id, day, opd_id) do update set
      received = laksa_stat_day.received + excluded.received,
      resolved = laksa_stat_day.resolved + excluded.resolved,
      sla_met = laksa_stat_day.sla_met + excluded.sla_met,
      rating_sum = laksa_stat_day.rating_sum + excluded.rating_sum,
      rating_count = laksa_stat_day.rating_count + excluded.rating_count,
      response_minutes = laksa_stat_day.response_minutes || excluded.response_minutes,
      resolution_minutes = laksa_stat_day.resolution_minutes || excluded.resolution_minutes`;
}

async function activeOpds(tx: Tx, reportId: string): Promise<string[]> {
  const rows = (await tx.execute(
    sql`select opd_id from laksa_report_opd where report_id = ${reportId} and active`,
  )) as unknown as { rows: { opd_id: string }[] };
  return rows.rows.map((x) => x.opd_id);
}

/**
 * A report was filed: the region's intake and the per-category/kecamatan trend. Returned as
 * statements, for intake to run with its other writes in one round trip (values or placeholders).
 */
export function filedWrites(regionId: unknown, r: { categoryId: unknown; kecamatan: unknown }) {
  return [
    bumpSql(regionId, [ALL_OPD], { received: 1 }),
    sql`insert into laksa_stat_intake (region_id, day, category_id, kecamatan, created)
    values (${regionId}, ${localToday(regionId)}, ${r.categoryId}, coalesce(${r.kecamatan}::text, ''), 1)
    on conflict (region_id, day, category_id, kecamatan) do update set created = laksa_stat_intake.created + 1`,
  ];
}

/** Dispositioned (or re-routed) to OPDs that did not hold it yet: each of them received one. */
export async function countReceived(tx: Tx, regionId: string, newOpdIds: readonly string[]) {
  await bump(tx, regionId, newOpdIds, false, { received: 1 });
}

/** The OPD's first response (Diproses, the first reply, or resolving straight away). */
export async function countFirstResponse(
  tx: Tx,
  regionId: string,
  r: { id: string; disposedAt: Date | null },
  at: Date,
) {
  if (!r.disposedAt) return;
  await bump(tx, regionId, await activeOpds(tx, r.id), true, {
    responseMinutes: minutesBetween(r.disposedAt, at),
  });
}

/** Resolved: time from filing, and whether the working-day resolve deadline held. */
export async function countResolved(
  tx: Tx,
  regionId: string,
  r: { id: string; createdAt: Date; resolveDueAt: Date | null },
  at: Date,
) {
  const met = r.resolveDueAt !== null && at.getTime() <= r.resolveDueAt.getTime();
  await bump(tx, regionId, await activeOpds(tx, r.id), true, {
    resolved: 1,
    slaMet: met ? 1 : 0,
    resolutionMinutes: minutesBetween(r.createdAt, at),
  });
}

export async function countRating(tx: Tx, regionId: string, reportId: string, rating: number) {
  await bump(tx, regionId, await activeOpds(tx, reportId), true, { ratingSum: rating, ratingCount: 1 });
}

/**
 * Rebuilds both rollups of the current region from the reports (migration backfill, bulk loads):
 * the same facts as the functions above, from the timestamps LAKSA keeps. Re-resolutions after a
 * reopen are history the report row no longer holds, so a rebuild counts the last one only.
 */
export const rebuildStatsSql = `
with tz as (
  select r.id as region_id, case r.time_zone when 'WITA' then 'Asia/Makassar' when 'WIT' then 'Asia/Jayapura'
    else 'Asia/Jakarta' end as zone from region r
), rep as (
  select p.*, tz.zone from laksa_report p join tz on tz.region_id = p.region_id
), opds as (
  select rep.*, o.opd_id from rep join laksa_report_opd o on o.region_id = rep.region_id and o.report_id = rep.id and o.active
  union all
  select rep.*, '${ALL_OPD}'::uuid from rep
), facts as (
  select region_id, (created_at at time zone zone)::date as day, opd_id, 1 as received, 0 as resolved, 0 as sla_met,
    0 as rating_sum, 0 as rating_count, null::int as response, null::int as resolution
  from opds where opd_id = '${ALL_OPD}'
  union all
  select region_id, (disposed_at at time zone zone)::date, opd_id, 1, 0, 0, 0, 0, null, null
  from opds where opd_id <> '${ALL_OPD}' and disposed_at is not null
  union all
  select region_id, (responded_at at time zone zone)::date, opd_id, 0, 0, 0, 0, 0,
    greatest(0, round(extract(epoch from responded_at - disposed_at) / 60))::int, null
  from opds where responded_at is not null and disposed_at is not null
  union all
  select region_id, (resolved_at at time zone zone)::date, opd_id, 0, 1,
    case when resolve_due_at is not null and resolved_at <= resolve_due_at then 1 else 0 end, 0, 0, null,
    greatest(0, round(extract(epoch from resolved_at - created_at) / 60))::int
  from opds where resolved_at is not null
  union all
  select region_id, (coalesce(resolved_at, updated_at) at time zone zone)::date, opd_id, 0, 0, 0, rating, 1, null, null
  from opds where rating is not null
)
insert into laksa_stat_day (region_id, day, opd_id, received, resolved, sla_met, rating_sum, rating_count,
  response_minutes, resolution_minutes)
select region_id, day, opd_id, sum(received), sum(resolved), sum(sla_met), sum(rating_sum), sum(rating_count),
  coalesce(array_agg(response) filter (where response is not null), '{}'),
  coalesce(array_agg(resolution) filter (where resolution is not null), '{}')
from facts group by region_id, day, opd_id;

insert into laksa_stat_intake (region_id, day, category_id, kecamatan, created)
select p.region_id, (p.created_at at time zone tz.zone)::date, p.category_id, coalesce(p.kecamatan, ''), count(*)
from laksa_report p join (
  select r.id, case r.time_zone when 'WITA' then 'Asia/Makassar' when 'WIT' then 'Asia/Jayapura'
    else 'Asia/Jakarta' end as zone from region r
) tz on tz.id = p.region_id
group by 1, 2, 3, 4;`;
