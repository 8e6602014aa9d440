import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type closeInput,
  type IncidentAction,
  type IncidentStatus,
  incidentStatusLabels,
  incidentTransitions,
  type UnitAction,
  type UnitStatus,
  unitStatusLabels,
  unitTransitions,
} from '../../../shared/modules/darurat';
import type { Tx } from '../../core/db/client';
import { AppError, conflict } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { notify } from '../../core/notifications/notify';
import { type Actor, emitIncident, where, whereEn } from './events';
import { haversineM } from './geo';
import {
  daruratAgency,
  daruratAssignment,
  daruratCall,
  daruratIncident,
  daruratLog,
  daruratNote,
  daruratUnit,
} from './schema';
import { findIncident, type IncidentRow, isClosed } from './views';

const unitNotFound = (ids: string[]) =>
  new AppError('NOT_FOUND', {
    messages: { id: 'Unit tidak ditemukan.', en: 'Unit not found.' },
    details: { unitIds: ids },
  });

export const illegalIncident = (action: IncidentAction, current: IncidentStatus) =>
  conflict(
    {
      id: `Tidak dapat ${action} kejadian berstatus "${incidentStatusLabels[current].id}".`,
      en: `Cannot ${action} an incident that is "${incidentStatusLabels[current].en}".`,
    },
    { current, allowedFrom: incidentTransitions[action].from },
  );

export const illegalUnit = (action: UnitAction, current: UnitStatus) =>
  conflict(
    {
      id: `Unit berstatus "${unitStatusLabels[current].id}" tidak dapat "${unitTransitions[action].label.id}".`,
      en: `A unit that is "${unitStatusLabels[current].en}" cannot go "${unitTransitions[action].label.en}".`,
    },
    { current, allowedFrom: unitTransitions[action].from },
  );

/**
 * Moves the incident along its lifecycle if `action` is legal from its current state, with a
 * conditional UPDATE (two writers cannot both move it). `onlyIfAhead`: unit-driven stages that
 * later units reach again (the second ambulance arriving) leave the incident as it is.
 */
async function advanceIncident(
  tx: Tx,
  i: IncidentRow,
  action: IncidentAction,
  set: Partial<typeof daruratIncident.$inferInsert> = {},
  onlyIfAhead = false,
): Promise<IncidentRow | null> {
  const t = incidentTransitions[action];
  if (!t.from.includes(i.status)) {
    if (onlyIfAhead && !isClosed(i)) return null;
    throw illegalIncident(action, i.status);
  }
  const now = new Date();
  const [row] = await tx
    .update(daruratIncident)
    .set({ ...set, status: t.to, ...(t.stamp ? { [t.stamp]: now } : {}), updatedAt: now })
    .where(and(eq(daruratIncident.id, i.id), inArray(daruratIncident.status, [...t.from])))
    .returning();
  if (!row) {
    const current = (await findIncident(tx, i.id)).i.status;
    throw illegalIncident(action, current);
  }
  await tx.insert(daruratLog).values({
    regionId: i.regionId,
    incidentId: i.id,
    action,
    fromStatus: i.status,
    toStatus: t.to,
    note: set.closeNote ?? null,
    at: now,
  });
  return row;
}

/**
 * Assigns available units to an incident, all or none. Each unit is taken with a conditional
 * UPDATE … WHERE status = 'tersedia': of two dispatchers sending the same unit at once, the
 * second waits on the row lock, finds it no longer available and gets 409 (its whole dispatch
 * rolls back). The partial unique index on active assignments is the second line of defence.
 */
