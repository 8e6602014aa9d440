import { and, count, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { appUser, session, verificationCode } from '../db/schema';
import { AppError } from '../errors';
import { emitEvent } from '../events/emit';
import { identifierCondition } from './identifier';
import { hashChosenPassword } from './password-strength';
import { forgetUserSessions } from './sessions';
import { clearAccountFailures, recordSignInFailure, signInRefusal } from './sign-in-throttle';
import type { Delivery, RunInRegion } from './types';
import {
  CODE_MAX_ATTEMPTS,
  CODE_RESEND_INTERVAL_MS,
  codeMatches,
  deliveryTarget,
  issueVerificationCode,
} from './verification-code';

/** Reset codes per account per hour: with 5 attempts each, at most 25 guesses an hour. */
export const RESET_CODES_PER_HOUR = 5;

/**
 * "Lupa kata sandi", step 1: a reset code to the account's verified phone (or e-mail), when the
 * identifier names an active, verified account and it has not had a code in the last minute
 * (nor five in the last hour). Returns the delivery, or null, which the caller must not reveal:
 * the answer is the same whether or not the account exists.
 */
export async function requestPasswordReset(
  run: RunInRegion,
  regionId: string,
  identifier: string,
): Promise<Delivery | null> {
  const where = identifierCondition(identifier);
  if (!where) return null;
  return run(async (tx) => {
    // Locking the account row serialises concurrent requests, so the interval holds.
    const [user] = await tx
      .select({
        id: appUser.id,
        phone: appUser.phone,
        email: appUser.email,
        verifiedAt: appUser.verifiedAt,
        disabledAt: appUser.disabledAt,
      })
      .from(appUser)
      .where(where)
      .for('update');
    // An unverified contact may not be the account holder's: nothing is sent there.
    if (!user?.verifiedAt || user.disabledAt) return null;
    const target = deliveryTarget(user);
    if (!target) return null;
    const now = Date.now();
    const [recent] = await tx
      .select({ n: count(), last: sql<string | Date | null>`max(${verificationCode.createdAt})` })
      .from(verificationCode)
      .where(
        and(
          eq(verificationCode.userId, user.id),
          eq(verificationCode.purpose, 'password-reset'),
          gt(verificationCode.createdAt, new Date(now - 3600_000)),
        ),
      );
    const last = recent?.last ? new Date(recent.last).getTime() : 0;
    if ((recent?.n ?? 0) >= RESET_CODES_PER_HOUR || now - last < CODE_RESEND_INTERVAL_MS) return null;
    const code = await issueVerificationCode(tx, regionId, user.id, target.channel, 'password-reset');
    return { ...target, code };
  });
}

/** One answer for every way a reset can fail before the code is proven: it tells nothing. */
const codeRefused = () =>
  new AppError('VALIDATION_FAILED', {
    messages: {
      id: 'Kode salah, sudah kedaluwarsa, sudah dipakai, atau terlalu sering dicoba. Minta kode baru bila perlu.',
      en: 'The code is wrong, expired, already used or tried too often. Request a new one if needed.',
    },
    details: [{ path: 'body.code', message: 'invalid' }],
  });

/**
 * "Lupa kata sandi", step 2: sets a new password with the newest reset code of the account.
 * Every check of a code spends one of its five attempts in one conditional UPDATE (parallel
 * guesses cannot exceed them); the code is marked used in the same conditional way in the
 * transaction that replaces the password, so it works once. Every session of the account ends.
 */
export async function resetPassword(
  run: RunInRegion,
  region: { id: string; name: string },
  input: { identifier: string; code: string; newPassword: string },
  address: string,
): Promise<void> {
  // Wrong codes count with failed sign-ins of the address (sign-in-throttle.ts): guessing codes
  // across many accounts from one address is stopped like password spraying, in every process.
  const refusal = await run((tx) => signInRefusal(tx, address, null));
  if (refusal) throw refusal;
  const refuse = async () => {
    await run((tx) => recordSignInFailure(tx, region.id, address, null));
    return codeRefused();
  };
  const where = identifierCondition(input.identifier);
  if (!where) throw await refuse();
  const found = await run(async (tx) => {
    const [user] = await tx
      .select({ id: appUser.id, name: appUser.name, phone: appUser.phone, email: appUser.email })
      .from(appUser)
      .where(where);
    if (!user) return null;
    const [latest] = await tx
      .select({ id: verificationCode.id, codeHash: verificationCode.codeHash })
      .from(verificationCode)
      .where(and(eq(verificationCode.userId, user.id), eq(verificationCode.purpose, 'password-reset')))
      .orderBy(desc(verificationCode.createdAt))
      .limit(1);
    if (!latest) return null;
    const [spent] = await tx
      .update(verificationCode)
      .set({ attempts: sql`${verificationCode.attempts} + 1` })
      .where(
        and(
          eq(verificationCode.id, latest.id),
          isNull(verificationCode.usedAt),
          gt(verificationCode.expiresAt, new Date()),
          lt(verificationCode.attempts, CODE_MAX_ATTEMPTS),
        ),
      )
      .returning({ id: verificationCode.id });
    if (!spent || !codeMatches(user.id, input.code, latest.codeHash)) return null;
    return { user, codeId: latest.id };
  });
  if (!found) throw await refuse();
  const { user, codeId } = found;

  // Checked once the code is proven (so it tells a stranger nothing) and before the code is used
  // up, so a refused password can be replaced with the same code.
  const passwordHash = await hashChosenPassword(
    input.newPassword,
    { name: user.name, phone: user.phone, email: user.email, regionName: region.name },
    'body.newPassword',
  );
  await run(async (tx) => {
    const [used] = await tx
      .update(verificationCode)
      .set({ usedAt: new Date() })
      .where(and(eq(verificationCode.id, codeId), isNull(verificationCode.usedAt)))
      .returning({ id: verificationCode.id });
    if (!used) throw codeRefused();
    await tx.update(appUser).set({ passwordHash }).where(eq(appUser.id, user.id));
    // Whoever knew the old password, or holds a stolen session, is out.
    await tx.delete(session).where(eq(session.userId, user.id));
    await clearAccountFailures(tx, address, user.id);
    await emitEvent(tx, region.id, {
      type: 'core.user.password-reset',
      subject: user.id,
      summary: { id: 'Kata sandi diatur ulang dengan kode', en: 'Password reset with a code' },
    });
  });
  forgetUserSessions(user.id);
}
