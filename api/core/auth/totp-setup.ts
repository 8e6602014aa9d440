import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { appUser } from '../db/schema';
import { AppError, conflict } from '../errors';
import { newTotpSecret, totpUrl } from './totp';

/**
 * Starts two-factor set-up: stores a new secret (not yet in force) and returns it once, for the
 * authenticator app. It takes effect only when a code from it is confirmed (totp-enable.ts).
 */
export async function setupTotp(
  tx: Tx,
  userId: string,
  issuer: string,
): Promise<{ secret: string; otpauthUrl: string }> {
  const [user] = await tx
    .select({
      name: appUser.name,
      phone: appUser.phone,
      email: appUser.email,
      totpEnabledAt: appUser.totpEnabledAt,
    })
    .from(appUser)
    .where(eq(appUser.id, userId))
    .for('update');
  if (!user) throw new AppError('SESSION_EXPIRED');
  // Replacing the secret of an active set-up would silently turn two-factor off: disable first.
  if (user.totpEnabledAt)
    throw conflict({
      id: 'Verifikasi dua langkah sudah aktif. Nonaktifkan dulu untuk memasang ulang.',
      en: 'Two-factor verification is already on. Turn it off first to set it up again.',
    });
  const secret = newTotpSecret();
  await tx.update(appUser).set({ totpSecret: secret }).where(eq(appUser.id, userId));
  return { secret, otpauthUrl: totpUrl(secret, issuer, user.email ?? user.phone ?? user.name) };
}