export async function dispatchUnits(
  tx: Tx,
  regionId: string,
  actor: Actor,
  incidentId: string,
  unitIds: string[],
) {
  const ids = [...new Set(unitIds)];
  const row = await findIncident(tx, incidentId, true);
  if (isClosed(row.i)) throw illegalIncident('dispatch', row.i.status);
  const known = await tx
    .select({ id: daruratUnit.id, status: daruratUnit.status, callSign: daruratUnit.callSign })
    .from(daruratUnit)
    .where(inArray(daruratUnit.id, ids));
  const missing = ids.filter((id) => !known.some((u) => u.id === id));
  if (missing.length > 0) throw unitNotFound(missing);
  const now = new Date();
  const taken = await tx
    .update(daruratUnit)
    .set({ status: 'ditugaskan', statusAt: now, incidentId })
    .where(and(inArray(daruratUnit.id, ids), eq(daruratUnit.status, 'tersedia')))
    .returning({ id: daruratUnit.id, callSign: daruratUnit.callSign });
  if (taken.length < ids.length) {
    const busy = await tx
      .select({ unitId: daruratUnit.id, callSign: daruratUnit.callSign, status: daruratUnit.status })
      .from(daruratUnit)
      .where(
        inArray(
          daruratUnit.id,
          ids.filter((id) => !taken.some((t) => t.id === id)),
        ),
      );
    throw conflict(
      {
        id: `Unit tidak tersedia: ${busy.map((b) => `${b.callSign} (${unitStatusLabels[b.status].id})`).join(', ')}.`,
        en: `Unit not available: ${busy.map((b) => `${b.callSign} (${unitStatusLabels[b.status].en})`).join(', ')}.`,
      },
      { busy },
    );
  }
  await tx
    .insert(daruratAssignment)
    .values(
      ids.map((unitId) => ({ regionId, incidentId, unitId, assignedBy: actor?.id ?? null, assignedAt: now })),
    );
  await tx.insert(daruratLog).values(
    ids.map((unitId) => ({
      regionId,
      incidentId,
      unitId,
      action: 'assign',
      fromStatus: 'tersedia',
      toStatus: 'ditugaskan',
      actorId: actor?.id ?? null,
      at: now,
    })),
  );
  const moved = await advanceIncident(tx, row.i, 'dispatch', {}, true);
  const i = moved ?? row.i;
  const names = taken.map((t) => t.callSign).join(', ');
  await emitIncident(
    tx,
    regionId,
    actor,
    { i, t: row.t },
    'darurat.incident.dispatched',
    {
      id: `112 ${row.t.name}${where(i)}: ${names} ditugaskan`,
      en: `112 ${row.t.nameEn}${whereEn(i)}: ${names} dispatched`,
    },
    { unitIds: ids },
  );
  return findIncident(tx, incidentId);
}

/**
 * A unit's crew (or a dispatcher) advances its status. Arriving or setting off moves the incident
 * too (the first unit does); clearing the scene ends the assignment. Every step is timestamped.
 */
export async function unitAction(
  tx: Tx,
  regionId: string,
  actor: Actor,
  unitId: string,
  action: UnitAction,
  position?: { lat?: number; lng?: number },
) {
  const [unit] = await tx.select().from(daruratUnit).where(eq(daruratUnit.id, unitId)).for('update');
  if (!unit) throw unitNotFound([unitId]);
  const t = unitTransitions[action];
  if (!t.from.includes(unit.status)) throw illegalUnit(action, unit.status);
  const now = new Date();
  const incidentId = t.to === 'tersedia' || t.to === 'tidak_aktif' ? null : unit.incidentId;
  const [updated] = await tx
    .update(daruratUnit)
    .set({
      status: t.to,
      statusAt: now,
      incidentId,
      ...(position?.lat !== undefined && position.lng !== undefined
        ? { lat: position.lat, lng: position.lng }
        : {}),
    })
    .where(eq(daruratUnit.id, unitId))
    .returning();
  await tx.insert(daruratLog).values({
    regionId,
    unitId,
    incidentId: unit.incidentId,
    action,
    fromStatus: unit.status,
    toStatus: t.to,
    actorId: actor?.id ?? null,
    at: now,
  });
  if (unit.incidentId && (action === 'berangkat' || action === 'tiba' || action === 'kembali')) {
    const stamp =
      action === 'berangkat'
        ? { enRouteAt: now }
        : action === 'tiba'
          ? { onSceneAt: now }
          : { clearedAt: now };
    const active = and(
      eq(daruratAssignment.unitId, unitId),
      eq(daruratAssignment.incidentId, unit.incidentId),
      isNull(daruratAssignment.clearedAt),
      isNull(daruratAssignment.releasedAt),
    );
    // `tiba` straight from `ditugaskan` also stamps the trip's start.
    await tx
      .update(daruratAssignment)
      .set(
        action === 'tiba'
          ? { onSceneAt: now, enRouteAt: sql`coalesce(${daruratAssignment.enRouteAt}, ${now})` }
          : stamp,
      )
      .where(active);
    const row = await findIncident(tx, unit.incidentId, true);
    let i = row.i;
    if (action === 'berangkat') i = (await advanceIncident(tx, i, 'en_route', {}, true)) ?? i;
    if (action === 'tiba')
      i = (await advanceIncident(tx, i, 'on_scene', i.enRouteAt ? {} : { enRouteAt: now }, true)) ?? i;
    if (i.reporterId && action !== 'kembali') await tellReporter(tx, regionId, i, unit.callSign, action);
    await emitIncident(
      tx,
      regionId,
      actor,
      { i, t: row.t },
      'darurat.incident.progressed',
      {
        id: `112 ${row.t.name}${where(i)}: ${unit.callSign} ${unitStatusLabels[t.to].id.toLowerCase()}`,
        en: `112 ${row.t.nameEn}${whereEn(i)}: ${unit.callSign} ${unitStatusLabels[t.to].en.toLowerCase()}`,
      },
      { unitIds: [unitId], unitStatus: t.to },
    );
  } else {
    await emitEvent(tx, regionId, {
      type: 'darurat.unit.changed',
      permission: 'core:live.watch',
      actor,
      subject: unitId,
      summary: {
        id: `Unit ${unit.callSign}: ${unitStatusLabels[t.to].id}`,
        en: `Unit ${unit.callSign}: ${unitStatusLabels[t.to].en}`,
      },
      data: { unitIds: [unitId], unitStatus: t.to },
    });
  }
  return updated!;
}

