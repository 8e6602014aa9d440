import { sql } from 'drizzle-orm';
import type { Tx } from '../../core/db/client';
import { izinCounter } from './schema';

/** The next number of a series in the region (atomic: one upsert, the row lock orders callers). */
export async function nextInSeries(tx: Tx, regionId: string, series: string): Promise<number> {
  const [row] = await tx
    .insert(izinCounter)
    .values({ regionId, series, value: 1 })
    .onConflictDoUpdate({
      target: [izinCounter.regionId, izinCounter.series],
      set: { value: sql`${izinCounter.value} + 1` },
    })
    .returning({ value: izinCounter.value });
  if (!row) throw new Error('izin_counter upsert returned nothing');
  return row.value;
}

/** Registration number given at submission: REG-2026-000123 (per region and year). */
export async function registrationNumber(tx: Tx, regionId: string, year: string) {
  return `REG-${year}-${String(await nextInSeries(tx, regionId, `reg-${year}`)).padStart(6, '0')}`;
}

/**
 * A permit's number in the style of a regional government letter: the archive classification
 * for permits (503), the sequence, the type, the office and the year: 503/0007/REKLAME/DPMPTSP/2026.
 */
export async function permitNumber(tx: Tx, regionId: string, typeCode: string, office: string, year: string) {
  const seq = await nextInSeries(tx, regionId, `izin-${typeCode}-${year}`);
  return `503/${String(seq).padStart(4, '0')}/${typeCode.toUpperCase()}/${office.toUpperCase()}/${year}`;
}

/** A billing code for the manual payment adapter: 12 digits of region code, year and sequence. */
export async function billingNumber(tx: Tx, regionId: string, regionCode: string, year: string) {
  const seq = await nextInSeries(tx, regionId, `billing-${year}`);
  return `${regionCode.replace(/\D/g, '').padEnd(4, '0').slice(0, 4)}${year.slice(2)}${String(seq).padStart(6, '0')}`;
}
