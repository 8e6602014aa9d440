import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Tx } from '../../core/db/client';
import { forbidden } from '../../core/errors';
import { daruratAssignment, daruratUnitMember } from './schema';
import { findIncident, incidentNotFound } from './views';

/** Call-takers, dispatchers and the 112 admin see every incident of the region, with caller details. */
export const seesAll = (req: FastifyRequest) =>
  req.permissions.has('darurat:intake') ||
  req.permissions.has('darurat:dispatch') ||
  req.permissions.has('darurat:manage');

/** The units whose crew the signed-in account is on. */
export async function myUnitIds(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ unitId: daruratUnitMember.unitId })
    .from(daruratUnitMember)
    .where(eq(daruratUnitMember.userId, userId));
  return rows.map((r) => r.unitId);
}

/**
 * Whether this staff member may open the incident, and with the caller's number and name:
 * everyone with intake/dispatch (with caller); a crew incidents one of its units was sent to (with
 * caller: they call back to find the patient); the police liaison police incidents (without).
 * Otherwise 404 (not 403: whether an incident exists is itself not theirs to know).
 */
export async function mayOpenIncident(
  req: FastifyRequest,
  tx: Tx,
  id: string,
): Promise<{ withCaller: boolean }> {
  if (seesAll(req)) return { withCaller: true };
  const { i } = await findIncident(tx, id);
  if (req.permissions.has('darurat:respond') && req.user) {
    const units = await myUnitIds(tx, req.user.userId);
    if (units.length > 0) {
      const [a] = await tx
        .select({ id: daruratAssignment.id })
        .from(daruratAssignment)
        .where(and(eq(daruratAssignment.incidentId, id), inArray(daruratAssignment.unitId, units)))
        .limit(1);
      if (a) return { withCaller: true };
    }
  }
  if (req.permissions.has('darurat:police') && i.police) return { withCaller: false };
  throw incidentNotFound();
}

/** A crew member may move only their own units; dispatchers any. */
export async function mayMoveUnit(req: FastifyRequest, tx: Tx, unitId: string): Promise<void> {
  if (req.permissions.has('darurat:dispatch')) return;
  if (
    req.permissions.has('darurat:respond') &&
    req.user &&
    (await myUnitIds(tx, req.user.userId)).includes(unitId)
  )
    return;
  throw forbidden();
}
