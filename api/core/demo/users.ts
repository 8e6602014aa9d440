import { eq, inArray } from 'drizzle-orm';
import type { Role } from '../../../shared/roles';
import { hashPassword } from '../auth/password';
import type { Tx } from '../db/client';
import { appUser, opd, userRole } from '../db/schema';
import { DEMO_PASSWORD } from './seed';

export type DemoPerson = { email: string; name: string; role: Role; opdCode?: string };

/** Demo accounts a module's seedDemo needs (idempotent): their ids by e-mail. */
export async function ensureDemoUsers(tx: Tx, regionId: string, people: DemoPerson[]) {
  const present = await tx
    .select({ id: appUser.id, email: appUser.email })
    .from(appUser)
    .where(
      inArray(
        appUser.email,
        people.map((p) => p.email),
      ),
    );
  const ids = new Map(present.map((p) => [p.email!, p.id]));
  // argon2id is the slow part: hashed once, and only when someone is missing.
  let hash: string | undefined;
  for (const p of people) {
    if (ids.has(p.email)) continue;
    hash ??= await hashPassword(DEMO_PASSWORD);
    const [o] = p.opdCode ? await tx.select({ id: opd.id }).from(opd).where(eq(opd.code, p.opdCode)) : [];
    const [u] = await tx
      .insert(appUser)
      .values({ regionId, name: p.name, email: p.email, passwordHash: hash, verifiedAt: new Date() })
      .returning({ id: appUser.id });
    await tx.insert(userRole).values({ regionId, userId: u!.id, role: p.role, opdId: o?.id ?? null });
    ids.set(p.email, u!.id);
  }
  return ids;
}
