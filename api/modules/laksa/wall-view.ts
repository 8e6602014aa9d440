import { sql } from 'drizzle-orm';
import type { LaksaOpdDetail, LaksaWallView } from '../../../shared/modules/laksa-live';
import { RegionMap } from '../../core/cache/region-map';
import type { Tx } from '../../core/db/client';
import { notFound } from '../../core/errors';
import { overdueSql } from './inbox';
import {
  EMPTY_PART,
  lastDays,
  median,
  type PastParts,
  partOf,
  pastPartsOf,
  type StatDay,
  windowsFromParts,
  windowsOf,
} from './kpis';
import { ALL_OPD } from './schema';

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(q: Promise<unknown>) => ((await q) as Rows<T>).rows;

type RawDay = {
  day: string;
  opd_id: string;
  received: number;
  resolved: number;
  sla_met: number;
  rating_sum: number;
  rating_count: number;
  response_minutes: number[];
  resolution_minutes: number[];
};
const toStatDay = (r: RawDay): StatDay => ({
  day: r.day,
  opdId: r.opd_id,
  received: r.received,
  resolved: r.resolved,
  slaMet: r.sla_met,
  ratingSum: r.rating_sum,
  ratingCount: r.rating_count,
  responseMinutes: r.response_minutes,
  resolutionMinutes: r.resolution_minutes,
});

/** Rollup rows from `from` (before `until` when given; of one OPD, or all): a few hundred rows at most. */
const statDays = (tx: Tx, from: string, opdId?: string, until?: string) =>
  rowsOf<RawDay>(
    tx.execute(sql`select day::text as day, opd_id, received, resolved, sla_met, rating_sum, rating_count,
      response_minutes, resolution_minutes
    from laksa_stat_day where day >= ${from}::date ${until ? sql`and day < ${until}::date` : sql``}
      ${opdId ? sql`and opd_id = ${opdId}` : sql``}`),
  );

type IntakeRow = { day: string; category_id: string; kecamatan: string; created: number };

/**
 * The days before today of the 30-day window never change again (every count goes to the row of
 * the day it happens), so each process keeps them, summed and with their durations sorted, and a
 * wall load reads only today's rows. Kept 10 minutes, and dropped when the local day changes; a
 * bulk rebuild of the rollup (benchmarks) shows within those 10 minutes.
 */
type Past = {
  at: number;
  today: string;
  byOpd: Map<string, PastParts>;
  /** Per past day (index in `lastDays(today, 30)`): resolutions and their median. */
  resolution: Map<string, { resolved: number; medianMinutes: number | null }>;
  intake: IntakeRow[];
};
const pastCache = new RegionMap<Past>();
const PAST_TTL_MS = 10 * 60_000;

async function pastOf(tx: Tx, regionId: string, today: string, from: string): Promise<Past> {
  const hit = pastCache.get(regionId);
  if (hit && hit.today === today && Date.now() - hit.at < PAST_TTL_MS) return hit;
  const rows = (await statDays(tx, from, undefined, today)).map(toStatDay);
  const intake = await rowsOf<IntakeRow>(
    tx.execute(sql`select day::text as day, category_id, kecamatan, created
      from laksa_stat_intake where day >= ${from}::date and day < ${today}::date`),
  );
  const grouped = new Map<string, StatDay[]>();
  for (const r of rows) {
    const list = grouped.get(r.opdId);
    if (list) list.push(r);
    else grouped.set(r.opdId, [r]);
  }
  const past: Past = {
    at: Date.now(),
    today,
    byOpd: new Map([...grouped].map(([opdId, list]) => [opdId, pastPartsOf(list, today)])),
    resolution: new Map(
      (grouped.get(ALL_OPD) ?? []).map((r) => [
        r.day,
        { resolved: r.resolved, medianMinutes: median(r.resolutionMinutes) },
      ]),
    ),
    intake,
  };
  pastCache.set(regionId, '', past);
  return past;
}

const NO_PAST: PastParts = { d7: EMPTY_PART, d30: EMPTY_PART };

/**
 * The LIVE Room's LAKSA figures: headline counters, the OPD league (today / 7 / 30 days), and the
 * 30-day trends. The league and trends come from the rollups (the past days cached, today read);
 * the open/overdue counters are an index-only scan of the open reports (laksa_report_open_idx),
 * bounded by what is open, however large the archive.
 */
