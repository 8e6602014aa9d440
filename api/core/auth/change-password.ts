import { and, eq, ne } from 'drizzle-orm';
import { appUser, session } from '../db/schema';
import { AppError, invalid } from '../errors';
import { emitEvent } from '../events/emit';
import { verifyPassword } from './password';
import { hashChosenPassword } from './password-strength';
import { forgetUserSessions } from './sessions';
import type { RunInRegion } from './types';

/**
 * Replaces the password after checking the current one, and signs out every other session of
 * the account (a changed password must lock out whoever else knew the old one). The current
 * session stays. Hashing runs outside transactions.
 */
export async function changePassword(
  run: RunInRegion,
  region: { id: string; name: string },
  actor: { id: string; name: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const [user] = await run((tx) =>
    tx
      .select({ passwordHash: appUser.passwordHash, phone: appUser.phone, email: appUser.email })
      .from(appUser)
      .where(eq(appUser.id, actor.id)),
  );
  if (!user) throw new AppError('SESSION_EXPIRED');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw invalid({ id: 'Kata sandi saat ini salah.', en: 'The current password is wrong.' }, [
      { path: 'body.currentPassword', message: 'wrong' },
    ]);
  const passwordHash = await hashChosenPassword(
    input.newPassword,
    { name: actor.name, phone: user.phone, email: user.email, regionName: region.name },
    'body.newPassword',
  );
  await run(async (tx) => {
    await tx.update(appUser).set({ passwordHash }).where(eq(appUser.id, actor.id));
    await tx.delete(session).where(and(eq(session.userId, actor.id), ne(session.id, actor.sessionId)));
    await emitEvent(tx, region.id, {
      type: 'core.user.password-changed',
      actor: { id: actor.id, name: actor.name },
      subject: actor.id,
      summary: { id: `Kata sandi diganti: ${actor.name}`, en: `Password changed: ${actor.name}` },
    });
  });
  // Other processes drop their cached copies within the session cache's short lifetime.
  forgetUserSessions(actor.id);
}
