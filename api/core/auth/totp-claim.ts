import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { appUser } from '../db/schema';

/**
 * Records `step` as the account's last used TOTP step, only if it is newer than the stored one,
 * in ONE conditional UPDATE. Returns false when another request claimed this step (or a later
 * one) first. Checking `totpLastStep` in memory and writing it afterwards is not enough: parallel
 * sign-ins all read the old value and all accept the same code. The database row decides.
 */
export async function claimTotpStep(tx: Tx, userId: string, step: number): Promise<boolean> {
  const rows = await tx
    .update(appUser)
    .set({ totpLastStep: step })
    .where(and(eq(appUser.id, userId), or(isNull(appUser.totpLastStep), lt(appUser.totpLastStep, step))))
    .returning({ id: appUser.id });
  return rows.length === 1;
}
