import { eq } from 'drizzle-orm';
import type { WallMapItem } from '../../../shared/live';
import { region } from '../../core/db/schema';
import type { RegionContext } from '../../core/modules/types';
import { todayIn } from './master';
import { publicMarkets } from './public';

/** LIVE Room map: markets selling at least one commodity above HET on the latest verified day. */
export async function wallMapItems({
  tx,
  regionId,
  limit,
}: RegionContext & { limit: number }): Promise<WallMapItem[]> {
  const [r] = await tx.select({ timeZone: region.timeZone }).from(region).where(eq(region.id, regionId));
  const markets = await publicMarkets(tx, todayIn(r?.timeZone ?? 'WIB'));
  return markets
    .filter((m) => m.aboveHet > 0)
    .slice(0, limit)
    .map((m) => ({
      key: `harga-pangan:${m.id}`,
      module: 'harga-pangan',
      kind: 'harga-pangan.market',
      label: {
        id: `${m.name}: ${m.aboveHet} komoditas di atas HET`,
        en: `${m.name}: ${m.aboveHet} ${m.aboveHet === 1 ? 'commodity' : 'commodities'} above HET`,
      },
      state: 'di_atas_het',
      tone: m.aboveHet >= 3 ? 'danger' : 'warn',
      lat: m.lat,
      lng: m.lng,
      at: new Date().toISOString(),
    }));
}
