import { eq } from 'drizzle-orm';
import type { MeView } from '../../../shared/auth';
import { maskNik } from '../../../shared/indonesia';
import type { Role } from '../../../shared/roles';
import type { Tx } from '../db/client';
import { appUser, userRole } from '../db/schema';
import { AppError } from '../errors';
import type { SimpulModule } from '../modules/types';
import type { RegionDirectory } from '../regions/directory';
import { permissionsFor } from './permissions';

export type MeUser = MeView['user'];

/** The signed-in account as its owner may see it: NIK masked, no hash, no TOTP secret. */
export async function loadMe(tx: Tx, userId: string): Promise<MeUser> {
  const [u] = await tx.select().from(appUser).where(eq(appUser.id, userId));
  // The account vanished under a live session (deleted by an admin): treat as signed out.
  if (!u) throw new AppError('SESSION_EXPIRED');
  const roles = await tx
    .select({ role: userRole.role, opdId: userRole.opdId })
    .from(userRole)
    .where(eq(userRole.userId, userId));
  return {
    id: u.id,
    name: u.name,
    phone: u.phone,
    email: u.email,
    nikMasked: u.nik ? maskNik(u.nik) : null,
    verified: u.verifiedAt !== null,
    totpEnabled: u.totpEnabledAt !== null,
    roles,
  };
}

export function presentMe(user: MeUser, permissions: Iterable<string>, csrfToken: string): MeView {
  return { user, permissions: [...permissions].sort(), csrfToken };
}

/**
 * Permissions of roles in a region, for a session opened by this very request (sign-in,
 * registration), where the access hook had no session to compute them from.
 */
export async function permissionsInRegion(
  directory: RegionDirectory,
  modules: readonly SimpulModule[],
  regionId: string,
  roles: readonly { role: Role }[],
): Promise<Set<string>> {
  const states = await directory.moduleStates(regionId);
  return permissionsFor(
    roles.map((r) => r.role),
    modules.filter((m) => states.get(m.id)?.enabled),
  );
}
