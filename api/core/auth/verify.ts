import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { appUser, verificationCode } from '../db/schema';
import { AppError, invalid } from '../errors';
import type { RunInRegion } from './types';
import { CODE_MAX_ATTEMPTS, codeMatches } from './verification-code';

const expired = () =>
  invalid(
    {
      id: 'Kode verifikasi sudah kedaluwarsa. Minta kode baru.',
      en: 'The verification code has expired. Request a new one.',
    },
    [{ path: 'body.code', message: 'expired' }],
  );
const wrong = () =>
  invalid({ id: 'Kode verifikasi salah.', en: 'The verification code is wrong.' }, [
    { path: 'body.code', message: 'wrong' },
  ]);
const tooManyAttempts = () =>
  new AppError('RATE_LIMITED', {
    messages: {
      id: 'Terlalu banyak percobaan kode. Minta kode baru.',
      en: 'Too many attempts with this code. Request a new one.',
    },
  });

/**
 * Marks the account verified when `code` is its newest unused code. A wrong code costs one of
 * five attempts; the count is committed before the error is thrown. Verifying an account that is
 * already verified succeeds (a retried request on a flaky connection must not fail).
 */
export async function verifyAccount(run: RunInRegion, userId: string, code: string): Promise<void> {
  const failure = await run(async (tx) => {
    const [user] = await tx
      .select({ verifiedAt: appUser.verifiedAt })
      .from(appUser)
      .where(eq(appUser.id, userId));
    if (user?.verifiedAt) return null;
    const [latest] = await tx
      .select()
      .from(verificationCode)
      .where(
        and(
          eq(verificationCode.userId, userId),
          eq(verificationCode.purpose, 'verify'),
          isNull(verificationCode.usedAt),
        ),
      )
      .orderBy(desc(verificationCode.createdAt))
      .limit(1);
    if (!latest || latest.expiresAt.getTime() <= Date.now()) return expired();
    if (latest.attempts >= CODE_MAX_ATTEMPTS) return tooManyAttempts();
    if (!codeMatches(userId, code, latest.codeHash)) {
      await tx
        .update(verificationCode)
        .set({ attempts: sql`${verificationCode.attempts} + 1` })
        .where(eq(verificationCode.id, latest.id));
      return wrong();
    }
    const now = new Date();
    await tx.update(verificationCode).set({ usedAt: now }).where(eq(verificationCode.id, latest.id));
    await tx.update(appUser).set({ verifiedAt: now }).where(eq(appUser.id, userId));
    return null;
  });
  if (failure) throw failure;
}
