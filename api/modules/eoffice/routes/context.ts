import type { FastifyRequest } from 'fastify';
import { eofficeSettings } from '../../../../shared/modules/eoffice';
import { todayInRegion } from '../../../core/calendar/region-calendar';
import type { Tx } from '../../../core/db/client';
import { regionKeySigner } from '../../../core/documents/signing';
import { moduleSettingsIn } from '../../../core/modules/settings';
import { type Viewer, viewerOf } from '../access';
import type { ManageScope } from '../org';
import type { SignDeps } from '../sign';

export const tags = ['eoffice'];

/** Region admins reach every OPD; an OPD admin their own OPDs. */
function scopeOf(req: FastifyRequest, role: 'opd_admin'): ManageScope {
  const roles = req.user?.roles ?? [];
  if (roles.some((r) => r.role === 'region_admin' || r.role === 'platform_admin')) return 'all';
  return new Set(roles.filter((r) => r.role === role && r.opdId).map((r) => r.opdId!));
}

export const manageScope = (req: FastifyRequest) => scopeOf(req, 'opd_admin');

/** The signed-in person as eOffice sees them: today's positions, their reach, their archive. */
export async function viewer(tx: Tx, req: FastifyRequest): Promise<Viewer> {
  const today = await todayInRegion(tx);
  const archive = req.permissions.has('eoffice:archive') ? scopeOf(req, 'opd_admin') : new Set<string>();
  return viewerOf(tx, req.actor(), today, archive);
}

export const settingsIn = (tx: Tx) => moduleSettingsIn(tx, 'eoffice', eofficeSettings);

/** The built-in signer (the region's key); a certified provider (BSrE) replaces it here. */
export async function signDeps(tx: Tx, req: FastifyRequest): Promise<SignDeps> {
  return {
    files: req.server.simpul.files,
    signer: regionKeySigner,
    region: { id: req.region.id, name: req.region.name },
    origin: `${req.protocol}://${req.host}${req.basePath}`,
    settings: await settingsIn(tx),
  };
}
