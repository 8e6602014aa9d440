import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { type TimeZoneName, timeZoneOffsetHours } from '../../../shared/indonesia';
import { type InfoKotaSettings, infoKotaSettings } from '../../../shared/modules/info-kota';
import type { Tx } from '../../core/db/client';
import { opd, regionModule } from '../../core/db/schema';
import { invalid } from '../../core/errors';

export type Actor = { id: string; name: string };

/**
 * Who is at the editorial desk. Writers (`info-kota:write`) draft for their own OPD; editors
 * (`info-kota:publish` held by a region admin, or by an OPD admin of the editorial OPD —
 * Diskominfo unless the region says otherwise) review, schedule, publish and archive anything.
 */
export type Desk = {
  actor: Actor;
  writer: boolean;
  editor: boolean;
  /** The OPDs the person works for (a writer's articles belong to one of them). */
  opdIds: string[];
};

export async function settingsIn(tx: Tx): Promise<InfoKotaSettings> {
  const [row] = await tx
    .select({ settings: regionModule.settings })
    .from(regionModule)
    .where(eq(regionModule.moduleId, 'info-kota'));
  const parsed = infoKotaSettings.safeParse(row?.settings ?? {});
  return parsed.success ? parsed.data : infoKotaSettings.parse({});
}

/** The desk of this request's signed-in person (read in the request's transaction). */
export async function deskOf(req: FastifyRequest, tx: Tx): Promise<Desk> {
  const actor = req.actor();
  const roles = req.user?.roles ?? [];
  const opdIds = [...new Set(roles.flatMap((r) => (r.opdId ? [r.opdId] : [])))];
  let editor = false;
  if (req.permissions.has('info-kota:publish')) {
    if (roles.some((r) => r.role === 'region_admin' || r.role === 'platform_admin')) editor = true;
    else {
      const { editorialOpdCode } = await settingsIn(tx);
      const [ed] = await tx.select({ id: opd.id }).from(opd).where(eq(opd.code, editorialOpdCode));
      editor = !!ed && roles.some((r) => r.role === 'opd_admin' && r.opdId === ed.id);
    }
  }
  return { actor, writer: req.permissions.has('info-kota:write') || editor, editor, opdIds };
}

/** A wall-clock time typed in the region's zone → the instant (Indonesia keeps no daylight saving). */
export function localToInstant(local: string, zone: TimeZoneName): Date {
  const [d, t] = local.split('T') as [string, string];
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const [hh, mm] = t.split(':').map(Number) as [number, number];
  const ms = Date.UTC(y, m - 1, day, hh, mm) - timeZoneOffsetHours[zone] * 3_600_000;
  const out = new Date(ms);
  // 2026-02-30 passes the pattern: refuse a day the calendar does not have.
  if (
    out.getUTCFullYear() < 1900 ||
    Number.isNaN(ms) ||
    new Date(Date.UTC(y, m - 1, day)).getUTCDate() !== day
  )
    throw invalid({ id: 'Tanggal tidak ada di kalender.', en: 'That date does not exist.' });
  return out;
}

/** The start of today in the region's zone, as an instant. */
export function startOfLocalDay(now: Date, zone: TimeZoneName): Date {
  const offset = timeZoneOffsetHours[zone] * 3_600_000;
  const local = new Date(now.getTime() + offset);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - offset);
}
