import { coreRoleGrants, type Role } from '../../../shared/roles';
import type { SimpulModule } from '../modules/types';

/**
 * The permissions a set of roles grants in a region: core grants plus the grants of the modules
 * enabled there. Platform admins hold every permission.
 */
export function permissionsFor(roles: readonly Role[], enabledModules: readonly SimpulModule[]): Set<string> {
  const out = new Set<string>();
  for (const role of roles) {
    for (const p of coreRoleGrants[role]) out.add(p);
    for (const m of enabledModules) {
      if (role === 'platform_admin') for (const p of Object.keys(m.permissions)) out.add(p);
      for (const p of m.roleGrants[role] ?? []) out.add(p);
    }
  }
  return out;
}
