import type { WeekHours } from '../../../shared/modules/antrian';
import {
  localInstant,
  OFFSET_HOURS,
  type TimeZoneCode,
  type WorkingCalendar,
} from '../../core/calendar/working-days';
import { conflict } from '../../core/errors';

/** The local date and HH:mm of an instant in the region's zone (Indonesia has no DST). */
export function localClock(at: Date, tz: TimeZoneCode): { date: string; time: string; weekday: number } {
  const local = new Date(at.getTime() + OFFSET_HOURS[tz] * 3_600_000).toISOString();
  const date = local.slice(0, 10);
  return { date, time: local.slice(11, 16), weekday: new Date(`${date}T00:00:00Z`).getUTCDay() };
}

export const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

type Hours = { hours: WeekHours; openOnHolidays: boolean };

/** The unit's hours on a local date, or null when it is closed all day (weekday or holiday). */
export function hoursOn(unit: Hours, date: string, calendar: WorkingCalendar) {
  const h = unit.hours[weekdayOf(date)] ?? null;
  if (!h) return null;
  if (!unit.openOnHolidays && calendar.holiday(date)) return null;
  return h;
}

export function isOpenAt(unit: Hours, at: Date, tz: TimeZoneCode, calendar: WorkingCalendar) {
  const { date, time } = localClock(at, tz);
  const h = hoursOn(unit, date, calendar);
  return Boolean(h && h.open <= time && time < h.close);
}

/** Refuses walk-in tickets outside opening hours, saying when the unit opens today. */
export function assertOpen(unit: Hours, at: Date, tz: TimeZoneCode, calendar: WorkingCalendar) {
  if (isOpenAt(unit, at, tz, calendar)) return;
  const { date } = localClock(at, tz);
  const h = hoursOn(unit, date, calendar);
  const holiday = calendar.holiday(date);
  throw conflict(
    h
      ? {
          id: `Layanan sedang tutup. Jam layanan hari ini ${h.open}–${h.close} ${tz}.`,
          en: `The service is closed now. Today's hours are ${h.open}–${h.close} ${tz}.`,
        }
      : {
          id: `Layanan tutup hari ini${holiday ? ` (${holiday.name})` : ''}.`,
          en: `The service is closed today${holiday ? ` (${holiday.name})` : ''}.`,
        },
    { reason: 'closed' },
  );
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Slot start times of a day: from opening, every `slotMinutes`, each ending by closing time. */
export function slotsOf(h: { open: string; close: string }, slotMinutes: number): string[] {
  const out: string[] = [];
  for (let m = minutes(h.open); m + slotMinutes <= minutes(h.close); m += slotMinutes) out.push(hhmm(m));
  return out;
}

export const slotInstant = (date: string, slot: string, tz: TimeZoneCode) =>
  localInstant(date, tz, `${slot}:00`);

export { addDays } from '../../../shared/dates';
