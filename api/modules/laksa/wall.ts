import { and, desc, eq, notInArray, sql } from 'drizzle-orm';
import type { WallMapChange, WallMapItem } from '../../../shared/live';
import { closedStatuses, type ReportStatus } from '../../../shared/modules/laksa';
import type { RegionContext } from '../../core/modules/types';
import { overdueSql } from './inbox';
import { laksaCategory, laksaReport as r } from './schema';

type Facts = {
  id: string;
  ticket: string;
  status: ReportStatus;
  lat: number;
  lng: number;
  confidential: boolean;
  overdue: boolean;
  overdueLevel: number;
  category: { name: string; nameEn: string } | null;
  at: Date;
};

/** Marker colour: escalated = danger, waiting or past SLA = warn, being handled = info. */
function tone(f: Pick<Facts, 'status' | 'overdue' | 'overdueLevel'>): WallMapItem['tone'] {
  if (f.overdueLevel >= 2) return 'danger';
  if (f.overdue || f.overdueLevel > 0 || f.status === 'menunggu_verifikasi') return 'warn';
  return 'info';
}

export const wallKey = (reportId: string) => `laksa:${reportId}`;

/** A report as a wall marker: ticket, category and state only (never the reporter or the text). */
export function toWallItem(f: Facts): WallMapItem {
  const cat = f.category;
  return {
    key: wallKey(f.id),
    module: 'laksa',
    kind: 'laksa.report',
    label: {
      id: cat ? `${f.ticket} · ${cat.name}` : f.ticket,
      en: cat ? `${f.ticket} · ${cat.nameEn}` : f.ticket,
    },
    state: f.status,
    tone: tone(f),
    lat: f.lat,
    lng: f.lng,
    at: f.at.toISOString(),
  };
}

/**
 * What an event's `data.wall` says about a report after a change: rahasia reports and closed ones
 * are removed (a rahasia report is never on the map at all), open ones upserted.
 */
export function wallChange(f: Facts): WallMapChange {
  if (f.confidential || closedStatuses.includes(f.status)) return { remove: wallKey(f.id) };
  return { upsert: toWallItem(f) };
}

/** The manifest's `wall.mapItems`: open, non-rahasia reports, most recently changed first. */
export async function laksaMapItems({
  tx,
  limit,
}: RegionContext & { limit: number }): Promise<WallMapItem[]> {
  const rows = await tx
    .select({
      id: r.id,
      ticket: r.ticket,
      status: r.status,
      lat: r.lat,
      lng: r.lng,
      overdueLevel: r.overdueLevel,
      overdue: sql<boolean>`${overdueSql}`,
      at: r.updatedAt,
      name: laksaCategory.name,
      nameEn: laksaCategory.nameEn,
    })
    .from(r)
    .innerJoin(laksaCategory, and(eq(laksaCategory.regionId, r.regionId), eq(laksaCategory.id, r.categoryId)))
    // The same predicate as the partial index laksa_report_open_idx, so only open reports are read.
    .where(and(notInArray(r.status, [...closedStatuses]), eq(r.confidential, false)))
    .orderBy(desc(r.updatedAt))
    .limit(limit);
  return rows.map((x) =>
    toWallItem({
      ...x,
      confidential: false,
      category: { name: x.name, nameEn: x.nameEn },
    }),
  );
}
