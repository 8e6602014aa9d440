import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { appUser } from '../db/schema';
import { AppError, conflict } from '../errors';
import { emitEvent } from '../events/emit';
import { acceptTotp } from './totp';
import { claimTotpStep } from './totp-claim';
import { wrongTotpCode } from './totp-enable';

/** Turns two-factor sign-in off; a current code is required so a borrowed session cannot do it. */
export async function disableTotp(
  tx: Tx,
  regionId: string,
  actor: { id: string; name: string },
  code: string,
) {
  const [user] = await tx
    .select({
      totpSecret: appUser.totpSecret,
      totpEnabledAt: appUser.totpEnabledAt,
      totpLastStep: appUser.totpLastStep,
    })
    .from(appUser)
    .where(eq(appUser.id, actor.id))
    .for('update');
  if (!user) throw new AppError('SESSION_EXPIRED');
  if (!user.totpEnabledAt || !user.totpSecret)
    throw conflict({ id: 'Verifikasi dua langkah belum aktif.', en: 'Two-factor verification is not on.' });
  const step = acceptTotp(user.totpSecret, code, user.totpLastStep);
  if (step === null || !(await claimTotpStep(tx, actor.id, step))) throw wrongTotpCode();
  await tx
    .update(appUser)
    .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(appUser.id, actor.id));
  await emitEvent(tx, regionId, {
    type: 'core.user.totp-disabled',
    actor,
    subject: actor.id,
    summary: {
      id: `Verifikasi dua langkah dinonaktifkan: ${actor.name}`,
      en: `Two-factor verification turned off: ${actor.name}`,
    },
  });
}
