import { eq, sql } from 'drizzle-orm';
import { type SiapKerjaSettings, siapKerjaSettings } from '../../../shared/modules/siap-kerja';
import type { Tx } from '../../core/db/client';
import { regionModule } from '../../core/db/schema';
import { currentRegion } from '../../core/db/tenancy';

/** The region's settings read through the transaction already open (never the directory's cache). */
export async function settingsIn(tx: Tx): Promise<SiapKerjaSettings> {
  const [row] = await tx
    .select({ settings: regionModule.settings })
    .from(regionModule)
    .where(eq(regionModule.moduleId, 'siap-kerja'));
  const parsed = siapKerjaSettings.safeParse(row?.settings ?? {});
  return parsed.success ? parsed.data : siapKerjaSettings.parse({});
}

/** Today (YYYY-MM-DD) in the region's time zone, computed by the database. */
export async function todayIn(tx: Tx): Promise<string> {
  const rows = (await tx.execute(sql`
    select to_char(now() at time zone case r.time_zone when 'WITA' then 'Asia/Makassar'
      when 'WIT' then 'Asia/Jayapura' else 'Asia/Jakarta' end, 'YYYY-MM-DD') as today
    from region r where r.id = ${currentRegion}`)) as unknown as { rows: { today: string }[] };
  return rows.rows[0]?.today ?? new Date().toISOString().slice(0, 10);
}

export const addMonths = (isoDay: string, months: number) => {
  const d = new Date(`${isoDay}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
};
export const addDays = (isoDay: string, days: number) =>
  new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