/**
 * Completes (from on scene) or cancels an incident with a disposition. Units still on it are let
 * go: those on scene start returning, those not yet there are available again at once.
 */
export async function closeIncident(
  tx: Tx,
  regionId: string,
  actor: Actor,
  incidentId: string,
  input: z.infer<typeof closeInput>,
) {
  const row = await findIncident(tx, incidentId, true);
  const i = (await advanceIncident(tx, row.i, input.action, {
    disposition: input.disposition,
    closeNote: input.note ?? null,
  }))!;
  const now = new Date();
  const active = and(
    eq(daruratAssignment.incidentId, incidentId),
    isNull(daruratAssignment.clearedAt),
    isNull(daruratAssignment.releasedAt),
  );
  const units = await tx
    .select({ id: daruratUnit.id, status: daruratUnit.status })
    .from(daruratUnit)
    // Units already returning (`kembali`) keep their state: their crew reports them available.
    .where(
      and(
        eq(daruratUnit.incidentId, incidentId),
        inArray(daruratUnit.status, ['ditugaskan', 'dalam_perjalanan', 'di_lokasi']),
      ),
    );
  for (const u of units) {
    const to: UnitStatus = u.status === 'di_lokasi' ? 'kembali' : 'tersedia';
    await tx
      .update(daruratUnit)
      .set({ status: to, statusAt: now, incidentId: to === 'tersedia' ? null : incidentId })
      .where(eq(daruratUnit.id, u.id));
    await tx
      .update(daruratAssignment)
      .set(to === 'kembali' ? { clearedAt: now } : { releasedAt: now })
      .where(and(active, eq(daruratAssignment.unitId, u.id)));
    await tx.insert(daruratLog).values({
      regionId,
      unitId: u.id,
      incidentId,
      action: input.action,
      fromStatus: u.status,
      toStatus: to,
      actorId: actor?.id ?? null,
      at: now,
    });
  }
  await emitIncident(
    tx,
    regionId,
    actor,
    { i, t: row.t },
    'darurat.incident.closed',
    {
      id: `112 ${row.t.name}${where(i)}: ${incidentStatusLabels[i.status].id}`,
      en: `112 ${row.t.nameEn}${whereEn(i)}: ${incidentStatusLabels[i.status].en}`,
    },
    { disposition: input.disposition, unitIds: units.map((u) => u.id) },
  );
  return findIncident(tx, incidentId);
}

/**
 * Folds duplicate incidents (several calls about one fire) into `targetId`: their calls move over,
 * the target keeps the earliest call time, the duplicates end as `digabung`. Only incidents no
 * unit was sent to may be folded (a unit's trip belongs to the incident it went to).
 */
