import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { appUser, verificationCode } from '../db/schema';
import { AppError, conflict } from '../errors';
import type { Delivery } from './types';
import { CODE_RESEND_INTERVAL_MS, deliveryTarget, issueVerificationCode } from './verification-code';

/** A new verification code, at most one a minute per account (each SMS costs the region money). */
export async function resendVerificationCode(tx: Tx, regionId: string, userId: string): Promise<Delivery> {
  // Locking the account row serialises concurrent resends, so two quick taps cannot both pass.
  const [user] = await tx
    .select({ phone: appUser.phone, email: appUser.email, verifiedAt: appUser.verifiedAt })
    .from(appUser)
    .where(eq(appUser.id, userId))
    .for('update');
  if (!user) throw new AppError('SESSION_EXPIRED');
  if (user.verifiedAt)
    throw conflict({ id: 'Akun sudah terverifikasi.', en: 'The account is already verified.' });
  const target = deliveryTarget(user);
  if (!target)
    throw conflict({
      id: 'Akun tidak memiliki nomor telepon atau e-mail.',
      en: 'The account has no phone number or e-mail.',
    });

  const [last] = await tx
    .select({ createdAt: verificationCode.createdAt })
    .from(verificationCode)
    .where(and(eq(verificationCode.userId, userId), eq(verificationCode.purpose, 'verify')))
    .orderBy(desc(verificationCode.createdAt))
    .limit(1);
  const waitMs = last ? last.createdAt.getTime() + CODE_RESEND_INTERVAL_MS - Date.now() : 0;
  if (waitMs > 0)
    throw new AppError('RATE_LIMITED', {
      messages: {
        id: 'Kode baru baru saja dikirim. Tunggu sebentar sebelum meminta lagi.',
        en: 'A new code was just sent. Wait a moment before asking again.',
      },
      details: { retryAfterSeconds: Math.ceil(waitMs / 1000) },
    });

  const code = await issueVerificationCode(tx, regionId, userId, target.channel);
  return { ...target, code };
}
