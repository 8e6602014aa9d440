import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { WallMapItem } from '../../../shared/live';
import {
  type CitizenIncidentView,
  closedIncidentStatuses,
  type IncidentListItem,
  type IncidentView,
  incidentStatusLabels,
} from '../../../shared/modules/darurat';
import type { Tx } from '../../core/db/client';
import { notFound } from '../../core/errors';
import {
  daruratAgency,
  daruratAssignment,
  daruratCall,
  daruratIncident,
  daruratNote,
  daruratType,
  daruratUnit,
} from './schema';

export type IncidentRow = typeof daruratIncident.$inferSelect;
type TypeRow = typeof daruratType.$inferSelect;

export const incidentNotFound = () =>
  notFound({ id: 'Kejadian tidak ditemukan.', en: 'Incident not found.' });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const timesOf = (i: IncidentRow) => ({
  callReceivedAt: i.callReceivedAt.toISOString(),
  createdAt: i.createdAt.toISOString(),
  dispatchedAt: iso(i.dispatchedAt),
  enRouteAt: iso(i.enRouteAt),
  onSceneAt: iso(i.onSceneAt),
  closedAt: iso(i.closedAt),
});

export function toListItem(i: IncidentRow, t: TypeRow): IncidentListItem {
  return {
    id: i.id,
    number: i.number,
    status: i.status,
    priority: i.priority,
    type: { code: t.code, name: t.name, nameEn: t.nameEn, unitKinds: t.unitKinds, police: t.police },
    lat: i.lat,
    lng: i.lng,
    locationKnown: i.lat !== null,
    address: i.address,
    kecamatan: i.kecamatan,
    source: i.source,
    times: timesOf(i),
  };
}

/** The incident and its type, or 404. `forUpdate` locks the row (status changes). */
export async function findIncident(tx: Tx, id: string, forUpdate = false) {
  const q = tx
    .select({ i: daruratIncident, t: daruratType })
    .from(daruratIncident)
    .innerJoin(
      daruratType,
      and(eq(daruratType.regionId, daruratIncident.regionId), eq(daruratType.id, daruratIncident.typeId)),
    )
    .where(eq(daruratIncident.id, id));
  const [row] = forUpdate ? await q.for('update', { of: daruratIncident }) : await q;
  if (!row) throw incidentNotFound();
  return row;
}

export async function assignmentsOf(tx: Tx, incidentIds: string[]) {
  if (incidentIds.length === 0) return [];
  return tx
    .select({
      incidentId: daruratAssignment.incidentId,
      unitId: daruratAssignment.unitId,
      callSign: daruratUnit.callSign,
      kind: daruratUnit.kind,
      agencyName: daruratAgency.name,
      assignedAt: daruratAssignment.assignedAt,
      enRouteAt: daruratAssignment.enRouteAt,
      onSceneAt: daruratAssignment.onSceneAt,
      clearedAt: daruratAssignment.clearedAt,
      releasedAt: daruratAssignment.releasedAt,
    })
    .from(daruratAssignment)
    .innerJoin(
      daruratUnit,
      and(eq(daruratUnit.regionId, daruratAssignment.regionId), eq(daruratUnit.id, daruratAssignment.unitId)),
    )
    .innerJoin(
      daruratAgency,
      and(eq(daruratAgency.regionId, daruratUnit.regionId), eq(daruratAgency.id, daruratUnit.agencyId)),
    )
    .where(inArray(daruratAssignment.incidentId, incidentIds))
    .orderBy(asc(daruratAssignment.assignedAt));
}

const assignmentView = (a: Awaited<ReturnType<typeof assignmentsOf>>[number]) => ({
  unitId: a.unitId,
  callSign: a.callSign,
  kind: a.kind,
  agencyName: a.agencyName,
  assignedAt: a.assignedAt.toISOString(),
  enRouteAt: iso(a.enRouteAt),
  onSceneAt: iso(a.onSceneAt),
  clearedAt: iso(a.clearedAt),
  releasedAt: iso(a.releasedAt),
});

const photoUrl = (basePath: string, id: string | null) => (id ? `${basePath}/api/files/${id}` : null);

