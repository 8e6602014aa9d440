import { eq } from 'drizzle-orm';
import { type LaksaSettings, laksaSettings } from '../../../shared/modules/laksa';
import type { Tx } from '../../core/db/client';
import { regionModule } from '../../core/db/schema';
import type { RegionDirectory } from '../../core/regions/directory';
import { regionBoundsIn, regionMapSettingOf } from '../../core/regions/map';

/** Indonesia's extent: where reports may lie when a region has not drawn its own bounds. */
export const INDONESIA = { south: -11.2, west: 94.7, north: 6.3, east: 141.1 };

/**
 * Stored settings with defaults for missing keys; unreadable ones fall back to the defaults.
 * Without LAKSA bounds of its own, the geofence is the region's map bounds (core region setting).
 */
function parseSettings(stored: unknown, regionBounds: LaksaSettings['bounds']): LaksaSettings {
  const parsed = laksaSettings.safeParse(stored ?? {});
  const s = parsed.success ? parsed.data : laksaSettings.parse({});
  return s.bounds ? s : { ...s, bounds: regionBounds };
}

/** The region's LAKSA settings from the directory's cache. Call it outside any transaction. */
export async function laksaSettingsOf(directory: RegionDirectory, regionId: string): Promise<LaksaSettings> {
  const regionBounds = regionMapSettingOf(directory.get(regionId)?.map).bounds;
  return parseSettings((await directory.moduleStates(regionId)).get('laksa')?.settings, regionBounds);
}

/**
 * The region's LAKSA settings read through a transaction already open (never through the
 * directory's cache, whose cold path would open a second transaction: a self-deadlock on PGlite).
 */
export async function laksaSettingsIn(tx: Tx): Promise<LaksaSettings> {
  const [row] = await tx
    .select({ settings: regionModule.settings })
    .from(regionModule)
    .where(eq(regionModule.moduleId, 'laksa'));
  return parseSettings(row?.settings, await regionBoundsIn(tx));
}

export function insideBounds(s: LaksaSettings, lat: number, lng: number): boolean {
  const b = s.bounds ?? INDONESIA;
  return lat >= b.south && lat <= b.north && lng >= b.west && lng <= b.east;
}
