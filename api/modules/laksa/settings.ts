import { type LaksaSettings, laksaSettings } from '../../../shared/modules/laksa';
import type { RegionDirectory } from '../../core/regions/directory';

/** Indonesia's extent: where reports may lie when a region has not drawn its own bounds. */
export const INDONESIA = { south: -11.2, west: 94.7, north: 6.3, east: 141.1 };

/** The region's LAKSA settings (cached with the module switches; defaults for missing keys). */
export async function laksaSettingsOf(directory: RegionDirectory, regionId: string): Promise<LaksaSettings> {
  const state = (await directory.moduleStates(regionId)).get('laksa');
  const parsed = laksaSettings.safeParse(state?.settings ?? {});
  return parsed.success ? parsed.data : laksaSettings.parse({});
}

export function insideBounds(s: LaksaSettings, lat: number, lng: number): boolean {
  const b = s.bounds ?? INDONESIA;
  return lat >= b.south && lat <= b.north && lng >= b.west && lng <= b.east;
}
