import { RegionMap } from '../../core/cache/region-map';
import type { Tx } from '../../core/db/client';
import { laksaHoliday } from './schema';
import type { TimeZoneCode } from './sla/calendar';
import { WorkingCalendar } from './sla/calendar';

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
  const extra = await tx.select({ date: laksaHoliday.date, name: laksaHoliday.name }).from(laksaHoliday);
  const calendar = new WorkingCalendar({ timeZone: region.timeZone, extraHolidays: extra });
  cache.set(region.id, '', { calendar, loadedAt: Date.now() });
  return calendar;
}

/** Drops this process's copy after the region's holidays changed. */
export function forgetCalendar(regionId: string) {
  cache.forgetRegion(regionId);
}
