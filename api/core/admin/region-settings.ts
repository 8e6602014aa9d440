import { and, eq, sql } from 'drizzle-orm';
import type { RegionMapSetting } from '../../../shared/map';
import type { RegionUpdateInput } from '../../../shared/region';
import type { Tx } from '../db/client';
import { region, storedFile } from '../db/schema';
import { invalid } from '../errors';
import { emitEvent } from '../events/emit';
import type { RegionRecord } from '../regions/directory';
import { claimDomains, requireHost } from '../regions/domains';

/**
 * Region admins change their own region's name, time zone, branding, contact and host names. A new
 * host name stays pending (it serves nothing) until proven by its HTTP token or approved by a
 * platform admin: an admin cannot take over a name by typing it.
 */
export async function updateRegionSettings(
  tx: Tx,
  current: RegionRecord,
  actor: { id: string; name: string },
  input: RegionUpdateInput,
  /** The deployment's own host names: no region may claim them. */
  reservedHosts: ReadonlySet<string>,
) {
  const logo = input.branding?.logoFileId;
  if (logo) await assertLogoUpload(tx, logo);
  await tx
    .update(region)
    .set({
      ...(input.name ? { name: input.name } : {}),
      ...(input.timeZone ? { timeZone: input.timeZone } : {}),
      ...(input.branding ? { branding: { ...current.branding, ...input.branding } } : {}),
      ...(input.contact ? { contact: { ...current.contact, ...input.contact } } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(region.id, current.id));
  if (input.domains)
    await claimDomains(tx, current.id, {
      domains: input.domains.map(requireHost),
      reserved: reservedHosts,
      verified: false,
    });
  await emitEvent(tx, current.id, {
    type: 'core.region.updated',
    actor,
    subject: current.id,
    summary: { id: 'Pengaturan daerah diubah', en: 'Region settings changed' },
    data: { fields: Object.keys(input) },
  });
}

/** The logo must be an image uploaded to this region with purpose=logo (RLS hides other regions'). */
async function assertLogoUpload(tx: Tx, fileId: string) {
  const [file] = await tx
    .select({ id: storedFile.id })
    .from(storedFile)
    .where(and(eq(storedFile.id, fileId), eq(storedFile.purpose, 'logo')));
  if (!file)
    throw invalid(
      {
        id: 'Logo harus diunggah dulu sebagai berkas (purpose=logo).',
        en: 'Upload the logo as a file first (purpose=logo).',
      },
      [{ path: 'body.branding.logoFileId' }],
    );
}

/** The region's map: bounds every map opens on (and LAKSA/112 geofences default to), and basemap. */
export async function updateRegionMap(
  tx: Tx,
  regionId: string,
  actor: { id: string; name: string },
  input: RegionMapSetting,
) {
  await tx.update(region).set({ map: input, updatedAt: sql`now()` }).where(eq(region.id, regionId));
  await emitEvent(tx, regionId, {
    type: 'core.region.map-updated',
    actor,
    subject: regionId,
    summary: { id: 'Peta daerah diubah', en: 'Region map changed' },
    data: { basemap: input.basemap.kind, bounds: input.bounds },
  });
}
