import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Tx } from '../../core/db/client';
import { forbidden } from '../../core/errors';
import { laksaCategory, laksaReportOpd } from './schema';
import type { ReportRow } from './views';
import type { Capacity } from './workflow';

/** What the signed-in staff member may do in LAKSA, from their permissions and OPD memberships. */
export type StaffAccess = {
  userId: string;
  readAll: boolean;
  verify: boolean;
  handle: boolean;
  police: boolean;
  moderate: boolean;
  /** The OPD this user works for (officer/admin roles carry an OPD). */
  opdIds: string[];
};

export function staffAccess(req: FastifyRequest): StaffAccess {
  const p = req.permissions;
  return {
    userId: req.user?.userId ?? '',
    readAll: p.has('laksa:read'),
    verify: p.has('laksa:verify'),
    handle: p.has('laksa:handle'),
    police: p.has('laksa:police'),
    moderate: p.has('laksa:moderate'),
    opdIds: [...new Set((req.user?.roles ?? []).flatMap((r) => (r.opdId ? [r.opdId] : [])))],
  };
}

export const isStaff = (a: StaffAccess) => a.readAll || a.verify || a.handle || a.police;

/** Whether this staff member may open the report, and in which capacities they act on it. */
export async function staffRelation(tx: Tx, a: StaffAccess, r: ReportRow) {
  const assigned =
    a.handle && a.opdIds.length > 0
      ? await tx
          .select({ opdId: laksaReportOpd.opdId, active: laksaReportOpd.active })
          .from(laksaReportOpd)
          .where(and(eq(laksaReportOpd.reportId, r.id), inArray(laksaReportOpd.opdId, a.opdIds)))
      : [];
  const policeCase =
    a.police && r.status !== 'menunggu_verifikasi'
      ? (
          await tx
            .select({ k: laksaCategory.kamtibmas })
            .from(laksaCategory)
            .where(eq(laksaCategory.id, r.categoryId))
        )[0]?.k === true
      : false;
  const capacities = new Set<Capacity>();
  if (a.verify) capacities.add('operator');
  if (assigned.some((x) => x.active)) capacities.add('opd');
  const canSee = a.readAll || a.verify || assigned.length > 0 || policeCase;
  return { canSee, capacities, policeCase, canReply: capacities.size > 0 || policeCase };
}

/** Staff must hold one of LAKSA's staff permissions; the inbox narrows further by role. */
export function requireStaff(req: FastifyRequest): StaffAccess {
  const a = staffAccess(req);
  if (!isStaff(a)) throw forbidden();
  return a;
}