export async function laksaWallView(tx: Tx, regionId: string, today: string): Promise<LaksaWallView> {
  const days = lastDays(today, 30);
  const from = days[0]!;
  // One statement after another: a transaction is one connection (rowsOf starts its query at once).
  const past = await pastOf(tx, regionId, today, from);
  const todayRows = (await statDays(tx, today)).map(toStatDay);
  const todayIntake = await rowsOf<IntakeRow>(
    tx.execute(sql`select day::text as day, category_id, kecamatan, created
        from laksa_stat_intake where day = ${today}::date`),
  );
  const counts = await rowsOf<{ open: number; overdue: number; awaiting: number }>(
    tx.execute(sql`select count(*)::int as open, (count(*) filter (where ${overdueSql}))::int as overdue,
        (count(*) filter (where status = 'menunggu_verifikasi'))::int as awaiting
        from laksa_report where status not in ('selesai', 'ditolak', 'dialihkan')`),
  );
  const opds = await rowsOf<{ id: string; name: string; short_name: string }>(
    tx.execute(sql`select id, name, short_name from opd where active order by short_name`),
  );
  const cats = await rowsOf<{ id: string; name: string; name_en: string }>(
    tx.execute(sql`select id, name, name_en from laksa_category order by sort, name`),
  );
  const areas = await rowsOf<{ code: string; name: string }>(
    tx.execute(sql`select code, name from region_area where level = 'kecamatan' order by name`),
  );

  const todayByOpd = new Map(todayRows.map((r) => [r.opdId, partOf([r])]));
  const windowsFor = (opdId: string) =>
    windowsFromParts(past.byOpd.get(opdId) ?? NO_PAST, todayByOpd.get(opdId) ?? EMPTY_PART);
  const region = windowsFor(ALL_OPD);

  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const perCategory = new Map(cats.map((c) => [c.id, new Array<number>(30).fill(0)]));
  const perKecamatan = new Map<string, number>();
  let createdToday = 0;
  for (const x of [...past.intake, ...todayIntake]) {
    const i = dayIndex.get(x.day);
    if (i === undefined) continue;
    const series = perCategory.get(x.category_id);
    if (series) series[i]! += x.created;
    if (x.kecamatan) perKecamatan.set(x.kecamatan, (perKecamatan.get(x.kecamatan) ?? 0) + x.created);
    if (x.day === today) createdToday += x.created;
  }
  const todayRegion = todayRows.find((r) => r.opdId === ALL_OPD);
  const count = counts[0] ?? { open: 0, overdue: 0, awaiting: 0 };

  return {
    today,
    headline: {
      createdToday,
      open: count.open,
      overdue: count.overdue,
      awaitingVerification: count.awaiting,
      resolvedWeek: region.d7.resolved,
      satisfaction: region.d30.averageRating,
    },
    region,
    league: opds.map((o) => ({
      opd: { id: o.id, name: o.name, shortName: o.short_name },
      ...windowsFor(o.id),
    })),
    trends: {
      days,
      byCategory: cats
        .map((c) => ({ id: c.id, name: { id: c.name, en: c.name_en }, daily: perCategory.get(c.id)! }))
        .filter((c) => c.daily.some((n) => n > 0)),
      resolution: days.map((d) =>
        d === today
          ? {
              resolved: todayRegion?.resolved ?? 0,
              medianMinutes: todayRegion ? median(todayRegion.resolutionMinutes) : null,
            }
          : (past.resolution.get(d) ?? { resolved: 0, medianMinutes: null }),
      ),
      kecamatan: areas
        .map((a) => ({ code: a.code, name: a.name, reports: perKecamatan.get(a.code) ?? 0 }))
        .sort((a, b) => b.reports - a.reports),
    },
  };
}

/** One OPD's page on the wall (a click in the league table). Another region's OPD is a 404 (RLS). */
export async function laksaOpdDetail(tx: Tx, today: string, opdId: string): Promise<LaksaOpdDetail> {
  const days = lastDays(today, 30);
  const found = await rowsOf<{ id: string; name: string; short_name: string }>(
    tx.execute(sql`select id, name, short_name from opd where id = ${opdId}`),
  );
  const stat = await statDays(tx, days[0]!, opdId);
  const open = await rowsOf<{ status: string; count: number }>(
    tx.execute(sql`select p.status, count(*)::int as count from laksa_report p
        join laksa_report_opd o on o.region_id = p.region_id and o.report_id = p.id and o.active and o.opd_id = ${opdId}
        where p.status not in ('selesai', 'ditolak', 'dialihkan') group by p.status order by p.status`),
  );
  const o = found[0];
  if (!o) throw notFound();
  const rows = stat.map(toStatDay);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return {
    opd: { id: o.id, name: o.name, shortName: o.short_name },
    windows: windowsOf(rows, today),
    days,
    daily: days.map((d) => {
      const r = byDay.get(d);
      return {
        received: r?.received ?? 0,
        resolved: r?.resolved ?? 0,
        medianResolutionMinutes: r ? median(r.resolutionMinutes) : null,
      };
    }),
    openByStatus: open,
  };
}
