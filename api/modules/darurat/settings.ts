import { eq } from 'drizzle-orm';
import { type DaruratSettings, daruratSettings } from '../../../shared/modules/darurat';
import type { Tx } from '../../core/db/client';
import { regionModule } from '../../core/db/schema';
import { regionBoundsIn } from '../../core/regions/map';

/** Indonesia's extent: where incidents may lie when a region has not drawn its own bounds. */
export const INDONESIA = { south: -11.2, west: 94.7, north: 6.3, east: 141.1 };

/**
 * The region's 112 settings, read through the caller's transaction (never the directory's cache).
 * Without 112 bounds of its own, the region's map bounds (core region setting) apply.
 */
export async function daruratSettingsIn(tx: Tx): Promise<DaruratSettings> {
  const [row] = await tx
    .select({ settings: regionModule.settings })
    .from(regionModule)
    .where(eq(regionModule.moduleId, 'darurat'));
  const parsed = daruratSettings.safeParse(row?.settings ?? {});
  const s = parsed.success ? parsed.data : daruratSettings.parse({});
  return s.bounds ? s : { ...s, bounds: await regionBoundsIn(tx) };
}

export function insideBounds(s: DaruratSettings, lat: number, lng: number): boolean {
  const b = s.bounds ?? INDONESIA;
  return lat >= b.south && lat <= b.north && lng >= b.west && lng <= b.east;
}

/** Indonesia has no DST: a fixed offset per zone is exact. */
const OFFSET_HOURS = { WIB: 7, WITA: 8, WIT: 9 } as const;

/** The instant a local calendar day starts in the region's time zone. */
export function dayStart(date: string, tz: keyof typeof OFFSET_HOURS): Date {
  return new Date(`${date}T00:00:00+0${OFFSET_HOURS[tz]}:00`);
}

/** Today's date (YYYY-MM-DD) in the region's time zone. */
export function localToday(tz: keyof typeof OFFSET_HOURS, now = Date.now()): string {
  return new Date(now + OFFSET_HOURS[tz] * 3_600_000).toISOString().slice(0, 10);
}
