import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { laksaSettings } from '../../../../shared/modules/laksa';
import type { Tx } from '../../../core/db/client';
import { regionModule } from '../../../core/db/schema';
import { notFound } from '../../../core/errors';
import { calendarFor } from '../calendars';
import { findReport, type ReportRow } from '../views';

/**
 * The region's settings and working-day calendar, read through the request's own transaction
 * (never through the directory's cache, whose cold path would open a second transaction: a
 * self-deadlock on PGlite).
 */
export async function regionEnv(req: FastifyRequest, tx: Tx) {
  const [row] = await tx
    .select({ settings: regionModule.settings })
    .from(regionModule)
    .where(eq(regionModule.moduleId, 'laksa'));
  const parsed = laksaSettings.safeParse(row?.settings ?? {});
  const settings = parsed.success ? parsed.data : laksaSettings.parse({});
  const calendar = await calendarFor(tx, req.region);
  return { regionId: req.region.id, regionCode: req.region.code, settings, calendar };
}

export const reportNotFound = () => notFound({ id: 'Laporan tidak ditemukan.', en: 'Report not found.' });

export async function mustFind(tx: Tx, by: { id: string } | { ticket: string }): Promise<ReportRow> {
  const r = await findReport(tx, by);
  if (!r) throw reportNotFound();
  return r;
}

/** Postgres unique violation on a given constraint (drizzle wraps driver errors in `cause`). */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (
    let e = err as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as never
  ) {
    if (e.code === '23505' && (e.constraint === constraint || e.message?.includes(constraint))) return true;
  }
  return false;
}
