import { z } from 'zod';

/**
 * The region's map: where every map opens (bounds), which basemap it draws, and the geometry of
 * its kecamatan/kelurahan. Stored on the region row (`region.map`), edited by the region admin.
 */

/** Indonesia's extent: where maps open when a region has no bounds. */
export const INDONESIA_BOUNDS = { south: -11.2, west: 94.7, north: 6.3, east: 141.1 } as const;

const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);

export const boundsSchema = z
  .object({ south: lat, west: lng, north: lat, east: lng })
  .refine((b) => b.south < b.north && b.west < b.east, {
    message: 'south < north dan west < east / south < north and west < east',
  })
  .meta({ id: 'Bounds' });
export type Bounds = z.infer<typeof boundsSchema>;

export const insideBounds = (b: Bounds, la: number, ln: number) =>
  la >= b.south && la <= b.north && ln >= b.west && ln <= b.east;

/** A tile URL template: https, with {z}, {x} and {y} (optionally {s} and {r}). */
export const tileUrlTemplate = z
  .string()
  .trim()
  .max(500)
  .refine((u) => {
    if (!/^https:\/\//i.test(u) || !u.includes('{z}') || !u.includes('{x}') || !u.includes('{y}'))
      return false;
    try {
      const parsed = new URL(u.replace(/\{[a-z]\}/g, '0'));
      return parsed.protocol === 'https:' && !parsed.username && !parsed.password;
    } catch {
      return false;
    }
  }, 'URL https dengan {z}, {x} dan {y} / an https URL template with {z}, {x} and {y}');

/** What the region admin picks. `default` = the deployment's own setting (env). */
export const basemapSetting = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('default') }),
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('file') }).describe('The self-hosted PMTiles file of the deployment'),
    z.object({
      kind: z.literal('tiles'),
      url: tileUrlTemplate,
      attribution: z.string().trim().min(1).max(300),
    }),
  ])
  .meta({ id: 'BasemapSetting' });
export type BasemapSetting = z.infer<typeof basemapSetting>;

/** Stored on the region row. */
export const regionMapSetting = z.object({
  bounds: boundsSchema.nullable().default(null),
  basemap: basemapSetting.default({ kind: 'default' }),
});
export type RegionMapSetting = z.infer<typeof regionMapSetting>;

/** What maps draw, resolved against the deployment default. Attribution is plain text. */
export const basemapView = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('tiles'), url: z.string(), attribution: z.string() }),
    z.object({
      kind: z.literal('pmtiles'),
      url: z.string().describe('Same-origin URL of the PMTiles archive (HTTP range requests)'),
      attribution: z.string(),
    }),
  ])
  .meta({ id: 'Basemap' });
export type BasemapView = z.infer<typeof basemapView>;

export const regionMapView = z
  .object({
    bounds: boundsSchema.describe("The region's bounds (Indonesia when none are set)"),
    regionBounds: z.boolean().describe('false: the region has not set bounds yet (Indonesia is shown)'),
    centre: z.object({ lat: z.number(), lng: z.number() }),
    basemap: basemapView,
    setting: regionMapSetting.describe("The region's own choice (for the staff console)"),
    deploymentBasemap: z.enum(['none', 'tiles', 'pmtiles']).describe('What `default` means here'),
    fileAvailable: z.boolean().describe('A self-hosted basemap file is configured'),
  })
  .meta({ id: 'RegionMap' });
export type RegionMapView = z.infer<typeof regionMapView>;

export const regionMapInput = regionMapSetting;

// GeoJSON, validated: rings closed, at least 4 positions, coordinates in range.
const position = z.tuple([lng, lat], z.number());
const ring = z
  .array(position)
  .min(4)
  .refine((r) => {
    const a = r[0]!;
    const b = r[r.length - 1]!;
    return a[0] === b[0] && a[1] === b[1];
  }, 'cincin poligon harus tertutup / polygon rings must be closed');
export const polygonGeometry = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(ring).min(1).max(100),
});
export const multiPolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ring).min(1).max(100)).min(1).max(500),
});
export const areaBoundary = z.discriminatedUnion('type', [polygonGeometry, multiPolygonGeometry]);
export type AreaBoundary = z.infer<typeof areaBoundary>;

/** One area on the map: a centroid and/or an outline. */
export const areaGeoView = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(['kecamatan', 'kelurahan', 'desa']),
    parentCode: z.string().nullable(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    boundary: z.unknown().nullable().describe('GeoJSON Polygon or MultiPolygon'),
  })
  .meta({ id: 'AreaGeo' });
export type AreaGeoView = z.infer<typeof areaGeoView>;

/** Upload: a FeatureCollection whose features name the area by Kemendagri code or by name. */
export const areaGeoImportInput = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        properties: z.record(z.string(), z.unknown()).nullable(),
        geometry: z.object({ type: z.string() }).passthrough().nullable(),
      }),
    )
    .min(1)
    .max(5000),
});
export const areaGeoImportResult = z
  .object({
    matched: z.array(
      z.object({
        feature: z.number().int(),
        code: z.string(),
        name: z.string(),
        by: z.enum(['code', 'name']),
        stored: z.enum(['boundary', 'point']),
      }),
    ),
    unmatched: z.array(z.object({ feature: z.number().int(), reason: z.string() })),
  })
  .meta({ id: 'AreaGeoImportResult' });
export type AreaGeoImportResult = z.infer<typeof areaGeoImportResult>;

export const locateQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});
const areaRef = z.object({ code: z.string(), name: z.string() });
export const locateView = z
  .object({
    kecamatan: areaRef.nullable(),
    kelurahan: areaRef.nullable(),
    method: z.enum(['boundary', 'nearest']).nullable(),
  })
  .meta({ id: 'AreaLocation' });
export type LocateView = z.infer<typeof locateView>;
