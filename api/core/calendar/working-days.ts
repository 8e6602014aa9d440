/**
 * Working-day calendar for LAKSA complaint SLAs: Monday–Friday, minus national holidays, cuti bersama
 * and the region's own holidays, counted in the region's time zone. Pure: no database, no machine TZ.
 */
import type Holidays from 'date-holidays';
import { lazyRequire } from '../lazy';
import { SKB } from './cuti-bersama';

// date-holidays (the rules of every country) is only asked for years without an SKB (below):
// required then, not at start-up (core/lazy.ts).
const HolidaysLibrary = lazyRequire<typeof Holidays>('date-holidays');

export type TimeZoneCode = 'WIB' | 'WITA' | 'WIT';
export type Holiday = { date: string; name: string; kind: 'national' | 'cuti_bersama' | 'region' };

/** Indonesia has had no DST since 1964, so a fixed offset per zone is exact and ignores process.env.TZ. */
export const OFFSET_HOURS: Record<TimeZoneCode, number> = { WIB: 7, WITA: 8, WIT: 9 };

/** `+07:00` for WIB: the suffix that makes a local `YYYY-MM-DDTHH:mm` an instant. */
export const utcOffset = (tz: TimeZoneCode) => `+${String(OFFSET_HOURS[tz]).padStart(2, '0')}:00`;

/** The instant a local clock time of a local date happens in the zone (default: midnight). */
export const localInstant = (date: string, tz: TimeZoneCode, clock = '00:00:00') =>
  new Date(`${date}T${clock}${utcOffset(tz)}`);
const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD string; throws on malformed or impossible dates. */
function dayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  const n = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : Number.NaN;
  // Date.UTC rolls 2026-02-30 over to March; round-tripping catches that.
  if (!Number.isInteger(n) || isoDate(n) !== date) throw new RangeError(`Invalid date: ${date}`);
  return n;
}
const isoDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** The calendar date `n` days after a YYYY-MM-DD date (a range's end: before the next day starts). */
export const addDays = (date: string, n: number) => isoDate(dayNumber(date) + n);
/** 1970-01-01 was a Thursday; 0 = Sunday … 6 = Saturday. */
const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;

let library: Holidays | undefined;
// region-safe: national holidays per year, the same for every region.
const byYear = new Map<number, Map<string, Holiday>>();

function add(map: Map<string, Holiday>, h: Holiday) {
  const prev = map.get(h.date);
  // Two feasts can share a day (27 Rajab falls on 2027-12-25 too); keep one entry naming both.
  map.set(h.date, Object.freeze(prev ? { ...prev, name: `${prev.name} / ${h.name}` } : h));
}

/** National holidays + cuti bersama of one year, keyed by date; built once per year. */
function yearHolidays(year: number): Map<string, Holiday> {
  let map = byYear.get(year);
  if (map) return map;
  map = new Map();
  const skb = SKB[year];
  if (skb) {
    for (const [date, name] of skb.national) add(map, { date, name, kind: 'national' });
    for (const [date, name] of skb.cutiBersama) add(map, { date, name, kind: 'cuti_bersama' });
  } else {
    library ??= new (HolidaysLibrary())('ID');
    // Pass the language each time: getHolidays(year, lang) changes the instance's default language.
    for (const h of library.getHolidays(year, 'id')) {
      if (h.type !== 'public') continue; // ID has no other types today; bank/observance days are worked
      // The library's Indonesian data names 27 Rajab "Maulid Nabi Muhammad"; it is Isra Mikraj.
      const name = h.rule === '27 Rajab' ? 'Isra Mikraj Nabi Muhammad SAW' : h.name;
      // `date` is the local calendar day ("YYYY-MM-DD hh:mm:ss [offset]"); Hijri days start at dusk
      // the evening before, which the offset expresses, but the day off is the date itself.
      add(map, { date: h.date.slice(0, 10), name, kind: 'national' });
    }
  }
  byYear.set(year, map);
  return map;
}

/** National holidays and cuti bersama of a year, sorted by date. */
export function nationalHolidays(year: number): Holiday[] {
  return [...yearHolidays(year).values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export class WorkingCalendar {
  private readonly offsetMs: number;
  private readonly region = new Map<string, Holiday>();

  constructor(opts: { timeZone: TimeZoneCode; extraHolidays?: Iterable<{ date: string; name: string }> }) {
    const hours = OFFSET_HOURS[opts.timeZone];
    if (hours === undefined) throw new RangeError(`Unknown time zone: ${opts.timeZone}`);
    this.offsetMs = hours * 3_600_000;
    for (const { date, name } of opts.extraHolidays ?? []) {
      dayNumber(date); // reject typos at configuration time, not on the first report
      add(this.region, { date, name, kind: 'region' });
    }
  }

  /** Local calendar date (YYYY-MM-DD) of an instant in this zone. */
  localDate(at: Date): string {
    return isoDate(this.localDay(at));
  }

  isWorkingDay(localDate: string): boolean {
    return this.isWorking(dayNumber(localDate));
  }

  holiday(localDate: string): Holiday | null {
    dayNumber(localDate);
    return this.holidayOn(localDate);
  }

  /** End (23:59:59.999 local) of the Nth working day AFTER the local day `from` falls on. n=0 → end of `from`'s day if it is a working day, else end of the next working day. */
  dueAfter(from: Date, workingDays: number): Date {
    if (!Number.isInteger(workingDays) || workingDays < 0) {
      throw new RangeError(`workingDays must be a non-negative integer, got ${workingDays}`);
    }
    return this.endOfDay(this.addWorkingDays(this.localDay(from), workingDays));
  }

  /** Number of working days d with localDate(from) < d <= localDate(to) (0 if to <= from). */
  workingDaysBetween(from: Date, to: Date): number {
    const last = this.localDay(to);
    let count = 0;
    for (let day = this.localDay(from) + 1; day <= last; day++) if (this.isWorking(day)) count++;
    return count;
  }

  /** A due date pushed back by the working days that passed while a report was paused (Ditunda) between pausedAt and resumedAt. */
  extendForPause(due: Date, pausedAt: Date, resumedAt: Date): Date {
    const lost = this.workingDaysBetween(pausedAt, resumedAt);
    if (lost === 0) return new Date(due.getTime());
    const day = this.localDay(due);
    // Move by whole local days so the due keeps its time of day (usually 23:59:59.999).
    return new Date(due.getTime() + (this.addWorkingDays(day, lost) - day) * DAY_MS);
  }

  private localDay(at: Date): number {
    const t = at.getTime();
    if (Number.isNaN(t)) throw new RangeError('Invalid Date');
    return Math.floor((t + this.offsetMs) / DAY_MS);
  }

  private endOfDay(day: number): Date {
    return new Date((day + 1) * DAY_MS - this.offsetMs - 1);
  }

  /** The nth working day after `day`; for n = 0, `day` itself or the next working day. */
  private addWorkingDays(day: number, n: number): number {
    let d = day;
    if (n === 0) {
      while (!this.isWorking(d)) d++;
      return d;
    }
    for (let left = n; left > 0; ) if (this.isWorking(++d)) left--;
    return d;
  }

  private isWorking(day: number): boolean {
    const wd = weekday(day);
    return wd !== 0 && wd !== 6 && this.holidayOn(isoDate(day)) === null;
  }

  private holidayOn(date: string): Holiday | null {
    return yearHolidays(Number(date.slice(0, 4))).get(date) ?? this.region.get(date) ?? null;
  }
}
