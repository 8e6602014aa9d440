import { eq, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { registerInput } from '../../../shared/auth';
import type { Tx } from '../db/client';
import { appUser, userRole } from '../db/schema';
import { conflict } from '../errors';
import { emitEvent } from '../events/emit';
import type { Delivery } from './types';
import { deliveryTarget, issueVerificationCode } from './verification-code';

type RegisterData = z.output<typeof registerInput>;

/**
 * Creates a citizen account of the region (phone already E.164, e-mail lower-cased by the
 * schema) and a first verification code. The password is hashed by the caller, outside the
 * transaction, so a slow hash never holds a database connection.
 */
export async function registerCitizen(
  tx: Tx,
  regionId: string,
  input: RegisterData,
  passwordHash: string,
): Promise<{ userId: string; delivery: Delivery }> {
  const [user] = await tx
    .insert(appUser)
    .values({
      regionId,
      name: input.name,
      phone: input.phone ?? null,
      email: input.email ?? null,
      nik: input.nik ?? null,
      passwordHash,
    })
    .onConflictDoNothing()
    .returning({ id: appUser.id, name: appUser.name, phone: appUser.phone, email: appUser.email });
  if (!user) throw await duplicateAccount(tx, input);

  await tx.insert(userRole).values({ regionId, userId: user.id, role: 'citizen', opdId: null });
  const target = deliveryTarget(user)!;
  const code = await issueVerificationCode(tx, regionId, user.id, target.channel);
  // Events reach the live stream (walls, screens in a command room): no name, no account id, no
  // contact details. The event still counts registrations (usage analytics, LIVE Room widgets);
  // who registered is in the account table for those allowed to see it.
  await emitEvent(tx, regionId, {
    type: 'core.user.registered',
    summary: { id: 'Warga baru mendaftar', en: 'A citizen registered' },
    data: { channel: target.channel },
  });
  return { userId: user.id, delivery: { ...target, code } };
}

/** Says which of phone and e-mail is taken; registration is public, so this much is disclosed. */
async function duplicateAccount(tx: Tx, input: RegisterData) {
  const clauses = [];
  if (input.phone) clauses.push(eq(appUser.phone, input.phone));
  if (input.email) clauses.push(eq(appUser.email, input.email));
  const taken = await tx
    .select({ phone: appUser.phone, email: appUser.email })
    .from(appUser)
    .where(or(...clauses));
  const fields: string[] = [];
  if (input.phone && taken.some((t) => t.phone === input.phone)) fields.push('phone');
  if (input.email && taken.some((t) => t.email === input.email)) fields.push('email');
  if (fields.length === 1 && fields[0] === 'email')
    return conflict(
      {
        id: 'E-mail sudah terdaftar di daerah ini.',
        en: 'This e-mail is already registered in this region.',
      },
      { fields },
    );
  if (fields.length === 1)
    return conflict(
      {
        id: 'Nomor telepon sudah terdaftar di daerah ini.',
        en: 'This phone number is already registered in this region.',
      },
      { fields },
    );
  return conflict(
    {
      id: 'Nomor telepon atau e-mail sudah terdaftar di daerah ini.',
      en: 'Phone number or e-mail is already registered in this region.',
    },
    { fields },
  );
}
