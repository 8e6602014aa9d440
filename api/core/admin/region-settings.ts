import { and, eq, sql } from 'drizzle-orm';
import type { RegionUpdateInput } from '../../../shared/region';
import type { Tx } from '../db/client';
import { region, regionDomain, storedFile } from '../db/schema';
import { conflict, invalid } from '../errors';
import { emitEvent } from '../events/emit';
import type { RegionRecord } from '../regions/directory';

/** Region admins change their own region's name, time zone, branding, contact and host names. */
export async function updateRegionSettings(
  tx: Tx,
  current: RegionRecord,
  actor: { id: string; name: string },
  input: RegionUpdateInput,
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
  if (input.domains) {
    const taken = await tx.select().from(regionDomain);
    const clash = input.domains.find((d) => taken.some((t) => t.domain === d && t.regionId !== current.id));
    if (clash)
      throw conflict({
        id: `Domain ${clash} sudah dipakai daerah lain.`,
        en: `Domain ${clash} belongs to another region.`,
      });
    await tx.delete(regionDomain).where(eq(regionDomain.regionId, current.id));
    if (input.domains.length > 0)
      await tx
        .insert(regionDomain)
        .values([...new Set(input.domains)].map((domain) => ({ domain, regionId: current.id })));
  }
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
