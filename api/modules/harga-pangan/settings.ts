import { eq } from 'drizzle-orm';
import { hargaPanganSettings } from '../../../shared/modules/harga-pangan';
import type { Tx } from '../../core/db/client';
import { regionModule } from '../../core/db/schema';

/** The region's settings read through the transaction already open (never the directory's cache). */
export async function settingsIn(tx: Tx) {
  const [row] = await tx
    .select({ settings: regionModule.settings })
    .from(regionModule)
    .where(eq(regionModule.moduleId, 'harga-pangan'));
  const parsed = hargaPanganSettings.safeParse(row?.settings ?? {});
  return parsed.success ? parsed.data : hargaPanganSettings.parse({});
}
