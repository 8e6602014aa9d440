import { and, eq, isNull } from 'drizzle-orm';
import type { WallMapChange } from '../../../shared/live';
import type { Tx } from '../../core/db/client';
import { emitEvent } from '../../core/events/emit';
import type { Label } from '../../core/modules/types';
import { daruratAssignment, type daruratType } from './schema';
import { type IncidentRow, isClosed, wallItem } from './views';

export const DARURAT_EVENT_TYPES = [
  'darurat.incident.created',
  'darurat.incident.dispatched',
  'darurat.incident.progressed',
  'darurat.incident.updated',
  'darurat.incident.closed',
  'darurat.incident.merged',
  'darurat.incident.noted',
  'darurat.unit.changed',
] as const;
export type DaruratEventType = (typeof DARURAT_EVENT_TYPES)[number];

export type Actor = { id: string; name: string } | null;

/**
 * Every incident event is a wall event (`core:live.watch`): type, priority, state, place and unit
 * ids, never the caller's number or name. The module's own stream (stream.ts) re-filters them per
 * audience: dispatchers all, the police liaison police incidents, a crew its units', a citizen theirs.
 */
export async function emitIncident(
  tx: Tx,
  regionId: string,
  actor: Actor,
  row: { i: IncidentRow; t: typeof daruratType.$inferSelect },
  type: DaruratEventType,
  summary: Label,
  extra: Record<string, unknown> = {},
  /** The incident's active units when the caller knows them (a new incident has none): one query less. */
  knownActive?: string[],
) {
  const { i, t } = row;
  const active = knownActive
    ? knownActive.map((unitId) => ({ unitId }))
    : await tx
        .select({ unitId: daruratAssignment.unitId })
        .from(daruratAssignment)
        .where(
          and(
            eq(daruratAssignment.incidentId, i.id),
            isNull(daruratAssignment.clearedAt),
            isNull(daruratAssignment.releasedAt),
          ),
        );
  const item = isClosed(i) ? null : wallItem(i, t);
  const wall: WallMapChange = item ? { upsert: item } : { remove: `darurat:${i.id}` };
  const unitIds = [...new Set([...active.map((a) => a.unitId), ...((extra.unitIds as string[]) ?? [])])];
  return emitEvent(tx, regionId, {
    type,
    permission: 'core:live.watch',
    actor,
    subject: i.id,
    summary,
    data: {
      ...extra,
      number: i.number,
      status: i.status,
      priority: i.priority,
      typeCode: t.code,
      police: i.police,
      kecamatan: i.kecamatan,
      unitIds,
      wall,
    },
  });
}

export const where = (i: IncidentRow) => (i.kecamatan ? ` di ${i.kecamatan}` : '');
export const whereEn = (i: IncidentRow) => (i.kecamatan ? ` in ${i.kecamatan}` : '');
