import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type AreaBoundary,
  type AreaGeoImportResult,
  areaBoundary,
  type areaGeoImportInput,
} from '../../../shared/map';
import type { Tx } from '../db/client';
import { regionArea } from '../db/schema';
import { invalid } from '../errors';
import { emitEvent } from '../events/emit';

type ImportInput = z.infer<typeof areaGeoImportInput>;

/** Properties that may carry the Kemendagri code (BIG/Dukcapil exports spell it many ways). */
const CODE_KEYS = [
  'kode',
  'code',
  'kdepum',
  'kode_kemendagri',
  'kd_kemendagri',
  'kode_wilayah',
  'kdcpum',
  'kode_kec',
  'kode_desa',
  'id',
];
/** Properties that may carry the area's name. */
const NAME_KEYS = [
  'nama',
  'name',
  'namobj',
  'wadmkd',
  'wadmkc',
  'kelurahan',
  'desa',
  'kecamatan',
  'nama_kec',
  'nama_desa',
];

function propWithKey(props: Record<string, unknown>, keys: string[]): { key: string; value: string } | null {
  const lower = new Map(Object.entries(props).map(([k, v]) => [k.toLowerCase(), v]));
  for (const key of keys) {
    const v = lower.get(key);
    if (typeof v === 'string' && v.trim()) return { key, value: v.trim() };
    if (typeof v === 'number' && Number.isFinite(v)) return { key, value: String(v) };
  }
  return null;
}
const prop = (props: Record<string, unknown>, keys: string[]) => propWithKey(props, keys)?.value ?? null;

const KECAMATAN_HINT = /^(kecamatan|kec\.)\s/i;
const VILLAGE_HINT = /^(kelurahan|desa|kel\.)\s/i;
/**
 * Which level a name means, when it says (a kelurahan often shares its kecamatan's name): the
 * property (`WADMKC`/`kecamatan` vs `WADMKD`/`kelurahan`/`desa`) or a prefix ("Kecamatan …").
 */
function levelHint(key: string, name: string): 'kecamatan' | 'village' | null {
  if (KECAMATAN_HINT.test(name) || ['wadmkc', 'kecamatan', 'nama_kec'].includes(key)) return 'kecamatan';
  if (VILLAGE_HINT.test(name) || ['wadmkd', 'kelurahan', 'desa', 'nama_desa'].includes(key)) return 'village';
  return null;
}

/** `36.71.01`, `367101`, `36.71.01.1001` or `3671011001` → the dotted Kemendagri form. */
export function normaliseAreaCode(raw: string): string | null {
  const digits = raw.replace(/[.\s-]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  if (digits.length === 6) return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}`;
  if (digits.length === 10)
    return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}.${digits.slice(6, 10)}`;
  return null;
}

const normaliseName = (s: string) =>
  s
    .toLowerCase()
    .replace(/^(kecamatan|kelurahan|desa|kec\.|kel\.)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Area-weighted centroid of the largest outer ring (shoelace); the ring's mean if degenerate. */
export function centroidOf(b: AreaBoundary): { lat: number; lng: number } {
  const rings = b.type === 'Polygon' ? [b.coordinates[0]!] : b.coordinates.map((p) => p[0]!);
  let best = { area: -1, lat: 0, lng: 0 };
  for (const ring of rings) {
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const [x0, y0] = ring[i]!;
      const [x1, y1] = ring[i + 1]!;
      const f = x0! * y1! - x1! * y0!;
      a += f;
      cx += (x0! + x1!) * f;
      cy += (y0! + y1!) * f;
    }
    const area = Math.abs(a / 2);
    if (area > best.area) {
      best =
        area > 0
          ? { area, lng: cx / (3 * a), lat: cy / (3 * a) }
          : {
              area,
              lng: ring.reduce((s, p) => s + p[0]!, 0) / ring.length,
              lat: ring.reduce((s, p) => s + p[1]!, 0) / ring.length,
            };
    }
  }
  return { lat: best.lat, lng: best.lng };
}

/**
 * Imports outlines (Polygon/MultiPolygon) or centroids (Point) of the region's areas from a GeoJSON
 * FeatureCollection. A feature names its area by Kemendagri code (`kode`, `code`, `KDEPUM`, …) or,
 * failing that, by a name that is unique in the region. Any invalid geometry refuses the whole
 * upload (400, with the feature's index); features that match no area are reported, not stored.
 */