export async function mergeIncidents(
  tx: Tx,
  regionId: string,
  actor: Actor,
  targetId: string,
  duplicateIds: string[],
) {
  const target = await findIncident(tx, targetId, true);
  if (isClosed(target.i))
    throw conflict(
      { id: 'Kejadian tujuan sudah ditutup.', en: 'The target incident is closed.' },
      { current: target.i.status },
    );
  let earliest = target.i.callReceivedAt;
  for (const id of new Set(duplicateIds)) {
    if (id === targetId)
      throw conflict({
        id: 'Kejadian tidak dapat digabung ke dirinya sendiri.',
        en: 'An incident cannot merge into itself.',
      });
    const dup = await findIncident(tx, id, true);
    const merged = (await advanceIncident(tx, dup.i, 'merge', { mergedIntoId: targetId }))!;
    if (dup.i.callReceivedAt < earliest) earliest = dup.i.callReceivedAt;
    await tx.update(daruratCall).set({ incidentId: targetId }).where(eq(daruratCall.incidentId, id));
    await tx.update(daruratNote).set({ incidentId: targetId }).where(eq(daruratNote.incidentId, id));
    await emitIncident(
      tx,
      regionId,
      actor,
      { i: merged, t: dup.t },
      'darurat.incident.merged',
      {
        id: `${dup.i.number} digabung ke ${target.i.number}`,
        en: `${dup.i.number} merged into ${target.i.number}`,
      },
      { mergedInto: targetId },
    );
  }
  const [i] = await tx
    .update(daruratIncident)
    .set({ callReceivedAt: earliest, updatedAt: new Date() })
    .where(eq(daruratIncident.id, targetId))
    .returning();
  await emitIncident(
    tx,
    regionId,
    actor,
    { i: i!, t: target.t },
    'darurat.incident.updated',
    { id: `${i!.number}: laporan digabung`, en: `${i!.number}: calls merged` },
    { mergedIds: duplicateIds },
  );
  return findIncident(tx, targetId);
}

/** Available units of the incident type's kinds, nearest first by straight-line distance. */
export async function suggestUnits(tx: Tx, incidentId: string, limit = 5) {
  const { i, t } = await findIncident(tx, incidentId);
  const units = await unitsWithAgency(
    tx,
    and(inArray(daruratUnit.kind, t.unitKinds), eq(daruratUnit.status, 'tersedia')),
  );
  // Location unavailable: the available units of the type's kinds, without distances (call the caller).
  if (i.lat === null || i.lng === null) return units.slice(0, limit);
  const at = { lat: i.lat, lng: i.lng };
  return units
    .map((u) => ({ ...u, distanceM: Math.round(haversineM(at, u)) }))
    .sort((a, b) => a.distanceM - b.distanceM)
    .slice(0, limit);
}

export async function unitsWithAgency(tx: Tx, filter?: ReturnType<typeof and>) {
  const rows = await tx
    .select({ u: daruratUnit, agencyName: daruratAgency.name })
    .from(daruratUnit)
    .innerJoin(
      daruratAgency,
      and(eq(daruratAgency.regionId, daruratUnit.regionId), eq(daruratAgency.id, daruratUnit.agencyId)),
    )
    .where(filter)
    .orderBy(daruratUnit.callSign);
  return rows.map(({ u, agencyName }) => ({
    id: u.id,
    callSign: u.callSign,
    kind: u.kind,
    agencyId: u.agencyId,
    agencyName,
    status: u.status,
    statusAt: u.statusAt.toISOString(),
    lat: u.lat,
    lng: u.lng,
    incidentId: u.incidentId,
  }));
}

/**
 * The caller hears it on the phone, even with the app closed: "unit dalam perjalanan", "unit tiba".
 * Urgent (delivered at once by the push service) and short-lived: a stale "on its way" helps no one.
 */
async function tellReporter(
  tx: Tx,
  regionId: string,
  i: { id: string; reporterId: string | null },
  callSign: string,
  action: 'berangkat' | 'tiba',
) {
  if (!i.reporterId) return;
  await notify(tx, regionId, {
    topic: 'darurat.my-incident',
    title:
      action === 'berangkat'
        ? { id: `Unit ${callSign} dalam perjalanan`, en: `Unit ${callSign} is on its way` }
        : { id: `Unit ${callSign} tiba di lokasi`, en: `Unit ${callSign} has arrived` },
    body: { id: 'Buka untuk melihat status laporan darurat Anda.', en: 'Open to see your emergency report.' },
    url: `/layanan/darurat/kejadian/${i.id}`,
    to: { users: [i.reporterId] },
    urgency: 'high',
    ttlSeconds: 3600,
  });
}
