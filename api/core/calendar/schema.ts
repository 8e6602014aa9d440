import { date, primaryKey, text } from 'drizzle-orm/pg-core';
import { tenantTable } from '../db/tenancy';

/**
 * The region's own holidays (a regional anniversary, a local feast). National holidays and cuti
 * bersama come from date-holidays and the SKB table (cuti-bersama.ts); together they make the
 * working calendar every SLA counts in (LAKSA complaints, permits, queues).
 */
export const regionHoliday = tenantTable(
  'region_holiday',
  { date: date().notNull(), name: text().notNull() },
  (t) => [primaryKey({ columns: [t.regionId, t.date] })],
);

export const calendarTables = [regionHoliday] as const;
