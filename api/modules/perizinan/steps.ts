import { and, eq, inArray } from 'drizzle-orm';
import type { ReviewStep } from '../../../shared/modules/perizinan';
import type { Tx } from '../../core/db/client';
import { appUser, opd } from '../../core/db/schema';
import { notFound } from '../../core/errors';
import { izinStaff } from './schema';

/**
 * Who does each review step: staff assigned to a step for an OPD (izin_staff). The role gives a
 * staff member the console (`perizinan:process`); the assignment decides which step's buttons
 * work, so a front-office clerk cannot sign and a signer cannot confirm a payment.
 */
export async function assignmentsOf(tx: Tx, userId: string) {
  return tx
    .select({ step: izinStaff.step, opdId: izinStaff.opdId })
    .from(izinStaff)
    .where(eq(izinStaff.userId, userId));
}

export async function isAssigned(tx: Tx, userId: string, step: ReviewStep, opdId: string | null) {
  if (!opdId) return false;
  const [row] = await tx
    .select({ userId: izinStaff.userId })
    .from(izinStaff)
    .where(and(eq(izinStaff.userId, userId), eq(izinStaff.step, step), eq(izinStaff.opdId, opdId)));
  return Boolean(row);
}

/** Everyone assigned to a step for an OPD (to notify them). */
export async function assignees(tx: Tx, step: ReviewStep, opdId: string) {
  const rows = await tx
    .select({ userId: izinStaff.userId })
    .from(izinStaff)
    .where(and(eq(izinStaff.step, step), eq(izinStaff.opdId, opdId)));
  return rows.map((r) => r.userId);
}

export async function listAssignments(tx: Tx) {
  return tx
    .select({ userId: izinStaff.userId, step: izinStaff.step, opdCode: opd.code, name: appUser.name })
    .from(izinStaff)
    .innerJoin(opd, and(eq(opd.regionId, izinStaff.regionId), eq(opd.id, izinStaff.opdId)))
    .innerJoin(appUser, and(eq(appUser.regionId, izinStaff.regionId), eq(appUser.id, izinStaff.userId)))
    .orderBy(opd.code, izinStaff.step, appUser.name);
}

async function opdId(tx: Tx, code: string) {
  const [row] = await tx.select({ id: opd.id }).from(opd).where(eq(opd.code, code));
  if (!row) throw notFound({ id: `OPD "${code}" tidak ada.`, en: `No OPD "${code}".` });
  return row.id;
}

export async function assign(
  tx: Tx,
  regionId: string,
  input: { userId: string; step: ReviewStep; opdCode: string },
) {
  const [user] = await tx.select({ id: appUser.id }).from(appUser).where(eq(appUser.id, input.userId));
  if (!user) throw notFound({ id: 'Pengguna tidak ditemukan.', en: 'User not found.' });
  await tx
    .insert(izinStaff)
    .values({ regionId, userId: input.userId, step: input.step, opdId: await opdId(tx, input.opdCode) })
    .onConflictDoNothing();
}

export async function unassign(tx: Tx, input: { userId: string; step: ReviewStep; opdCode: string }) {
  const id = await opdId(tx, input.opdCode);
  await tx
    .delete(izinStaff)
    .where(and(eq(izinStaff.userId, input.userId), eq(izinStaff.step, input.step), eq(izinStaff.opdId, id)));
}

/** OPD ids of several codes (for the demo and tests). */
export async function opdIdsByCode(tx: Tx, codes: string[]) {
  const rows = await tx.select({ id: opd.id, code: opd.code }).from(opd).where(inArray(opd.code, codes));
  return new Map(rows.map((r) => [r.code, r.id]));
}