/** The staff view. `withCaller`: the caller's number and name (call-takers and dispatchers only). */
export async function incidentDetail(
  tx: Tx,
  id: string,
  opts: { withCaller: boolean; basePath: string },
): Promise<IncidentView> {
  const { i, t } = await findIncident(tx, id);
  const calls = await tx
    .select()
    .from(daruratCall)
    .where(eq(daruratCall.incidentId, id))
    .orderBy(asc(daruratCall.receivedAt));
  const units = await assignmentsOf(tx, [id]);
  const notes = await tx
    .select()
    .from(daruratNote)
    .where(eq(daruratNote.incidentId, id))
    .orderBy(asc(daruratNote.at));
  return {
    ...toListItem(i, t),
    description: i.description,
    kelurahan: i.kelurahan,
    victims: i.victims,
    disposition: (i.disposition as IncidentView['disposition']) ?? null,
    mergedIntoId: i.mergedIntoId,
    calls: calls.map((c) => ({
      id: c.id,
      classification: c.classification,
      source: c.source,
      receivedAt: c.receivedAt.toISOString(),
      callerPhone: opts.withCaller ? c.callerPhone : null,
      callerName: opts.withCaller ? c.callerName : null,
    })),
    units: units.map(assignmentView),
    notes: notes.map((n) => ({
      at: n.at.toISOString(),
      author: n.authorKind,
      text: n.text,
      photoUrl: photoUrl(opts.basePath, n.photoId),
    })),
  };
}

/** The citizen's own incident: status, units and their own notes, nothing about other callers. */
export async function citizenDetail(
  tx: Tx,
  i: IncidentRow,
  t: TypeRow,
  basePath: string,
  /** Just created: no units, no notes yet (two queries less on the panic path). */
  fresh = false,
): Promise<CitizenIncidentView> {
  const units = fresh ? [] : await assignmentsOf(tx, [i.id]);
  const notes = fresh
    ? []
    : await tx
        .select()
        .from(daruratNote)
        .where(and(eq(daruratNote.incidentId, i.id), eq(daruratNote.authorKind, 'warga')))
        .orderBy(asc(daruratNote.at));
  return {
    id: i.id,
    number: i.number,
    status: i.status,
    type: { code: t.code, name: t.name, nameEn: t.nameEn },
    lat: i.lat,
    lng: i.lng,
    locationKnown: i.lat !== null,
    times: timesOf(i),
    units: units
      .filter((u) => !u.releasedAt)
      .map((u) => ({
        callSign: u.callSign,
        kind: u.kind,
        assignedAt: u.assignedAt.toISOString(),
        enRouteAt: iso(u.enRouteAt),
        onSceneAt: iso(u.onSceneAt),
      })),
    notes: notes.map((n) => ({
      at: n.at.toISOString(),
      text: n.text,
      photoUrl: photoUrl(basePath, n.photoId),
    })),
  };
}

/** Newest first; open ones only unless `all`. */
export async function listIncidents(tx: Tx, opts: { open: boolean; police?: boolean; limit: number }) {
  const where = [];
  if (opts.open)
    where.push(inArray(daruratIncident.status, ['baru', 'ditugaskan', 'dalam_perjalanan', 'di_lokasi']));
  if (opts.police) where.push(eq(daruratIncident.police, true));
  const rows = await tx
    .select({ i: daruratIncident, t: daruratType })
    .from(daruratIncident)
    .innerJoin(
      daruratType,
      and(eq(daruratType.regionId, daruratIncident.regionId), eq(daruratType.id, daruratIncident.typeId)),
    )
    .where(and(...where))
    .orderBy(desc(daruratIncident.createdAt))
    .limit(opts.limit);
  return rows.map((r) => toListItem(r.i, r.t));
}

/**
 * The incident as a LIVE Room wall map point: type, state and place, never the caller. Null while
 * the location is unavailable (nothing to put on a map yet).
 */
export function wallItem(i: IncidentRow, t: TypeRow): WallMapItem | null {
  if (i.lat === null || i.lng === null) return null;
  return {
    key: `darurat:${i.id}`,
    module: 'darurat',
    kind: 'darurat.incident',
    label: { id: `112 ${t.name} (${i.priority})`, en: `112 ${t.nameEn} (${i.priority})` },
    state: i.status,
    tone: i.priority === 'P1' || i.status === 'baru' ? 'danger' : i.status === 'di_lokasi' ? 'info' : 'warn',
    lat: i.lat,
    lng: i.lng,
    at: i.updatedAt.toISOString(),
  };
}

export const isClosed = (i: IncidentRow) => closedIncidentStatuses.includes(i.status);
export const statusLabel = (i: IncidentRow) => incidentStatusLabels[i.status];
