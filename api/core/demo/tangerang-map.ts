import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Bounds } from '../../../shared/map';
import type { Tx } from '../db/client';
import { region, regionArea } from '../db/schema';
import { regionMapSettingOf } from '../regions/map';

/**
 * Kota Tangerang's map for the demo: its bounds (every demo point of LAKSA, 112 and Harga Pangan
 * lies inside; the east edge reaches Larangan on the Jakarta border) and APPROXIMATE centroids of
 * its 13 kecamatan, placed from general knowledge of the city, not surveyed. No outlines: made-up
 * polygons would look authoritative; a region imports real ones (BIG / Dukcapil GeoJSON) in the
 * staff console, and until then the reverse lookup uses the nearest centroid.
 */
export const TANGERANG_BOUNDS: Bounds = { south: -6.26, west: 106.55, north: -6.09, east: 106.75 };

export const TANGERANG_KECAMATAN: Record<string, { name: string; lat: number; lng: number }> = {
  '36.71.01': { name: 'Tangerang', lat: -6.1845, lng: 106.6345 },
  '36.71.02': { name: 'Jatiuwung', lat: -6.1935, lng: 106.5765 },
  '36.71.03': { name: 'Batuceper', lat: -6.1625, lng: 106.6565 },
  '36.71.04': { name: 'Benda', lat: -6.1265, lng: 106.6835 },
  '36.71.05': { name: 'Cipondoh', lat: -6.1855, lng: 106.6955 },
  '36.71.06': { name: 'Ciledug', lat: -6.2285, lng: 106.7135 },
  '36.71.07': { name: 'Karawaci', lat: -6.1815, lng: 106.6075 },
  '36.71.08': { name: 'Periuk', lat: -6.1655, lng: 106.5855 },
  '36.71.09': { name: 'Cibodas', lat: -6.2055, lng: 106.6035 },
  '36.71.10': { name: 'Neglasari', lat: -6.1405, lng: 106.6285 },
  '36.71.11': { name: 'Pinang', lat: -6.2245, lng: 106.6715 },
  '36.71.12': { name: 'Karang Tengah', lat: -6.2075, lng: 106.7215 },
  '36.71.13': { name: 'Larangan', lat: -6.2355, lng: 106.7385 },
};

/** Sets the demo region's bounds and kecamatan centroids where none are set yet (idempotent). */
export async function seedTangerangMap(tx: Tx, regionId: string) {
  const [row] = await tx.select({ map: region.map }).from(region).where(eq(region.id, regionId));
  const setting = regionMapSettingOf(row?.map);
  if (!setting.bounds)
    await tx
      .update(region)
      .set({ map: { ...setting, bounds: TANGERANG_BOUNDS }, updatedAt: sql`now()` })
      .where(eq(region.id, regionId));
  for (const [code, c] of Object.entries(TANGERANG_KECAMATAN))
    await tx
      .update(regionArea)
      .set({ lat: c.lat, lng: c.lng })
      .where(and(eq(regionArea.regionId, regionId), eq(regionArea.code, code), isNull(regionArea.lat)));
}
