import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { and, asc, eq, isNotNull, or } from 'drizzle-orm';
import { type Bounds, insideBounds, type LocateView } from '../../../shared/map';
import type { Tx } from '../db/client';
import { regionArea } from '../db/schema';

/** The region's areas with their geometry (centroid and outline, where known). */
function areaGeometry(tx: Tx) {
  return tx
    .select({
      code: regionArea.code,
      name: regionArea.name,
      level: regionArea.level,
      parentCode: regionArea.parentCode,
      lat: regionArea.lat,
      lng: regionArea.lng,
      boundary: regionArea.boundary,
    })
    .from(regionArea)
    .$dynamic();
}

/** The areas that have a centroid or an outline: what maps draw (GET /api/region/areas/geo). */
export function areasWithGeometry(tx: Tx, regionId: string) {
  return areaGeometry(tx)
    .where(
      and(eq(regionArea.regionId, regionId), or(isNotNull(regionArea.lat), isNotNull(regionArea.boundary))),
    )
    .orderBy(asc(regionArea.code));
}

type AreaRow = Awaited<ReturnType<typeof areasWithGeometry>>[number];

/** Without region bounds, the nearest centroid counts only within this distance. */
const NEAREST_WITHOUT_BOUNDS_M = 15_000;

const NONE: LocateView = { kecamatan: null, kelurahan: null, method: null };

/** Metres between two points (equirectangular: plenty for "which centroid is nearest"). */
export function distanceM(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180;
  const x = (bLng - aLng) * rad * Math.cos(((aLat + bLat) / 2) * rad);
  const y = (bLat - aLat) * rad;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}

function contains(a: AreaRow, lat: number, lng: number): boolean {
  if (!a.boundary) return false;
  try {
    // biome-ignore lint/suspicious/noExplicitAny: a validated GeoJSON Polygon/MultiPolygon (shared/map.ts)
    return booleanPointInPolygon([lng, lat], a.boundary as any);
  } catch {
    return false;
  }
}

function nearest(areas: AreaRow[], lat: number, lng: number, maxM: number): AreaRow | null {
  let best: AreaRow | null = null;
  let bestM = maxM;
  for (const a of areas) {
    if (a.lat === null || a.lng === null) continue;
    const d = distanceM(lat, lng, a.lat, a.lng);
    if (d <= bestM) {
      best = a;
      bestM = d;
    }
  }
  return best;
}

/**
 * The nearest of a group by centroid. Areas with an outline that did not hold the point are left
 * out, unless every area of the group has an outline (then the point fell in a gap between
 * simplified outlines, and the nearest is the best answer).
 */
function nearestOf(group: AreaRow[], lat: number, lng: number, maxM: number): AreaRow | null {
  const open = group.filter((a) => !a.boundary);
  if (open.length > 0) return nearest(open, lat, lng, maxM);
  return group.length > 0 ? nearest(group, lat, lng, maxM) : null;
}

const ref = (a: AreaRow | null | undefined) => (a ? { code: a.code, name: a.name } : null);

/**
 * Which kecamatan (and kelurahan/desa) of the region a point lies in:
 * - `boundary`: the point is inside an area's outline (point-in-polygon, @turf/boolean-point-in-polygon);
 * - `nearest`: no outline holds it, so the area whose centroid is nearest (kelurahan: among the
 *   kecamatan's own kelurahan that have centroids);
 * - all null: outside the region's bounds, or the region has no area geometry at all.
 * Reads only the region's own areas (RLS, and an explicit region filter).
 */
export async function locateArea(
  tx: Tx,
  regionId: string,
  bounds: Bounds | null,
  lat: number,
  lng: number,
): Promise<LocateView> {
  if (bounds && !insideBounds(bounds, lat, lng)) return NONE;
  // Every area, with or without geometry: one without a centroid still counts in nearestOf (a
  // kelurahan without data is no reason to name its neighbour).
  const rows: AreaRow[] = await areaGeometry(tx).where(eq(regionArea.regionId, regionId));
  if (!rows.some((a) => a.boundary || a.lat !== null)) return NONE;
  const kecamatan = rows.filter((a) => a.level === 'kecamatan');
  const villages = rows.filter((a) => a.level !== 'kecamatan');
  const maxM = bounds ? Number.POSITIVE_INFINITY : NEAREST_WITHOUT_BOUNDS_M;

  // An outline that holds the point decides; a kelurahan's outline also names its kecamatan.
  const village = villages.find((a) => contains(a, lat, lng));
  const byCode = new Map(kecamatan.map((k) => [k.code, k]));
  let kec =
    (village?.parentCode ? byCode.get(village.parentCode) : undefined) ??
    kecamatan.find((a) => contains(a, lat, lng));
  let method: 'boundary' | 'nearest' = 'boundary';
  if (!kec) {
    kec = nearestOf(kecamatan, lat, lng, maxM) ?? undefined;
    method = 'nearest';
  }
  if (!kec) return NONE;
  const kel =
    village && village.parentCode === kec.code
      ? village
      : nearestOf(
          villages.filter((v) => v.parentCode === kec.code),
          lat,
          lng,
          maxM,
        );
  return { kecamatan: ref(kec), kelurahan: ref(kel), method };
}
