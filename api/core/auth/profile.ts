import { and, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { profileUpdateInput } from '../../../shared/auth';
import type { Tx } from '../db/client';
import { appUser } from '../db/schema';
import { AppError, conflict, invalid } from '../errors';

type ProfileUpdate = z.output<typeof profileUpdateInput>;

/**
 * Changes the account's own name, e-mail and NIK. The phone number is the sign-in identity and
 * is not changed here. An e-mail-only account that changes its e-mail must verify it again.
 */
export async function updateProfile(tx: Tx, userId: string, input: ProfileUpdate): Promise<void> {
  const [user] = await tx
    .select({ phone: appUser.phone, email: appUser.email })
    .from(appUser)
    .where(eq(appUser.id, userId))
    .for('update');
  if (!user) throw new AppError('SESSION_EXPIRED');

  const changes: Partial<typeof appUser.$inferInsert> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.nik !== undefined) changes.nik = input.nik;
  if (input.email !== undefined && input.email !== user.email) {
    if (input.email === null && !user.phone)
      throw invalid(
        {
          id: 'E-mail tidak bisa dihapus dari akun tanpa nomor telepon.',
          en: 'The e-mail cannot be removed from an account without a phone number.',
        },
        [{ path: 'body.email', message: 'required' }],
      );
    if (input.email !== null) {
      const [taken] = await tx
        .select({ id: appUser.id })
        .from(appUser)
        .where(and(eq(appUser.email, input.email), ne(appUser.id, userId)));
      if (taken)
        throw conflict(
          {
            id: 'E-mail sudah terdaftar di daerah ini.',
            en: 'This e-mail is already registered in this region.',
          },
          { fields: ['email'] },
        );
    }
    changes.email = input.email;
    if (!user.phone) changes.verifiedAt = null;
  }
  if (Object.keys(changes).length > 0) await tx.update(appUser).set(changes).where(eq(appUser.id, userId));
}
