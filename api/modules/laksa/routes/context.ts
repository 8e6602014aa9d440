import type { FastifyRequest } from 'fastify';
import { calendarFor } from '../../../core/calendar/region-calendar';
import type { Tx } from '../../../core/db/client';
import { notFound } from '../../../core/errors';
import { laksaSettingsIn } from '../settings';
import { findReport, type ReportRow } from '../views';

/** The region's settings and working-day calendar, read through the request's own transaction. */
export async function regionEnv(req: FastifyRequest, tx: Tx) {
  const settings = await laksaSettingsIn(tx);
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
