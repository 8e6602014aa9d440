import { and, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { rolesUpdateInput, staffCreateInput } from '../../../shared/auth';
import type { Role } from '../../../shared/roles';
import { hashChosenPassword } from '../auth/password-strength';
import { forgetUserSessions, type SessionUser } from '../auth/sessions';
import { afterCommit } from '../db/after-commit';
import type { Tx } from '../db/client';
import { appUser, opd, session, userRole } from '../db/schema';
import { conflict, forbidden, invalid, notFound } from '../errors';
import { emitEvent } from '../events/emit';

type RoleGrant = { role: Exclude<Role, 'platform_admin'>; opdId: string | null };

/**
 * An OPD admin manages only the officers and admins of their own OPD; region admins (and
 * platform admins) manage every role except platform admin.
 */
function assertMayGrant(by: SessionUser, grants: RoleGrant[]) {
  const mine = by.roles.map((r) => r.role);
  if (mine.includes('region_admin') || mine.includes('platform_admin')) return;
  const myOpds = by.roles.filter((r) => r.role === 'opd_admin').map((r) => r.opdId);
  const ok = grants.every(
    (g) => (g.role === 'opd_officer' || g.role === 'opd_admin') && g.opdId && myOpds.includes(g.opdId),
  );
  if (!ok) throw forbidden();
}

/** Every OPD a grant names must exist in the region (RLS hides other regions' OPD). */
async function assertOpdsExist(tx: Tx, grants: RoleGrant[]) {
  const wanted = [...new Set(grants.flatMap((g) => (g.opdId ? [g.opdId] : [])))];
  if (wanted.length === 0) return;
  const found = await tx.select({ id: opd.id }).from(opd).where(inArray(opd.id, wanted));
  const missing = wanted.filter((id) => !found.some((f) => f.id === id));
  if (missing.length > 0)
    throw invalid({ id: 'OPD tidak ditemukan di daerah ini.', en: 'No such OPD in this region.' }, [
      { path: 'body.roles.opdId', missing },
    ]);
}

async function rolesOf(tx: Tx, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, { role: Role; opdId: string | null }[]>();
  const rows = await tx.select().from(userRole).where(inArray(userRole.userId, userIds));
  const map = new Map<string, { role: Role; opdId: string | null }[]>();
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), { role: r.role, opdId: r.opdId }]);
  return map;
}

const view = (u: typeof appUser.$inferSelect, roles: { role: Role; opdId: string | null }[]) => ({
  id: u.id,
  name: u.name,
  phone: u.phone,
  email: u.email,
  roles,
  disabled: u.disabledAt !== null,
  createdAt: u.createdAt.toISOString(),
});

/** Region and platform admins see every account of the region, citizens included. */
const seesEveryone = (by: SessionUser) =>
  by.roles.some((r) => r.role === 'region_admin' || r.role === 'platform_admin');

/**
 * Accounts an admin may list. An OPD admin sees only the officers and admins of their own OPD:
 * citizens' phone numbers and e-mail addresses are none of an OPD's business (UU PDP: personal
 * data only to the roles that need it). Region admins see everyone.
 */
export async function listUsers(tx: Tx, by: SessionUser, q: { q?: string; role?: Role; limit: number }) {
  const filters = [];
  if (!seesEveryone(by)) {
    const myOpds = by.roles.filter((r) => r.role === 'opd_admin' && r.opdId).map((r) => r.opdId as string);
    if (myOpds.length === 0) return [];
    filters.push(
      sql`exists (select 1 from ${userRole} where ${userRole.userId} = ${appUser.id} and ${inArray(userRole.role, ['opd_admin', 'opd_officer'])} and ${inArray(userRole.opdId, myOpds)})`,
    );
  }
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(appUser.name, like), ilike(appUser.email, like), ilike(appUser.phone, like)));
  }
  if (q.role)
    filters.push(
      sql`exists (select 1 from ${userRole} where ${userRole.userId} = ${appUser.id} and ${userRole.role} = ${q.role})`,
    );
  const users = await tx
    .select()
    .from(appUser)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(appUser.createdAt))
    .limit(q.limit);
  const roles = await rolesOf(
    tx,
    users.map((u) => u.id),
  );
  return users.map((u) => view(u, roles.get(u.id) ?? []));
}

export async function createStaff(
  tx: Tx,
  region: { id: string; name: string },
  by: SessionUser,
  input: z.infer<typeof staffCreateInput>,
) {
  const regionId = region.id;
  assertMayGrant(by, input.roles);
  await assertOpdsExist(tx, input.roles);
  const [user] = await tx
    .insert(appUser)
    .values({
      regionId,
      name: input.name,
      email: input.email ?? null,
      phone: input.phone ?? null,
      // The admin chooses it, so it is checked like any chosen password.
      passwordHash: await hashChosenPassword(input.password, { ...input, regionName: region.name }),
      verifiedAt: new Date(),
    })
    .onConflictDoNothing()
    .returning();
  if (!user)
    throw conflict({
      id: 'Telepon atau e-mail sudah terdaftar.',
      en: 'Phone or e-mail is already registered.',
    });
  await tx
    .insert(userRole)
    .values(input.roles.map((r) => ({ regionId, userId: user.id, role: r.role, opdId: r.opdId })));
  await emitEvent(tx, regionId, {
    type: 'core.user.created',
    actor: { id: by.userId, name: by.name },
    subject: user.id,
    summary: { id: `Akun staf dibuat: ${user.name}`, en: `Staff account created: ${user.name}` },
    data: { roles: input.roles.map((r) => r.role) },
  });
  return view(user, input.roles);
}

export async function updateUserRoles(
  tx: Tx,
  regionId: string,
  by: SessionUser,
  userId: string,
  input: z.infer<typeof rolesUpdateInput>,
) {
  const [user] = await tx.select().from(appUser).where(eq(appUser.id, userId));
  if (!user) throw notFound({ id: 'Pengguna tidak ditemukan.', en: 'User not found.' });
  const current = (await rolesOf(tx, [userId])).get(userId) ?? [];
  if (current.some((r) => r.role === 'platform_admin')) throw forbidden();
  assertMayGrant(by, [...(current as RoleGrant[]), ...input.roles]);
  await assertOpdsExist(tx, input.roles);
  await tx.delete(userRole).where(eq(userRole.userId, userId));
  if (input.roles.length)
    await tx
      .insert(userRole)
      .values(input.roles.map((r) => ({ regionId, userId, role: r.role, opdId: r.opdId })));
  let disabledAt = user.disabledAt;
  if (input.disabled !== undefined) {
    disabledAt = input.disabled ? (user.disabledAt ?? new Date()) : null;
    await tx.update(appUser).set({ disabledAt }).where(eq(appUser.id, userId));
    if (input.disabled) await tx.delete(session).where(eq(session.userId, userId));
  }
  afterCommit(tx, () => forgetUserSessions(userId));
  await emitEvent(tx, regionId, {
    type: 'core.user.roles-changed',
    actor: { id: by.userId, name: by.name },
    subject: userId,
    summary: { id: `Peran diubah: ${user.name}`, en: `Roles changed: ${user.name}` },
    data: { roles: input.roles.map((r) => r.role), disabled: disabledAt !== null },
  });
  return view({ ...user, disabledAt }, input.roles);
}