export async function importAreaGeometry(
  tx: Tx,
  regionId: string,
  actor: { id: string; name: string },
  input: ImportInput,
): Promise<AreaGeoImportResult> {
  const areas = await tx
    .select({ code: regionArea.code, name: regionArea.name, level: regionArea.level })
    .from(regionArea)
    .where(eq(regionArea.regionId, regionId));
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const byName = new Map<string, (typeof areas)[number][]>();
  for (const a of areas) {
    const k = normaliseName(a.name);
    byName.set(k, [...(byName.get(k) ?? []), a]);
  }

  // Validate every geometry first: one bad feature refuses the upload before anything is written.
  const problems: { path: string; message: string }[] = [];
  const geometries = input.features.map((f, i) => {
    const g = f.geometry;
    if (!g) return null;
    if (g.type === 'Point') {
      const c = (g as { coordinates?: unknown }).coordinates;
      if (
        Array.isArray(c) &&
        typeof c[0] === 'number' &&
        typeof c[1] === 'number' &&
        Math.abs(c[0]) <= 180 &&
        Math.abs(c[1]) <= 90
      )
        return { kind: 'point' as const, lng: c[0], lat: c[1] };
      problems.push({ path: `body.features.${i}.geometry`, message: 'Point tidak valid / invalid Point' });
      return null;
    }
    const parsed = areaBoundary.safeParse(g);
    if (!parsed.success) {
      problems.push({
        path: `body.features.${i}.geometry`,
        message:
          g.type === 'Polygon' || g.type === 'MultiPolygon'
            ? `${g.type} tidak valid / invalid ${g.type}: ${parsed.error.issues[0]?.message ?? ''}`.trim()
            : `Jenis geometri ${String(g.type)} tidak didukung (Polygon, MultiPolygon, Point) / unsupported geometry type`,
      });
      return null;
    }
    return { kind: 'boundary' as const, boundary: parsed.data };
  });
  if (problems.length > 0)
    throw invalid(
      {
        id: 'Berkas GeoJSON memuat geometri yang tidak valid; tidak ada yang disimpan.',
        en: 'The GeoJSON file holds invalid geometry; nothing was stored.',
      },
      problems.slice(0, 50),
    );

  const result: AreaGeoImportResult = { matched: [], unmatched: [] };
  for (const [i, f] of input.features.entries()) {
    const geo = geometries[i];
    if (!geo) {
      result.unmatched.push({ feature: i, reason: 'tanpa geometri / no geometry' });
      continue;
    }
    const props = f.properties ?? {};
    const rawCode = prop(props, CODE_KEYS);
    const code = rawCode ? normaliseAreaCode(rawCode) : null;
    let area = code ? byCode.get(code) : undefined;
    let by: 'code' | 'name' = 'code';
    if (!area) {
      const named = propWithKey(props, NAME_KEYS);
      const name = named?.value ?? null;
      const hint = named ? levelHint(named.key, named.value) : null;
      const candidates = (name ? (byName.get(normaliseName(name)) ?? []) : []).filter(
        (a) => !hint || (hint === 'kecamatan') === (a.level === 'kecamatan'),
      );
      if (candidates.length === 1) {
        area = candidates[0];
        by = 'name';
      } else {
        result.unmatched.push({
          feature: i,
          reason:
            candidates.length > 1
              ? `nama "${name}" tidak unik, beri kode / name not unique, give the code`
              : `tidak cocok dengan wilayah mana pun (${rawCode ?? name ?? 'tanpa kode/nama'}) / matches no area`,
        });
        continue;
      }
    }
    if (!area) continue;
    const set =
      geo.kind === 'point'
        ? { lat: geo.lat, lng: geo.lng }
        : { boundary: geo.boundary, ...centroidOf(geo.boundary) };
    await tx
      .update(regionArea)
      .set(set)
      .where(and(eq(regionArea.regionId, regionId), eq(regionArea.code, area.code)));
    result.matched.push({ feature: i, code: area.code, name: area.name, by, stored: geo.kind });
  }
  await emitEvent(tx, regionId, {
    type: 'core.region.areas-imported',
    actor,
    subject: regionId,
    summary: { id: 'Peta wilayah diimpor', en: 'Area map imported' },
    data: { matched: result.matched.length, unmatched: result.unmatched.length },
  });
  return result;
}
