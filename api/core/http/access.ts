import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../shared/roles';
import { permissionsFor } from '../auth/permissions';
import { cachedSession, findSession, SESSION_COOKIE, type SessionUser } from '../auth/sessions';
import { inRegion } from '../db/scope';
import { AppError } from '../errors';
import type { SimpulModule } from '../modules/types';
import type { AppContext } from './context';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Permission sets per region module-state map (a new map whenever the switches change, so a
 * switch never serves a stale set) and role list: every request of a role in a region shares one
 * read-only set instead of building it again.
 */
// region-safe: holds permission names per role list, no region's data (the key is a region's switch map).
const grantCache = new WeakMap<Map<string, { enabled: boolean }>, Map<string, ReadonlySet<string>>>();
function grantsOf(
  states: Map<string, { enabled: boolean }>,
  modules: readonly SimpulModule[],
  roles: readonly { role: Role }[],
): ReadonlySet<string> {
  let byRoles = grantCache.get(states);
  if (!byRoles) {
    byRoles = new Map();
    grantCache.set(states, byRoles);
  }
  const key = roles.map((r) => r.role).join(',');
  let set = byRoles.get(key);
  if (!set) {
    set = permissionsFor(
      roles.map((r) => r.role),
      modules.filter((m) => states.get(m.id)?.enabled),
    );
    byRoles.set(key, set);
  }
  return set;
}

/**
 * Loads the signed-in account of the request's region (if any), computes its permissions and
 * enforces the route's declared access. CSRF: a state-changing request that carries a session
 * cookie must echo the session's token in `x-csrf-token`. Synchronous (no promise, no await) when
 * the session and the region's module switches are in this process's caches, as on nearly every
 * request; otherwise it loads them and returns a promise.
 */
export function authenticate(
  req: FastifyRequest,
  ctx: AppContext,
  modules: readonly SimpulModule[],
): void | Promise<void> {
  const access = req.routeOptions.config.access ?? 'public';
  req.permissions = new Set();
  if (req.routeOptions.config.anonymous) {
    if (access !== 'public') throw new Error('an anonymous route must be public');
    return;
  }
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return enforce(req, access, token);
  const regionId = req.region.id;
  const user = cachedSession(regionId, token);
  const states = ctx.directory.loadedModuleStates(regionId);
  if (user !== undefined && (user === null || states)) {
    signIn(req, user, states, modules);
    return enforce(req, access, token);
  }
  return (async () => {
    const found = await findSession((work) => inRegion(ctx.database, { regionId }, work), regionId, token);
    signIn(req, found, found ? await ctx.directory.moduleStates(regionId) : undefined, modules);
    enforce(req, access, token);
  })();
}

function signIn(
  req: FastifyRequest,
  user: SessionUser | null,
  states: Map<string, { enabled: boolean }> | undefined,
  modules: readonly SimpulModule[],
) {
  req.user = user;
  if (!user || !states) return;
  req.permissions = grantsOf(states, modules, user.roles);
  if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== user.csrfToken)
    throw new AppError('CSRF_FAILED');
}

function enforce(req: FastifyRequest, access: string, token: string | undefined) {
  if (access === 'public' || access === 'none') return;
  if (!req.user) throw new AppError(token ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  if (access !== 'user' && !req.permissions.has(access))
    throw new AppError('FORBIDDEN', { details: { required: access } });
}
