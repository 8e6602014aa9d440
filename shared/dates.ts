import { z } from 'zod';

/**
 * A calendar day `YYYY-MM-DD` that exists (no 2026-02-30, no month or day 00) in years
 * 1900–2999: PostgreSQL has no year 0 (`0000-00-00` used to reach it and fail as a 500), and no
 * Simpul record is older or centuries ahead. The one date schema for inputs and query strings.
 */
/** `YYYY-MM-DD` plus `n` days: calendar arithmetic on the date alone, no time zone involved. */
export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const isoDate = z.iso
  .date('Tanggal harus YYYY-MM-DD dan ada di kalender / date must be a real YYYY-MM-DD day')
  .refine((d) => d >= '1900-01-01' && d <= '2999-12-31', {
    message: 'Tanggal di luar 1900–2999 / date outside 1900–2999',
  });
