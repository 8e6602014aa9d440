import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { appUser } from '../db/schema';
import { AppError, conflict, invalid } from '../errors';
import { emitEvent } from '../events/emit';
import { acceptTotp } from './totp';
import { claimTotpStep } from './totp-claim';

export const wrongTotpCode = () =>
  invalid({ id: 'Kode dari aplikasi autentikator salah.', en: 'The authenticator app code is wrong.' }, [
    { path: 'body.code', message: 'wrong' },
  ]);

/** Puts two-factor sign-in in force once the user proves the authenticator app has the secret. */
export async function enableTotp(
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
  if (user.totpEnabledAt)
    throw conflict({
      id: 'Verifikasi dua langkah sudah aktif.',
      en: 'Two-factor verification is already on.',
    });
  if (!user.totpSecret)
    throw invalid({
      id: 'Mulai pemasangan verifikasi dua langkah terlebih dahulu.',
      en: 'Start the two-factor set-up first.',
    });
  const step = acceptTotp(user.totpSecret, code, user.totpLastStep);
  if (step === null || !(await claimTotpStep(tx, actor.id, step))) throw wrongTotpCode();
  await tx.update(appUser).set({ totpEnabledAt: new Date() }).where(eq(appUser.id, actor.id));
  await emitEvent(tx, regionId, {
    type: 'core.user.totp-enabled',
    actor,
    subject: actor.id,
    summary: {
      id: `Verifikasi dua langkah diaktifkan: ${actor.name}`,
      en: `Two-factor verification turned on: ${actor.name}`,
    },
  });
}
