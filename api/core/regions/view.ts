import type { RegionPublicView } from '../../../shared/region';
import type { Config } from '../../config';
import type { SimpulModule } from '../modules/types';
import type { RegionDirectory, RegionRecord } from './directory';
import { presentRegionMap } from './map';

/** The public face of a region, with its enabled modules in registry order. */
export async function presentRegion(
  region: RegionRecord,
  basePath: string,
  directory: RegionDirectory,
  modules: readonly SimpulModule[],
  config: Config,
): Promise<RegionPublicView> {
  const states = await directory.moduleStates(region.id);
  return {
    id: region.id,
    code: region.code,
    name: region.name,
    type: region.type,
    slug: region.slug,
    timeZone: region.timeZone,
    branding: {
      displayName: region.branding.displayName,
      primaryColor: region.branding.primaryColor,
      accentColor: region.branding.accentColor,
      // Only an uploaded file, served from this origin (rows from before carry no logoFileId).
      logoUrl: region.branding.logoFileId ? `${basePath}/api/files/${region.branding.logoFileId}` : null,
    },
    contact: region.contact,
    basePath,
    domains: [...region.domains].sort(),
    map: presentRegionMap(region.map, basePath, config),
    modules: modules
      .filter((m) => states.get(m.id)?.enabled)
      .map((m) => ({ id: m.id, name: m.name, icon: m.icon, citizen: m.citizen })),
  };
}
