import { sql } from 'drizzle-orm';
import {
  type BasemapView,
  type Bounds,
  INDONESIA_BOUNDS,
  type RegionMapSetting,
  type RegionMapView,
  regionMapSetting,
} from '../../../shared/map';
import type { Config } from '../../config';
import type { Tx } from '../db/client';
import { region } from '../db/schema';
import { currentRegion } from '../db/tenancy';

/** URL path of the deployment's self-hosted basemap (api/core/regions/basemap-file.ts). */
export const BASEMAP_FILE_PATH = '/api/region/basemap.pmtiles';

/** The region's stored map setting with defaults; an unreadable one falls back to the defaults. */
export function regionMapSettingOf(stored: unknown): RegionMapSetting {
  const parsed = regionMapSetting.safeParse(stored ?? {});
  return parsed.success ? parsed.data : regionMapSetting.parse({});
}

/** The region's own bounds (null: none set), read through the caller's transaction. */
export async function regionBoundsIn(tx: Tx): Promise<Bounds | null> {
  const [row] = await tx.select({ map: region.map }).from(region).where(sql`${region.id} = ${currentRegion}`);
  return regionMapSettingOf(row?.map).bounds;
}

/** The deployment's default basemap (env), as maps draw it. */
function deploymentBasemap(config: Config, basePath: string): BasemapView {
  if (config.map.basemapFile)
    return {
      kind: 'pmtiles',
      url: `${basePath}${BASEMAP_FILE_PATH}`,
      attribution: config.map.basemapAttribution,
    };
  if (config.map.tileUrl)
    return { kind: 'tiles', url: config.map.tileUrl, attribution: config.map.tileAttribution };
  return { kind: 'none' };
}

/** What every map of the region opens on and draws. */
export function presentRegionMap(stored: unknown, basePath: string, config: Config): RegionMapView {
  const setting = regionMapSettingOf(stored);
  const bounds = setting.bounds ?? INDONESIA_BOUNDS;
  const fallback = deploymentBasemap(config, basePath);
  const b = setting.basemap;
  const basemap: BasemapView =
    b.kind === 'default'
      ? fallback
      : b.kind === 'none'
        ? { kind: 'none' }
        : b.kind === 'tiles'
          ? { kind: 'tiles', url: b.url, attribution: b.attribution }
          : config.map.basemapFile
            ? {
                kind: 'pmtiles',
                url: `${basePath}${BASEMAP_FILE_PATH}`,
                attribution: config.map.basemapAttribution,
              }
            : { kind: 'none' };
  return {
    bounds: { ...bounds },
    regionBounds: setting.bounds !== null,
    centre: { lat: (bounds.south + bounds.north) / 2, lng: (bounds.west + bounds.east) / 2 },
    basemap,
    setting,
    deploymentBasemap: fallback.kind,
    fileAvailable: config.map.basemapFile !== null,
  };
}
