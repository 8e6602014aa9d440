import { eq } from 'drizzle-orm';
import { type SiapKerjaSettings, siapKerjaSettings } from '../../../shared/modules/siap-kerja';
import type { Tx } from '../../core/db/client';
import { regionModule } from '../../core/db/schema';

/** The region's settings read through the transaction already open (never the directory's cache). */
export async function settingsIn(tx: Tx): Promise<SiapKerjaSettings> {
  const [row] = await tx
    .select({ settings: regionModule.settings })
    .from(regionModule)
    .where(eq(regionModule.moduleId, 'siap-kerja'));
  const parsed = siapKerjaSettings.safeParse(row?.settings ?? {});
  return parsed.success ? parsed.data : siapKerjaSettings.parse({});
}

export { todayInRegion as todayIn } from '../../core/calendar/region-calendar';

export const addMonths = (isoDay: string, months: number) => {
  const d = new Date(`${isoDay}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
};
export { addDays } from '../../../shared/dates';
