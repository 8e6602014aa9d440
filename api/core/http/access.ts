import type { FastifyRequest } from 'fastify';
import { permissionsFor } from '../auth/permissions';
import { findSession, SESSION_COOKIE } from '../auth/sessions';
import { inRegion } from '../db/scope';
import { AppError } from '../errors';
import type { SimpulModule } from '../modules/types';
import type { AppContext } from './context';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Loads the signed-in account of the request's region (if any), computes its permissions and
 * enforces the route's declared access. CSRF: a state-changing request that carries a session
 * cookie must echo the session's token in `x-csrf-token`.
 */
export async function authenticate(req: FastifyRequest, ctx: AppContext, modules: readonly SimpulModule[]) {
  const access = req.routeOptions.config.access ?? 'public';
  req.permissions = new Set();
  if (req.routeOptions.config.anonymous) {
    if (access !== 'public') throw new Error('an anonymous route must be public');
    return;
  }
  const token = req.cookies[SESSION_COOKIE];
  if (token) {
    req.user = await findSession(
      (work) => inRegion(ctx.database, { regionId: req.region.id }, work),
      req.region.id,
      token,
    );
    if (req.user) {
      const states = await ctx.directory.moduleStates(req.region.id);
      const enabled = modules.filter((m) => states.get(m.id)?.enabled);
      req.permissions = permissionsFor(
        req.user.roles.map((r) => r.role),
        enabled,
      );
      if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== req.user.csrfToken)
        throw new AppError('CSRF_FAILED');
    }
  }
  if (access === 'public' || access === 'none') return;
  if (!req.user) throw new AppError(token ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  if (access !== 'user' && !req.permissions.has(access))
    throw new AppError('FORBIDDEN', { details: { required: access } });
}
