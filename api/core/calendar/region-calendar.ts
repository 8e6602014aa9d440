import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { RegionMap } from '../cache/region-map';
import { afterCommit } from '../db/after-commit';
import type { Tx } from '../db/client';
import { currentRegion } from '../db/tenancy';
import { regionHoliday } from './schema';
import { nationalHolidays, type TimeZoneCode, WorkingCalendar } from './working-days';

type Cached = { calendar: WorkingCalendar; loadedAt: number };
const cache = new RegionMap<Cached>();
/** Region holidays change rarely; another process's change shows here within this time. */
const TTL_MS = 60_000;

/**
 * The region's working-day calendar: its time zone, national holidays and cuti bersama
 * (date-holidays + the SKB table), and the extra holidays the region defined.
 */
export async function calendarFor(
  tx: Tx,
  region: { id: string; timeZone: TimeZoneCode },
): Promise<WorkingCalendar> {
  const hit = cache.get(region.id);
  if (hit && Date.now() - hit.loadedAt < TTL_MS) return hit.calendar;
  const since = cache.stamp(region.id);
  const extra = await tx.select({ date: regionHoliday.date, name: regionHoliday.name }).from(regionHoliday);
  const calendar = new WorkingCalendar({ timeZone: region.timeZone, extraHolidays: extra });
  cache.set(region.id, '', { calendar, loadedAt: Date.now() }, since);
  return calendar;
}

/** Drops this process's copy after the region's holidays changed (once the change committed). */
export function forgetCalendar(regionId: string) {
  cache.forgetRegion(regionId);
}

export type HolidayView = { date: string; name: string; kind: 'national' | 'cuti_bersama' | 'region' };

/** National holidays and cuti bersama of the year, plus the region's own, by date. */
export async function listHolidays(tx: Tx, year: number): Promise<HolidayView[]> {
  const own = await tx
    .select()
    .from(regionHoliday)
    .where(and(gte(regionHoliday.date, `${year}-01-01`), lte(regionHoliday.date, `${year}-12-31`)));
  return [
    ...nationalHolidays(year).map((h) => ({ date: h.date, name: h.name, kind: h.kind })),
    ...own.map((h) => ({ date: h.date, name: h.name, kind: 'region' as const })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}

/** Adds a region holiday; false when the date already is one. */
export async function addRegionHoliday(tx: Tx, regionId: string, input: { date: string; name: string }) {
  const [row] = await tx
    .insert(regionHoliday)
    .values({ regionId, ...input })
    .onConflictDoNothing()
    .returning();
  if (row) afterCommit(tx, () => forgetCalendar(regionId));
  return Boolean(row);
}

/** Removes a region holiday; false when there was none on that date. */
export async function deleteRegionHoliday(tx: Tx, regionId: string, date: string) {
  const [row] = await tx.delete(regionHoliday).where(eq(regionHoliday.date, date)).returning();
  if (row) afterCommit(tx, () => forgetCalendar(regionId));
  return Boolean(row);
}

/** Today (YYYY-MM-DD) in the time zone of the open transaction's region, computed by the database. */
export async function todayInRegion(tx: Tx): Promise<string> {
  const rows = (await tx.execute(sql`
    select to_char(now() at time zone case r.time_zone when 'WITA' then 'Asia/Makassar'
      when 'WIT' then 'Asia/Jayapura' else 'Asia/Jakarta' end, 'YYYY-MM-DD') as today
    from region r where r.id = ${currentRegion}`)) as unknown as { rows: { today: string }[] };
  return rows.rows[0]?.today ?? new Date().toISOString().slice(0, 10);
}
