import { eq, sql } from 'drizzle-orm';
import type { RegionUpdateInput } from '../../../shared/region';
import type { Tx } from '../db/client';
import { region } from '../db/schema';
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
